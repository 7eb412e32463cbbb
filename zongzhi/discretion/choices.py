from django.db import models
from django.utils.translation import gettext_lazy as _


class StandardStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FILED = "filed", _("Filed")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


STATUS_COLORS = {"draft": "secondary", "filed": "blue", "published": "green", "superseded": "yellow"}

# Statuses of a version that has ever applied: drafts never apply; a superseded version still applies until its
# successor takes effect.
APPLICABLE_STATUSES = (StandardStatus.FILED, StandardStatus.PUBLISHED, StandardStatus.SUPERSEDED)


class Level(models.TextChoices):
    """裁量阶次, from the mildest to the heaviest."""

    NO_PENALTY = "no_penalty", _("No penalty")
    MITIGATED = "mitigated", _("Mitigated")
    LIGHTER = "lighter", _("Lighter")
    ORDINARY = "ordinary", _("Ordinary")
    HEAVIER = "heavier", _("Heavier")


LEVEL_ORDER = {value: i for i, value in enumerate(Level.values)}
LEVEL_COLORS = {"no_penalty": "green", "mitigated": "teal", "lighter": "cyan", "ordinary": "blue", "heavier": "red"}


class MultipleBase(models.TextChoices):
    """What a multiple is taken of; the value is also the name of the fact that carries the amount."""

    ILLEGAL_GAINS = "illegal_gains", _("Illegal gains")
    GOODS_VALUE = "goods_value", _("Value of the goods")
    BUILDING_COST = "building_cost", _("Construction cost of the project")
    RECLAMATION_FEE = "reclamation_fee", _("Farmland reclamation fee")


# How Matter.multiple_base (free text from the law) names each base.
MULTIPLE_BASE_WORDS = {MultipleBase.ILLEGAL_GAINS: "违法所得", MultipleBase.GOODS_VALUE: "货值",
                       MultipleBase.BUILDING_COST: "工程造价", MultipleBase.RECLAMATION_FEE: "耕地开垦费"}


class Flag(models.TextChoices):
    OUTSIDE_BAND = "outside_band", _("Outside the benchmark band")
    OUTSIDE_LEGAL_RANGE = "outside_legal_range", _("Below the legal minimum")
    TYPE_NOT_ALLOWED = "type_not_allowed", _("Penalty type not in the benchmark band")
