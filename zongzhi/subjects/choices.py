from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SubjectKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    INDIVIDUAL_BUSINESS = "individual_business", _("Individual business")
    PERSON = "person", _("Natural person")
    PLACE = "place", pgettext_lazy("subject kind", "Place")
    PROJECT = "project", _("Project")


class Category(models.TextChoices):
    CATERING = "catering", _("Catering")
    RETAIL = "retail", _("Retail shop")
    MARKET_STALL = "market_stall", _("Market stall")
    MARKET = "market", _("Market")
    AGRICULTURAL_INPUTS = "agricultural_inputs", _("Agricultural inputs dealer")
    FARM = "farm", _("Farm")
    CONSTRUCTION = "construction", _("Construction site")
    MANUFACTURING = "manufacturing", _("Manufacturing and processing")
    ENTERTAINMENT = "entertainment", _("Culture and entertainment venue")
    RIVER = "river", _("River or reservoir")
    OTHER = "other", pgettext_lazy("category", "Other")


class RiskClass(models.TextChoices):
    """Risk classes A–D (分类管理, seed 000): the class decides the management strategy."""

    A = "a", _("Class A (low risk)")
    B = "b", _("Class B (ordinary risk)")
    C = "c", _("Class C (elevated risk)")
    D = "d", _("Class D (high risk)")


RISK_COLORS = {"a": "green", "b": "azure", "c": "orange", "d": "red"}
# The same colours for the map (Tabler's palette), so that a marker matches its badge.
RISK_HEX = {"a": "#2fb344", "b": "#4299e1", "c": "#f76707", "d": "#d63939"}


class CreditClass(models.TextChoices):
    TRUSTWORTHY = "trustworthy", _("Trustworthy")
    ORDINARY = "ordinary", _("Ordinary")
    WATCH = "watch", _("Under watch")
    UNTRUSTWORTHY = "untrustworthy", _("Untrustworthy")


CREDIT_COLORS = {"trustworthy": "green", "ordinary": "secondary", "watch": "yellow", "untrustworthy": "red"}


class InspectionMode(models.TextChoices):
    ON_SITE = "on_site", _("On-site inspection")
    NON_SITE = "non_site", _("Non-site inspection")
    RANDOM = "random", _("Random inspection (双随机)")


class AreaKind(models.TextChoices):
    AREA = "area", _("Enforcement area")
    GRID = "grid", _("Grid")


class CoordinateSystem(models.TextChoices):
    """How a location was given: GPS and Tianditu use WGS84; Amap (高德), Tencent and Google China use GCJ-02."""

    WGS84 = "wgs84", _("WGS84 (GPS, Tianditu)")
    GCJ02 = "gcj02", _("GCJ-02 (Amap, Tencent)")
