"""The catalog of powers: matters (权责事项) with their legal basis and range."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import AppliesTo, MatterKind


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
    applies_to = models.CharField(_("applies to"), max_length=16, choices=AppliesTo.choices, default=AppliesTo.BOTH)
    coercive_measures = models.TextField(_("coercive measures"), blank=True)
    first_violation_exempt = models.BooleanField(
        _("first violation may go unpunished"), default=False,
        help_text=_("首违不罚 may apply (行政处罚法 Art. 33 para. 1)."),
    )
    endangers_safety = models.BooleanField(
        _("endangers life, health or financial safety"), default=False,
        help_text=_("Limitation of 5 years instead of 2 when there are harmful consequences (行政处罚法 Art. 36)."),
    )

    scope = ScopeSpec(public=True)

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
