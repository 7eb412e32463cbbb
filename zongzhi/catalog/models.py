"""The catalog of powers: matters (权责事项) with their legal basis and range; guidance catalogs in versions
(赋权指导清单), the county's selection, each township's acceptance (承接) and its capacity evaluation."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import (
    SUBDISTRICT_KIND,
    TOWNSHIP_BODY_KINDS,
    AcceptanceStatus,
    AppliesTo,
    CatalogStatus,
    Conclusion,
    ImportKind,
    JobStatus,
    MatterKind,
    PenaltyType,
)

# 行政处罚法 Art. 36: two years; five years where life, health or financial safety is endangered with harm.
LIMITATION_YEARS = 2
LIMITATION_YEARS_SAFETY = 5


class Matter(BaseModel):
    """A power as the law defines it: what is violated, what the penalty provision allows, who held it."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=MatterKind.choices, default=MatterKind.PENALTY,
                            db_index=True)
    domain = models.ForeignKey("agencies.Domain", verbose_name=_("domain"), on_delete=models.PROTECT,
                               related_name="matters")
    violated_article = models.ForeignKey(
        "laws.Article", verbose_name=_("violated provision"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="violated_by_matters",
    )
    violated_paragraph = models.PositiveSmallIntegerField(_("paragraph"), null=True, blank=True)
    violated_item = models.PositiveSmallIntegerField(_("item"), null=True, blank=True)
    penalty_article = models.ForeignKey(
        "laws.Article", verbose_name=_("penalty provision"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="penalised_by_matters",
    )
    penalty_paragraph = models.PositiveSmallIntegerField(_("paragraph"), null=True, blank=True)
    penalty_item = models.PositiveSmallIntegerField(_("item"), null=True, blank=True)
    penalty_types = models.JSONField(_("penalty types"), default=list, blank=True,
                                     help_text=_("Codes of 行政处罚法 Art. 9 penalty types."))
    fine_min = models.DecimalField(_("minimum fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField(_("maximum fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    multiple_min = models.DecimalField(_("minimum multiple"), max_digits=6, decimal_places=2, null=True, blank=True,
                                       help_text=_("Of illegal gains or value, where the law sets a multiple."))
    multiple_max = models.DecimalField(_("maximum multiple"), max_digits=6, decimal_places=2, null=True, blank=True)
    multiple_base = models.CharField(_("multiple of"), max_length=64, blank=True,
                                     help_text=_("E.g. 违法所得, 货值金额."))
    original_department = models.CharField(_("original department"), max_length=100, blank=True)
    scope_limit = models.CharField(_("scope limit"), max_length=300, blank=True)
    applies_to = models.CharField(_("applies to"), max_length=16, choices=AppliesTo.choices, default=AppliesTo.BOTH,
                                  db_index=True)
    inspection_items = models.TextField(_("linked inspection items"), blank=True,
                                        help_text=_("The inspections (行政检查) that go with this matter."))
    coercive_measures = models.TextField(_("coercive measures"), blank=True)
    first_violation_exempt = models.BooleanField(
        _("first violation may go unpunished"), default=False,
        help_text=_("首违不罚 may apply (行政处罚法 Art. 33 para. 1)."),
    )
    endangers_safety = models.BooleanField(
        _("endangers life, health or financial safety"), default=False,
        help_text=_("Limitation of 5 years instead of 2 when there are harmful consequences (行政处罚法 Art. 36)."),
    )
    keeper = models.ForeignKey(
        "regions.Region", verbose_name=_("kept by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="kept_matters",
        help_text=_("The jurisdiction whose justice bureau keeps this record (empty: system administrators)."),
    )

    scope = ScopeSpec(region="keeper__path", public=True)

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        errors = {}
        if self.fine_min is not None and self.fine_max is not None and self.fine_min > self.fine_max:
            errors["fine_max"] = _("The maximum fine cannot be below the minimum.")
        if self.multiple_min is not None and self.multiple_max is not None and self.multiple_min > self.multiple_max:
            errors["multiple_max"] = _("The maximum multiple cannot be below the minimum.")
        if errors:
            raise ValidationError(errors)

    @property
    def violated_citation(self):
        return self.violated_article.citation(self.violated_paragraph, self.violated_item) if self.violated_article else ""

    @property
    def penalty_citation(self):
        return self.penalty_article.citation(self.penalty_paragraph, self.penalty_item) if self.penalty_article else ""

    @property
    def penalty_type_labels(self):
        labels = dict(PenaltyType.choices)
        return [labels.get(code, code) for code in self.penalty_types]

    @property
    def limitation_years(self):
        """行政处罚法 Art. 36."""
        return LIMITATION_YEARS_SAFETY if self.endangers_safety else LIMITATION_YEARS

    def applies_to_township(self, township_kind: str) -> bool:
        return applies(self.applies_to, township_kind)


def applies(applies_to: str, township_kind: str) -> bool:
    """Whether a matter for ``applies_to`` (乡镇 / 街道 / both) fits a township of ``township_kind``."""
    if applies_to == AppliesTo.BOTH:
        return True
    return (applies_to == AppliesTo.SUBDISTRICT) == (township_kind == SUBDISTRICT_KIND)


class DelegationCatalog(BaseModel):
    """One version of a guidance catalog (赋权指导清单) issued by a province or city. Published versions are
    frozen; publishing a new one supersedes its ``previous`` version (``services.publish_version``)."""

    issuer = models.ForeignKey("regions.Region", verbose_name=pgettext_lazy("catalog", "issued by"), on_delete=models.PROTECT,
                               related_name="issued_catalogs", help_text=_("The province or city that issued it."))
    keeper = models.ForeignKey(
        "regions.Region", verbose_name=_("kept by"), on_delete=models.PROTECT, related_name="kept_catalogs",
        help_text=_("The jurisdiction whose justice bureau keeps this record here (the issuer, or the county that "
                    "enters the issuer's list)."),
    )
    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=32, help_text=_("E.g. 2024版."))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    effective = models.DateField(_("effective from"), db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=CatalogStatus.choices, default=CatalogStatus.DRAFT,
                              db_index=True)
    previous = models.ForeignKey("self", verbose_name=_("previous version"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="next_versions")
    published_on = models.DateField(_("published on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    scope = ScopeSpec(region="keeper__path", public=True)

    class Meta:
        verbose_name = _("delegation catalog")
        verbose_name_plural = _("delegation catalogs")
        ordering = ["-effective", "name"]
        constraints = [models.UniqueConstraint(fields=["issuer", "name", "version"], name="catalog_version_unique")]

    def __str__(self):
        return f"{self.name}（{self.version}）"

    def clean(self):
        errors = {}
        if self.previous_id:
            if self.previous_id == self.pk:
                errors["previous"] = _("A version cannot follow itself.")
            elif self.effective and self.previous.effective >= self.effective:
                errors["effective"] = _("A new version must take effect after the previous one (%(date)s).") % {
                    "date": self.previous.effective}
        if errors:
            raise ValidationError(errors)

    @property
    def is_draft(self):
        return self.status == CatalogStatus.DRAFT


class CatalogItem(BaseModel):
    """A matter in one catalog version, with the matter's fields as they stood when the version was issued, so
    that two versions can be compared field by field."""

    SNAPSHOT_FIELDS = ("name", "domain_id", "applies_to", "scope_limit", "original_department", "fine_min",
                       "fine_max", "multiple_min", "multiple_max")
    # Compared between versions (``services.diff``), in this order.
    DIFF_FIELDS = ("name", "domain", "applies_to", "violated_basis", "penalty_basis", "fine_min", "fine_max",
                   "multiple_min", "multiple_max", "scope_limit", "original_department", "concurrent")

    catalog = models.ForeignKey(DelegationCatalog, verbose_name=_("catalog"), on_delete=models.CASCADE,
                                related_name="items")
    matter = models.ForeignKey(Matter, verbose_name=_("matter"), on_delete=models.PROTECT,
                               related_name="catalog_items")
    number = models.PositiveIntegerField(pgettext_lazy("catalog item", "number"), default=0)
    name = models.CharField(_("name"), max_length=200, blank=True)
    domain = models.ForeignKey("agencies.Domain", verbose_name=_("domain"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="catalog_items")
    applies_to = models.CharField(_("applies to"), max_length=16, choices=AppliesTo.choices, default=AppliesTo.BOTH,
                                  db_index=True)
    violated_basis = models.CharField(_("violated provision"), max_length=300, blank=True)
    penalty_basis = models.CharField(_("penalty provision"), max_length=300, blank=True)
    fine_min = models.DecimalField(_("minimum fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField(_("maximum fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    multiple_min = models.DecimalField(_("minimum multiple"), max_digits=6, decimal_places=2, null=True, blank=True)
    multiple_max = models.DecimalField(_("maximum multiple"), max_digits=6, decimal_places=2, null=True, blank=True)
    scope_limit = models.CharField(_("scope limit"), max_length=300, blank=True)
    original_department = models.CharField(_("original department"), max_length=100, blank=True)
    concurrent = models.BooleanField(
        _("department keeps it concurrently"), default=False,
        help_text=_("The original department still exercises it where it is delegated."),
    )

    scope = ScopeSpec(region="catalog__keeper__path", public=True)

    class Meta:
        verbose_name = _("catalog item")
        verbose_name_plural = _("catalog items")
        ordering = ["catalog", "number", "id"]
        constraints = [models.UniqueConstraint(fields=["catalog", "matter"], name="catalog_item_unique")]

    def __str__(self):
        return f"{self.number}. {self.name or self.matter.name}"

    def get_absolute_url(self):
        return self.catalog.get_absolute_url()

    def snapshot(self):
        """Copy the matter's fields as they stand now (on adding an item and on publishing its version)."""
        matter = self.matter
        for f in self.SNAPSHOT_FIELDS:
            setattr(self, f, getattr(matter, f))
        self.violated_basis = matter.violated_citation
        self.penalty_basis = matter.penalty_citation

    def applies_to_township(self, township_kind: str) -> bool:
        return applies(self.applies_to, township_kind)


class CountySelection(BaseModel):
    """The items a county chose from a catalog version for its townships."""

    county = models.ForeignKey("regions.Region", verbose_name=_("county"), on_delete=models.PROTECT,
                               related_name="catalog_selections")
    catalog = models.ForeignKey(DelegationCatalog, verbose_name=_("catalog"), on_delete=models.PROTECT,
                                related_name="selections")
    decided_on = models.DateField(_("decided on"))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    items = models.ManyToManyField(CatalogItem, verbose_name=_("selected items"), blank=True,
                                   related_name="selections")

    scope = ScopeSpec(region="county__path", ancestors_visible=True)

    class Meta:
        verbose_name = _("county selection")
        verbose_name_plural = _("county selections")
        ordering = ["county", "-decided_on"]
        constraints = [models.UniqueConstraint(fields=["county", "catalog"], name="catalog_selection_unique")]

    def __str__(self):
        return f"{self.county}：{self.catalog}"

    def get_absolute_url(self):
        return self.catalog.get_absolute_url()

    def clean(self):
        if self.catalog_id and self.catalog.is_draft:
            raise ValidationError({"catalog": _("A county can only select from a published catalog.")})


class TransitionSetting(BaseModel):
    """How long an accepted matter survives its removal from the catalog, per jurisdiction (a local rule)."""

    DEFAULT_DAYS = 30
    DEFAULT_BASIS = _("Default: a matter removed from the catalog lapses 30 natural days after the new version "
                      "takes effect (as in 郑州's notice); cases filed before then stay with whoever filed them.")

    region = models.OneToOneField("regions.Region", verbose_name=_("jurisdiction"), on_delete=models.PROTECT,
                                  related_name="catalog_transition")
    days = models.PositiveSmallIntegerField(_("transition days"), default=DEFAULT_DAYS,
                                            help_text=_("Natural days after the new version takes effect."))
    basis = models.CharField(_("basis"), max_length=300, blank=True,
                             help_text=_("The notice or rule that sets this period."))

    scope = ScopeSpec(region="region__path", ancestors_visible=True)

    class Meta:
        verbose_name = _("transition setting")
        verbose_name_plural = _("transition settings")
        ordering = ["region__code"]

    def __str__(self):
        return f"{self.region}：{self.days}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("catalog:transitionsetting_list")

    @classmethod
    def for_region(cls, region) -> tuple[int, str]:
        """(days, basis) of the nearest jurisdiction at or above ``region`` that sets them."""
        codes = [c for c in region.path.split("/") if c]
        settings_by_code = {s.region.code: s for s in cls.objects.filter(region__code__in=codes).select_related("region")}
        for code in reversed(codes):
            if code in settings_by_code:
                s = settings_by_code[code]
                return s.days, s.basis
        return cls.DEFAULT_DAYS, str(cls.DEFAULT_BASIS)


class Acceptance(BaseModel):
    """A township's acceptance (承接) of a delegated matter. It may be exercised from ``accepted_on`` up to the
    day before ``lapses_on`` (empty: no end). Cases are judged on their filing date, so a case filed before
    the lapse stays with the township that filed it."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("township"), on_delete=models.PROTECT,
                               related_name="acceptances",
                               help_text=_("The township government or sub-district office (the enforcement body)."))
    matter = models.ForeignKey(Matter, verbose_name=_("matter"), on_delete=models.PROTECT, related_name="acceptances")
    catalog = models.ForeignKey(DelegationCatalog, verbose_name=_("catalog version"), on_delete=models.PROTECT,
                                related_name="acceptances")
    accepted_on = models.DateField(_("accepted on"), db_index=True)
    lapses_on = models.DateField(_("lapses on"), null=True, blank=True, db_index=True,
                                 help_text=_("The first day it may no longer be exercised."))
    status = models.CharField(_("status"), max_length=16, choices=AcceptanceStatus.choices,
                              default=AcceptanceStatus.ACCEPTED, db_index=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        ordering = ["agency__region__code", "matter__code", "-accepted_on"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "matter", "accepted_on"], name="catalog_acceptance_unique"),
            models.CheckConstraint(condition=models.Q(lapses_on__isnull=True)
                                   | models.Q(lapses_on__gt=models.F("accepted_on")),
                                   name="catalog_acceptance_dates_ordered"),
        ]
        indexes = [models.Index(fields=["matter", "agency"], name="catalog_acceptance_matter_idx")]

    def __str__(self):
        return f"{self.agency}：{self.matter}"

    def is_active_on(self, date: datetime.date) -> bool:
        return self.accepted_on <= date and (self.lapses_on is None or date < self.lapses_on)

    def clean(self):
        errors = {}
        agency, catalog, matter = (self.agency if self.agency_id else None, self.catalog if self.catalog_id else None,
                                   self.matter if self.matter_id else None)
        if self.lapses_on and self.accepted_on and self.lapses_on <= self.accepted_on:
            errors["lapses_on"] = _("It must lapse after the day it was accepted.")
        if agency is not None and (agency.kind not in TOWNSHIP_BODY_KINDS or not agency.is_enforcement_body):
            errors["agency"] = _("Only a township government or sub-district office confirmed as an enforcement "
                                 "body can accept delegated matters.")
        if catalog is not None and catalog.is_draft:
            errors["catalog"] = _("Matters can only be accepted from a published catalog.")
        if errors or None in (agency, catalog, matter):
            raise ValidationError(errors)
        item = catalog.items.filter(matter=matter).first()
        if item is None:
            raise ValidationError({"matter": _("This matter is not in %(catalog)s.") % {"catalog": catalog}})
        if not item.applies_to_township(agency.region.kind):
            raise ValidationError({"matter": _("%(catalog)s delegates this matter to %(applies)s only.") % {
                "catalog": catalog, "applies": item.get_applies_to_display()}})
        county = agency.region.administrative_parent
        if not item.selections.filter(county=county).exists():
            raise ValidationError({"matter": _("%(county)s has not selected this matter from %(catalog)s.") % {
                "county": county, "catalog": catalog}})
        if self.accepted_on and self.accepted_on < catalog.effective:
            errors["accepted_on"] = _("%(catalog)s only takes effect on %(date)s.") % {
                "catalog": catalog, "date": catalog.effective}
        if self.accepted_on:
            overlapping = Acceptance.objects.filter(agency=agency, matter=matter, status=AcceptanceStatus.ACCEPTED)
            overlapping = overlapping.exclude(pk=self.pk).filter(
                models.Q(lapses_on__isnull=True) | models.Q(lapses_on__gt=self.accepted_on))
            if self.lapses_on:
                overlapping = overlapping.filter(accepted_on__lt=self.lapses_on)
            if overlapping.exists():
                errors["matter"] = _("%(agency)s already holds this matter for that period.") % {"agency": agency}
        if errors:
            raise ValidationError(errors)


class Evaluation(BaseModel):
    """Whether a township can effectively carry a delegated matter (seed 004: 35 of 112 could)."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("township"), on_delete=models.PROTECT,
                               related_name="catalog_evaluations")
    matter = models.ForeignKey(Matter, verbose_name=_("matter"), on_delete=models.PROTECT, related_name="evaluations")
    conclusion = models.CharField(_("conclusion"), max_length=16, choices=Conclusion.choices, db_index=True)
    reasons = models.TextField(_("reasons"), blank=True)
    evaluator = models.CharField(_("evaluator"), max_length=100)
    evaluated_on = models.DateField(_("evaluated on"), db_index=True)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-evaluated_on", "agency__region__code", "matter__code"]
        indexes = [models.Index(fields=["agency", "matter", "evaluated_on"], name="catalog_evaluation_idx")]

    def __str__(self):
        return f"{self.agency}：{self.matter}（{self.evaluated_on}）"

    def clean(self):
        errors = {}
        if self.agency_id and self.agency.kind not in TOWNSHIP_BODY_KINDS:
            errors["agency"] = _("Evaluate a township government or sub-district office.")
        if self.conclusion == Conclusion.NOT_YET_ABLE and not self.reasons.strip():
            errors["reasons"] = _("Say why the township is not yet able to carry it.")
        if errors:
            raise ValidationError(errors)


class ImportJob(models.Model):
    """One Excel import running in the background; the upload page polls it for progress."""

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="catalog_import_jobs")
    catalog = models.ForeignKey(DelegationCatalog, verbose_name=_("catalog"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="import_jobs")
    filename = models.CharField(_("file"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.RUNNING)
    processed = models.PositiveIntegerField(_("rows checked"), default=0)
    total = models.PositiveIntegerField(_("rows"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    started = models.DateTimeField(_("started"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-started"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filename}"

    @property
    def running(self):
        return self.status == JobStatus.RUNNING

    @property
    def percent(self):
        return int(self.processed * 100 / self.total) if self.total else 0
