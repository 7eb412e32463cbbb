"""Inspections of enterprises and other subjects (涉企行政检查): published items, plans, random draws (双随机),
registered inspections with their checklist, photos and findings, joint inspections (综合查一次) and the
inspection code that an enterprise scans to verify an inspection and rate it.

State changes go through ``services``; these models hold the data and their cross-field rules."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import (
    ConflictKind,
    DrawStatus,
    FindingAction,
    InspectionMode,
    InspectionResult,
    InspectionStatus,
    JointStatus,
    PlanKind,
    PlanStatus,
    PointResult,
)


def new_code() -> str:
    """An unguessable inspection code (检查码): 16 characters from a 32-letter alphabet, 80 bits."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(16))


class InspectionItem(BaseModel):
    """An inspection item (检查事项) of an agency: what is checked, on which legal basis, with its checklist. Only a
    published item may be used in a plan or an inspection (国办发〔2024〕54号)."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="inspection_items")
    code = models.CharField(_("code"), max_length=64)
    name = models.CharField(pgettext_lazy("item", "name"), max_length=200, db_index=True)
    matter = models.ForeignKey("catalog.Matter", verbose_name=_("matter"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="inspection_item_set")
    domain = models.ForeignKey("agencies.Domain", verbose_name=_("domain"), on_delete=models.PROTECT,
                               related_name="inspection_items",
                               help_text=_("Taken from the matter when a matter is chosen."))
    basis = models.TextField(_("legal basis"), help_text=_("The provisions that authorise this inspection."))
    checklist = models.TextField(_("checklist points"), blank=True,
                                 help_text=_("One point a line; each is answered on site."))
    published = models.BooleanField(_("published"), default=False, db_index=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path", ancestors_visible=True)

    class Meta:
        verbose_name = _("inspection item")
        verbose_name_plural = _("inspection items")
        ordering = ["agency_id", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="inspections_item_code_unique")]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        errors = {}
        if self.matter_id and not self.domain_id:
            self.domain_id = self.matter.domain_id
        if self.matter_id and self.domain_id and self.matter.domain_id != self.domain_id:
            errors["domain"] = _("The matter belongs to the domain %(domain)s.") % {"domain": self.matter.domain}
        if not self.domain_id and "domain" not in errors:
            errors["domain"] = _("Choose a matter or a domain.")
        if not (self.basis or "").strip():
            errors["basis"] = _("Give the legal basis of the inspection.")
        if errors:
            raise ValidationError(errors)

    @property
    def points(self) -> list[str]:
        return [line.strip() for line in (self.checklist or "").splitlines() if line.strip()]


class InspectionPlan(BaseModel):
    """An annual or special inspection plan of an agency: draft → approved (by a leader) → published."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="inspection_plans")
    name = models.CharField(pgettext_lazy("plan", "name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=PlanKind.choices, default=PlanKind.ANNUAL,
                            db_index=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    items = models.ManyToManyField(InspectionItem, verbose_name=_("inspection items"), related_name="plans")
    planned_count = models.PositiveIntegerField(_("planned inspections"), default=0)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT,
                              db_index=True, editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)
    approved_on = models.DateField(_("approved on"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path", ancestors_visible=True)

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-year", "agency_id", "id"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="inspections_plan_period_ordered")]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end cannot be before the start.")
        if self.year and self.starts_on and self.starts_on.year != self.year:
            errors["starts_on"] = _("The plan starts in another year.")
        if errors:
            raise ValidationError(errors)


class ConflictOfInterest(BaseModel):
    """An officer who must not inspect a subject (利害关系回避): declared by the officer or recorded by the agency.
    Random draws leave the officer out for that subject."""

    officer = models.ForeignKey("officers.Officer", verbose_name=_("officer"), on_delete=models.CASCADE,
                                related_name="conflicts")
    subject = models.ForeignKey("subjects.Subject", verbose_name=_("subject"), on_delete=models.CASCADE,
                                related_name="conflicts")
    kind = models.CharField(_("kind"), max_length=16, choices=ConflictKind.choices, default=ConflictKind.DECLARED)
    reason = models.CharField(_("reason"), max_length=200)

    scope = ScopeSpec(region="officer__agency__region__path", agency="officer__agency__path")

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["officer_id", "subject_id"]
        constraints = [models.UniqueConstraint(fields=["officer", "subject"], name="inspections_conflict_unique")]

    def __str__(self):
        return f"{self.officer} ↔ {self.subject}"


class Draw(BaseModel):
    """A random draw (双随机抽查): subjects by filter and ratio or count, inspectors from the certified pool of the
    agency. The seed and the inputs are recorded (and so in the change log): ``services.verify_draw`` re-runs it."""

    plan = models.ForeignKey(InspectionPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="draws")
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="draws", editable=False)
    name = models.CharField(pgettext_lazy("draw", "name"), max_length=200)
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+", help_text=_("Subjects in this region and the townships below it."))
    area = models.ForeignKey("subjects.Area", verbose_name=_("area"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    risk_classes = models.JSONField(_("risk classes"), default=list, blank=True)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    ratio = models.DecimalField(_("ratio (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    count = models.PositiveIntegerField(_("number of subjects"), null=True, blank=True)
    inspectors_per_inspection = models.PositiveSmallIntegerField(
        _("inspectors per inspection"), default=2, validators=[MinValueValidator(2)],
        help_text=_("At least two (行政处罚法 Art. 42)."))
    scheduled_for = models.DateField(_("inspections on"))
    seed = models.BigIntegerField(_("seed"), null=True, blank=True, editable=False)
    inputs = models.JSONField(_("inputs"), default=dict, blank=True, editable=False)
    result = models.JSONField(_("result"), default=list, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=DrawStatus.choices, default=DrawStatus.DRAFT,
                              db_index=True, editable=False)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True, editable=False)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("drawn by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", editable=False)
    results_due = models.DateField(_("results due"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

    class Meta:
        verbose_name = _("random draw")
        verbose_name_plural = _("random draws")
        ordering = ["-id"]
        constraints = [models.CheckConstraint(condition=Q(inspectors_per_inspection__gte=2),
                                              name="inspections_draw_two_inspectors")]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.plan_id:
            self.agency_id = self.plan.agency_id
        if (self.ratio is None) == (self.count is None):
            errors["count"] = _("Give either a ratio or a number of subjects.")
        if self.inspectors_per_inspection is not None and self.inspectors_per_inspection < 2:
            errors["inspectors_per_inspection"] = _("At least two inspectors (行政处罚法 Art. 42).")
        if self.area_id and self.region_id and not self.area.region.path.startswith(self.region.path):
            errors["area"] = _("The area lies outside the region.")
        if self.agency_id and self.region_id and not self.region.path.startswith(self.agency.region.path):
            errors["region"] = _("The draw can only cover the agency's own jurisdiction (%(region)s).") % {
                "region": self.agency.region}
        if errors:
            raise ValidationError(errors)

    def get_public_url(self):
        return reverse("inspections:draw_public", args=[self.pk])


class JointInspection(BaseModel):
    """Several departments' inspections of one subject merged into one visit (综合查一次), led by one agency."""

    subject = models.ForeignKey("subjects.Subject", verbose_name=_("subject"), on_delete=models.PROTECT,
                                related_name="joint_inspections")
    lead_agency = models.ForeignKey("agencies.Agency", verbose_name=_("lead agency"), on_delete=models.PROTECT,
                                    related_name="led_joint_inspections")
    agencies = models.ManyToManyField("agencies.Agency", verbose_name=_("participating agencies"),
                                      related_name="joint_inspections")
    scheduled_for = models.DateField(_("scheduled for"), db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=JointStatus.choices,
                              default=JointStatus.SCHEDULED, db_index=True, editable=False)
    visits_saved = models.PositiveIntegerField(_("visits saved"), default=0, editable=False)
    note = models.TextField(_("note"), blank=True)

    scope = ScopeSpec(region="subject__region__path", agency="lead_agency__path")

    class Meta:
        verbose_name = _("joint inspection")
        verbose_name_plural = _("joint inspections")
        ordering = ["-scheduled_for", "-id"]

    def __str__(self):
        return f"{self.subject} · {self.scheduled_for:%Y-%m-%d}"


class Inspection(BaseModel):
    """A registered inspection (a visit): who inspects whom, on which items, when, and with what result."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="inspections")
    subject = models.ForeignKey("subjects.Subject", verbose_name=_("subject"), on_delete=models.PROTECT,
                                related_name="inspections")
    plan = models.ForeignKey(InspectionPlan, verbose_name=_("plan"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="inspections")
    draw = models.ForeignKey(Draw, verbose_name=_("random draw"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="inspections", editable=False)
    joint = models.ForeignKey(JointInspection, verbose_name=_("joint inspection"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="inspections", editable=False)
    follow_up_of = models.ForeignKey("self", verbose_name=_("follow-up of"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="follow_ups", editable=False)
    items = models.ManyToManyField(InspectionItem, verbose_name=_("inspection items"), related_name="inspections")
    inspectors = models.ManyToManyField("officers.Officer", verbose_name=_("inspectors"), related_name="inspections")
    mode = models.CharField(_("mode"), max_length=16, choices=InspectionMode.choices, default=InspectionMode.ON_SITE,
                            db_index=True)
    non_site = models.BooleanField(_("non-site"), default=False, db_index=True,
                                   help_text=_("Checked remotely (云巡查): counted apart in statistics."))
    date = models.DateField(_("date"), db_index=True)
    scheduled_at = models.DateTimeField(_("scheduled at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=InspectionStatus.choices,
                              default=InspectionStatus.SCHEDULED, db_index=True, editable=False)
    result = models.CharField(_("result"), max_length=16, choices=InspectionResult.choices, blank=True,
                              db_index=True, editable=False)
    summary = models.TextField(_("summary"), blank=True)
    code = models.CharField(_("inspection code"), max_length=16, unique=True, default=new_code, editable=False)
    warnings = models.JSONField(_("warnings"), default=list, blank=True, editable=False)
    limit_reason = models.TextField(_("reason for exceeding the limits"), blank=True, editable=False)
    finding_count = models.PositiveIntegerField(_("findings"), default=0, editable=False)

    scope = ScopeSpec(region="subject__region__path", agency="agency__path")

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["subject", "date"], name="inspections_subject_date_idx"),
            models.Index(fields=["agency", "date"], name="inspections_agency_date_idx"),
            models.Index(fields=["date", "id"], name="inspections_date_id_idx"),
        ]

    def __str__(self):
        return f"{self.subject} · {self.date:%Y-%m-%d}"

    def get_public_url(self):
        return reverse("inspections:code", args=[self.code])

    @property
    def is_open(self):
        return self.status in (InspectionStatus.SCHEDULED, InspectionStatus.IN_PROGRESS)


class ChecklistResult(BaseModel):
    """The answer to one checklist point of an item in one inspection."""

    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE,
                                   related_name="checklist_results")
    item = models.ForeignKey(InspectionItem, verbose_name=_("inspection item"), on_delete=models.PROTECT,
                             related_name="+")
    number = models.PositiveSmallIntegerField(_("point number"))
    point = models.CharField(_("checklist point"), max_length=300)
    result = models.CharField(_("result"), max_length=16, choices=PointResult.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope = ScopeSpec(region="inspection__subject__region__path", agency="inspection__agency__path")

    class Meta:
        verbose_name = _("checklist result")
        verbose_name_plural = _("checklist results")
        ordering = ["inspection_id", "item_id", "number"]
        constraints = [models.UniqueConstraint(fields=["inspection", "item", "number"],
                                               name="inspections_point_unique")]

    def __str__(self):
        return f"{self.point}: {self.get_result_display()}"

    def clean(self):
        if self.result == PointResult.DOES_NOT and not (self.note or "").strip():
            raise ValidationError({"note": _("Say what does not conform.")})


def photo_path(instance, filename):
    return f"inspections/{instance.inspection_id}/{instance.sha256[:2]}/{instance.sha256}{instance.extension}"


class InspectionPhoto(BaseModel):
    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT,
                                   related_name="photos")
    file = models.FileField(_("file"), upload_to=photo_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    content_type = models.CharField(_("type"), max_length=64, editable=False)
    size = models.PositiveIntegerField(_("size"), editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    extension = models.CharField(max_length=8, editable=False)

    scope = ScopeSpec(region="inspection__subject__region__path", agency="inspection__agency__path")

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["inspection_id", "id"]

    def __str__(self):
        return self.caption or self.sha256[:12]


class Finding(BaseModel):
    """A problem found in an inspection; it may order a correction (with a follow-up re-inspection) or open a
    clue."""

    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT,
                                   related_name="findings")
    description = models.TextField(_("description"), max_length=2000)
    matter = models.ForeignKey("catalog.Matter", verbose_name=_("matter"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    action = models.CharField(pgettext_lazy("finding", "action"), max_length=16, choices=FindingAction.choices, blank=True, default="",
                              editable=False)
    correction_deadline = models.DateField(_("correct by"), null=True, blank=True, editable=False)
    follow_up = models.ForeignKey(Inspection, verbose_name=_("follow-up inspection"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+", editable=False)
    clue = models.ForeignKey("cases.Clue", verbose_name=_("clue"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="inspection_findings", editable=False)
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="inspection_findings", editable=False,
                             help_text=_("The case filed on this finding, once the clue becomes a case."))

    scope = ScopeSpec(region="inspection__subject__region__path", agency="inspection__agency__path")

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["inspection_id", "id"]

    def __str__(self):
        return self.description[:40]


class Rating(models.Model):
    """The enterprise's anonymous rating of an inspection, given once through the inspection code."""

    inspection = models.OneToOneField(Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE,
                                      related_name="rating")
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)

    scope = ScopeSpec(region="inspection__subject__region__path", agency="inspection__agency__path")

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [models.CheckConstraint(condition=Q(score__gte=1, score__lte=5),
                                              name="inspections_rating_score_range")]

    def __str__(self):
        return f"{self.score}"
