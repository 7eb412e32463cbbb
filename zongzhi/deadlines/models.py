from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import DayKind, Direction, TimeUnit


class HolidayYear(BaseModel):
    """A year's holiday arrangement entered by an administrator (the State Council publishes each year's in
    November or December). Where present it is the authority for that year; otherwise the ``chinesecalendar``
    package is used; a year with neither is refused."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(_("source"), max_length=200, help_text=_("The notice, e.g. 国办发明电〔2024〕12号."))
    published = models.DateField(_("published on"), null=True, blank=True)

    scope = ScopeSpec(public=True)

    class Meta:
        verbose_name = _("holiday year")
        verbose_name_plural = _("holiday years")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class HolidayDay(BaseModel):
    """A day that breaks the ordinary rule (Monday–Friday work, weekends off)."""

    holiday_year = models.ForeignKey(HolidayYear, verbose_name=_("year"), on_delete=models.CASCADE,
                                     related_name="days")
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    festival = models.CharField(_("festival"), max_length=32, blank=True)

    scope = ScopeSpec(public=True)

    class Meta:
        verbose_name = _("holiday day")
        verbose_name_plural = _("holiday days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"

    def clean(self):
        if self.date and self.holiday_year_id and self.date.year != self.holiday_year.year:
            raise ValidationError({"date": _("The date must lie in the year %(year)s.") % {"year": self.holiday_year.year}})


class DeadlineRule(BaseModel):
    """A deadline of the law as data: how many units from which event, and the article that says so.
    A rule with a region overrides the national rule of the same code inside that region's subtree. National
    rules (seeded by ``seed_deadline_rules``) are the system administrator's; a justice bureau writes the local
    rules of its own region (scope follows ``region``)."""

    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=100)
    count = models.PositiveIntegerField(_("count"), validators=[MinValueValidator(1)])
    unit = models.CharField(_("unit"), max_length=16, choices=TimeUnit.choices)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.AFTER)
    start_event = models.CharField(_("start event"), max_length=100)
    citation = models.CharField(_("citation"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    region = models.ForeignKey("regions.Region", verbose_name=_("jurisdiction"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="deadline_rules",
                               help_text=_("Empty for the national rule; set for a local rule."))

    scope = ScopeSpec(region="region__path", public=True)

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["code", "region__code"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=models.Q(region__isnull=True),
                                    name="deadlines_rule_national_unique"),
            models.UniqueConstraint(fields=["code", "region"], name="deadlines_rule_local_unique"),
        ]

    def __str__(self):
        return f"{self.name} ({self.count} {self.get_unit_display()})"
