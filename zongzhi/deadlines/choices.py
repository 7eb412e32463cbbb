from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("Working days")
    NATURAL_DAYS = "natural_days", _("Natural days")
    HOURS = "hours", _("Hours")
    MONTHS = "months", _("Months")


class Direction(models.TextChoices):
    AFTER = "after", _("After the start event")
    BEFORE = "before", _("Before the start event")


class DayKind(models.TextChoices):
    OFF = "off", _("Holiday (off)")
    MAKEUP_WORKDAY = "makeup_workday", _("Make-up working day")
