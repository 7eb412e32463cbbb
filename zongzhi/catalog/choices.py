from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MatterKind(models.TextChoices):
    PENALTY = "penalty", _("Administrative penalty (行政处罚)")
    COERCION = "coercion", _("Administrative coercion (行政强制)")
    INSPECTION = "inspection", _("Administrative inspection (行政检查)")


class AppliesTo(models.TextChoices):
    TOWN = "town", _("Towns and townships (乡镇)")
    SUBDISTRICT = "subdistrict", _("Sub-districts (街道)")
    BOTH = "both", _("Both")


class PenaltyType(models.TextChoices):
    """行政处罚法 Art. 9."""

    WARNING = "warning", _("Warning")
    CIRCULATED_CRITICISM = "criticism", _("Circulated criticism")
    FINE = "fine", _("Fine")
    CONFISCATE_GAINS = "confiscate_gains", _("Confiscation of illegal gains")
    CONFISCATE_PROPERTY = "confiscate_property", _("Confiscation of illegal property")
    SUSPEND_LICENCE = "suspend_licence", _("Suspension of a licence")
    LOWER_QUALIFICATION = "lower_qualification", _("Lowering of a qualification grade")
    REVOKE_LICENCE = "revoke_licence", _("Revocation of a licence")
    RESTRICT_BUSINESS = "restrict_business", _("Restriction of business activities")
    ORDER_SUSPENSION = "order_suspension", _("Order to suspend production or business")
    ORDER_CLOSURE = "order_closure", _("Order to close")
    RESTRICT_PRACTICE = "restrict_practice", _("Restriction of practice")
    OTHER = "other", _("Other penalty set by law")


class CatalogStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


CATALOG_STATUS_COLORS = {"draft": "secondary", "published": "green", "superseded": "yellow"}


class AcceptanceStatus(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("acceptance", "Accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ACCEPTANCE_STATUS_COLORS = {"accepted": "green", "withdrawn": "secondary"}


class Conclusion(models.TextChoices):
    """Seed 004: of 112 delegated items, 35 could be effectively accepted and 77 could not."""

    EFFECTIVE = "effective", _("Effectively accepted")
    NOT_YET_ABLE = "not_yet_able", _("Not yet able to accept")


CONCLUSION_COLORS = {"effective": "green", "not_yet_able": "red"}


class ChangeKind(models.TextChoices):
    ADDED = "added", _("Added")
    REMOVED = "removed", _("Removed")
    CHANGED = "changed", _("Changed")


CHANGE_COLORS = {"added": "green", "removed": "red", "changed": "yellow"}


class ImportKind(models.TextChoices):
    MATTERS = "matters", _("Matters")
    ITEMS = "items", _("Catalog items")
    ACCEPTANCES = "acceptances", _("Acceptances")


class JobStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# Agencies that accept delegated matters (the township's confirmed enforcement body).
TOWNSHIP_BODY_KINDS = ("township_government", "subdistrict_office")
# Township kinds (regions.TownshipKind) that count as 街道 for ``applies_to``; all others are 乡镇.
SUBDISTRICT_KIND = "subdistrict"
