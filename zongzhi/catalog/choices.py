from django.db import models
from django.utils.translation import gettext_lazy as _


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
