"""Discretion benchmarks (裁量权基准): per matter, versions by issuing level, each with its bands (裁量阶次)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.catalog.choices import PenaltyType
from zongzhi.regions.choices import RegionLevel
from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import LEVEL_ORDER, Level, MultipleBase, StandardStatus

ISSUING_LEVELS = (RegionLevel.PROVINCE, RegionLevel.PREFECTURE, RegionLevel.COUNTY)
NOT_DRAFT = _("A filed or published benchmark cannot be changed; make a new version.")


class DiscretionStandard(BaseModel):
    """One version of the benchmark of one matter, issued at one level (province, prefecture or county).
    Lower levels apply the benchmark of the level above unless they have filed their own (seed 004)."""

    matter = models.ForeignKey("catalog.Matter", verbose_name=_("matter"), on_delete=models.PROTECT,
                               related_name="discretion_standards")
    issuing_region = models.ForeignKey("regions.Region", verbose_name=_("issuing region"), on_delete=models.PROTECT,
                                       related_name="discretion_standards",
                                       help_text=_("The province, prefecture or county whose benchmark this is."))
    issuer = models.CharField(_("issuer"), max_length=100, help_text=_("E.g. 河南省生态环境厅."))
    title = models.CharField(_("document title"), max_length=200,
                             help_text=_("Without the 《》 brackets, e.g. 河南省生态环境行政处罚裁量基准（2024年版）."))
    document_number = models.CharField(_("document number"), max_length=64, blank=True,
                                       help_text=_("E.g. 豫环文〔2024〕12号."))
    version = models.CharField(_("version"), max_length=32, help_text=_("E.g. 2024."))
    effective_from = models.DateField(_("effective from"), db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=StandardStatus.choices,
                              default=StandardStatus.DRAFT, db_index=True, editable=False)
    filed_on = models.DateField(pgettext_lazy("record filing", "filed on"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)
    supersedes = models.ForeignKey("self", verbose_name=_("supersedes"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="superseded_by")

    scope = ScopeSpec(region="issuing_region__path", public=True)

    class Meta:
        verbose_name = _("discretion standard")
        verbose_name_plural = _("discretion standards")
        ordering = ["matter__code", "issuing_region__code", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["matter", "issuing_region", "version"],
                                               name="discretion_version_unique")]
        indexes = [models.Index(fields=["matter", "status", "effective_from"], name="discretion_resolution_idx")]

    def __str__(self):
        return f"{self.matter.name}｜{self.issuing_region.name}｜{self.version}"

    @property
    def citation(self):
        """《河南省生态环境行政处罚裁量基准（2024年版）》（豫环文〔2024〕12号）"""
        return f"《{self.title}》" + (f"（{self.document_number}）" if self.document_number else "")

    @property
    def is_draft(self):
        return self.status == StandardStatus.DRAFT

    @property
    def is_publishable(self):
        return self.status in (StandardStatus.DRAFT, StandardStatus.FILED)

    def ordered_bands(self):
        return sorted(self.bands.all(), key=lambda b: LEVEL_ORDER[b.level])

    def save(self, *args, **kwargs):
        self.title = self.title.strip().strip("《》")
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.issuing_region_id and self.issuing_region.level not in ISSUING_LEVELS:
            errors["issuing_region"] = _("Benchmarks are issued by a province, a prefecture or a county.")
        previous = self.supersedes
        if previous is not None:
            if previous.pk == self.pk:
                errors["supersedes"] = _("A version cannot supersede itself.")
            elif previous.matter_id != self.matter_id or previous.issuing_region_id != self.issuing_region_id:
                errors["supersedes"] = _("It can only supersede a version of the same matter issued by the same "
                                         "region.")
            elif self.effective_from and previous.effective_from >= self.effective_from:
                errors["effective_from"] = _("A new version must take effect after the version it supersedes "
                                             "(%(date)s).") % {"date": previous.effective_from}
        if errors:
            raise ValidationError(errors)


class DiscretionBand(BaseModel):
    """One level (裁量阶次) of a benchmark: when it applies and what it allows."""

    standard = models.ForeignKey(DiscretionStandard, verbose_name=_("discretion standard"),
                                 on_delete=models.CASCADE, related_name="bands")
    level = models.CharField(_("discretion level"), max_length=16, choices=Level.choices)
    conditions = models.TextField(_("conditions"), help_text=_("E.g. 初次违法且危害后果轻微并及时改正."))
    penalty_types = models.JSONField(_("penalty types"), default=list, blank=True,
                                     help_text=_("Codes of 行政处罚法 Art. 9 penalty types."))
    fine_min = models.DecimalField(_("minimum fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField(_("maximum fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    multiple_min = models.DecimalField(_("minimum multiple"), max_digits=6, decimal_places=2, null=True, blank=True)
    multiple_max = models.DecimalField(_("maximum multiple"), max_digits=6, decimal_places=2, null=True, blank=True)
    multiple_base = models.CharField(_("multiple of"), max_length=16, choices=MultipleBase.choices, blank=True)
    multiple_from = models.DecimalField(
        _("multiple applies from (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("The multiple applies when the base reaches this amount; below it (or without a base) the fixed "
                    "amounts apply. Empty: the multiple applies whenever there is a base."))
    other_measures = models.TextField(_("other measures"), blank=True)
    item = models.CharField(_("benchmark item"), max_length=100,
                            help_text=_("Where the benchmark sets this band, e.g. 第十二项第2子项."))

    scope = ScopeSpec(region="standard__issuing_region__path", public=True)

    class Meta:
        verbose_name = _("discretion band")
        verbose_name_plural = _("discretion bands")
        ordering = ["standard", "id"]
        constraints = [models.UniqueConstraint(fields=["standard", "level"], name="discretion_level_unique")]

    def __str__(self):
        return f"{self.standard}｜{self.get_level_display()}"

    @property
    def citation(self):
        return f"{self.standard.citation}{self.item}"

    @property
    def penalty_type_labels(self):
        return [PenaltyType(t).label for t in self.penalty_types]

    @property
    def has_fixed(self):
        return self.fine_min is not None or self.fine_max is not None

    @property
    def has_multiple(self):
        return self.multiple_min is not None or self.multiple_max is not None

    def clean(self):
        errors = {}
        types = self.penalty_types or []
        if not isinstance(types, list) or any(t not in PenaltyType.values for t in types):
            errors["penalty_types"] = _("Unknown penalty type.")
            types = []
        for low, high in (("fine_min", "fine_max"), ("multiple_min", "multiple_max")):
            lo, hi = getattr(self, low), getattr(self, high)
            if (lo is None) != (hi is None):
                errors[high if hi is None else low] = _("Give both the minimum and the maximum.")
            elif lo is not None and (lo < 0 or lo > hi):
                errors[high] = _("The minimum must be zero or more and not above the maximum.")
        if self.has_multiple and not self.multiple_base:
            errors["multiple_base"] = _("Say what the multiple is taken of.")
        if self.multiple_base and not self.has_multiple:
            errors["multiple_min"] = _("Give the multiples, or leave the base empty.")
        if self.multiple_from is not None and not (self.has_multiple and self.has_fixed):
            errors["multiple_from"] = _("Only for a band with both fixed amounts and multiples.")
        if self.level == Level.NO_PENALTY:
            if types or self.has_fixed or self.has_multiple:
                errors["penalty_types"] = _("A no-penalty band has no penalty types and no amounts.")
        elif not types:
            errors["penalty_types"] = _("Choose at least one penalty type.")
        elif (self.has_fixed or self.has_multiple) != (PenaltyType.FINE in types):
            errors["penalty_types"] = _("A band with amounts has the penalty type fine, and a fine needs amounts.")
        standard = self._standard()
        if standard is not None and standard.matter_id:
            errors.update(self._legal_range_errors(standard.matter, types))
            if not standard.is_draft:
                errors.setdefault("__all__", []).append(NOT_DRAFT)
        if errors:
            raise ValidationError(errors)

    def _standard(self):
        """The standard, saved or not (a new standard with its bands is validated before it is saved)."""
        try:
            return self.standard
        except DiscretionStandard.DoesNotExist:
            return None

    def _legal_range_errors(self, matter, types):
        """Every band lies within the range the penalty provision of the matter allows; only a mitigated band
        (减轻, 行政处罚法 Art. 32) may go below the legal minimum."""
        errors = {}
        allowed = matter.penalty_types or []
        if allowed and any(t not in allowed for t in types):
            labels = "、".join(str(PenaltyType(t).label) for t in types if t not in allowed)
            errors["penalty_types"] = _("The penalty provision of this matter does not allow: %(types)s.") % {
                "types": labels}
        below_allowed = self.level == Level.MITIGATED
        for low, high, legal_low, legal_high in (("fine_min", "fine_max", matter.fine_min, matter.fine_max),
                                                 ("multiple_min", "multiple_max", matter.multiple_min,
                                                  matter.multiple_max)):
            hi, lo = getattr(self, high), getattr(self, low)
            if hi is not None and legal_high is not None and hi > legal_high:
                errors[high] = _("Above the legal maximum of the matter (%(value)s).") % {"value": legal_high}
            if lo is not None and legal_low is not None and lo < legal_low and not below_allowed:
                errors[low] = _("Below the legal minimum of the matter (%(value)s); only a mitigated band may go "
                                "below it.") % {"value": legal_low}
        return errors
