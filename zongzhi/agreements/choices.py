from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    """委托: the township acts in the department's name, which stays answerable (行政处罚法 Art. 20).
    赋权: the power itself passes to the township, which decides in its own name (行政处罚法 Art. 24)."""

    ENTRUSTMENT = "entrustment", _("Entrustment (委托)")
    DELEGATION = "delegation", _("Delegation (赋权)")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    PUBLISHED = "published", _("Published")
    TERMINATED = "terminated", _("Terminated")


STATUS_COLORS = {"draft": "secondary", "signed": "blue", "published": "green", "terminated": "red"}
KIND_COLORS = {"entrustment": "purple", "delegation": "orange"}

# Agencies on each side of an agreement (agencies.AgencyKind values).
DELEGATING_KINDS = ("county_department",)
RECEIVING_KINDS = ("township_government", "subdistrict_office")
