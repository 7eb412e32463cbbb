"""Delegation agreements (委托协议 / 赋权协议) between a county department and a township (seed 003)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import DELEGATING_KINDS, RECEIVING_KINDS, AgreementKind, AgreementStatus
from .documents import TEMPLATES, latest_template_version


def counterparts(user):
    """The townships a user may name as the receiving party: those of the counties of the departments the user
    sees. Township bodies lie outside a department's own scope, yet it must be able to pick them."""
    from zongzhi.agencies.models import Agency

    departments = Agency.objects.restrict(user).filter(kind__in=DELEGATING_KINDS)
    return Agency.objects.filter(kind__in=RECEIVING_KINDS, region__parent__in=departments.values("region"))


class DelegationAgreement(BaseModel):
    """The department (甲方) hands the township (乙方) the matters listed, within the township's territory, for a
    period. Once signed its content is frozen; it is published (事前公开, 行政处罚法 Art. 39) and may be terminated."""

    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices,
                            default=AgreementKind.ENTRUSTMENT, db_index=True)
    number = models.CharField(_("document number"), max_length=64, blank=True, help_text=_("E.g. 襄农委〔2026〕1号."))
    delegating_agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("delegating department"), on_delete=models.PROTECT,
        related_name="agreements_given", limit_choices_to={"kind__in": DELEGATING_KINDS},
    )
    receiving_agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("receiving township"), on_delete=models.PROTECT,
        related_name="agreements_received", limit_choices_to={"kind__in": RECEIVING_KINDS},
        help_text=_("The township government or sub-district office."),
    )
    territory = models.ForeignKey("regions.Region", verbose_name=_("territory"), on_delete=models.PROTECT,
                                  related_name="delegation_agreements", editable=False,
                                  help_text=_("The receiving township's area."))
    basis = models.TextField(_("legal basis"), blank=True)
    basis_articles = models.ManyToManyField("laws.Article", verbose_name=_("cited articles"), blank=True,
                                            related_name="delegation_agreements")
    matters = models.ManyToManyField("catalog.Matter", verbose_name=_("matters"), blank=True,
                                     related_name="delegation_agreements")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    procedure = models.TextField(pgettext_lazy("agreement", "procedure"), blank=True)
    supervision = models.TextField(_("supervision measures"), blank=True)
    remedies = models.TextField(_("remedies"), blank=True, help_text=_("Reconsideration and litigation channels."))
    status = models.CharField(_("status"), max_length=16, choices=AgreementStatus.choices,
                              default=AgreementStatus.DRAFT, editable=False, db_index=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True, editable=False)
    termination_reason = models.TextField(_("reason for termination"), blank=True, editable=False)
    template_version = models.CharField(_("template version"), max_length=16, default=latest_template_version,
                                        help_text=_("The versioned wording the document is generated from."))

    scope = ScopeSpec(region="territory__path", agency="delegating_agency__path")

    class Meta:
        verbose_name = _("delegation agreement")
        verbose_name_plural = _("delegation agreements")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                                   | Q(valid_to__gte=F("valid_from")), name="agreements_period_ordered"),
            models.UniqueConstraint(fields=["delegating_agency", "number"], condition=~Q(number=""),
                                    name="agreements_number_unique"),
        ]

    def __str__(self):
        return self.number or _("Agreement #%(id)s") % {"id": self.pk or "—"}

    def clean(self):
        errors = {}
        if self.pk and self.status != AgreementStatus.DRAFT:
            raise ValidationError(_("Only a draft can be changed: a signed agreement is terminated and replaced."))
        if self.delegating_agency_id and self.delegating_agency.kind not in DELEGATING_KINDS:
            errors["delegating_agency"] = _("The delegating party must be a county department.")
        if self.receiving_agency_id:
            if self.receiving_agency.kind not in RECEIVING_KINDS:
                errors["receiving_agency"] = _("The receiving party must be a township government or a "
                                               "sub-district office.")
            else:
                self.territory = self.receiving_agency.region
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The period cannot end before it begins.")
        if self.template_version not in TEMPLATES.versions():
            errors["template_version"] = _("There is no document template of this version.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.territory_id = self.receiving_agency.region_id
        super().save(*args, **kwargs)

    def check_matters(self, matters):
        """Each matter must belong to a domain of the delegating department and suit the township kind (乡镇/街道)."""
        from zongzhi.catalog.choices import AppliesTo
        from zongzhi.regions.choices import TownshipKind

        domains = set(self.delegating_agency.domains.values_list("pk", flat=True))
        subdistrict = self.receiving_agency.region.kind == TownshipKind.SUBDISTRICT
        wrong = AppliesTo.TOWN if subdistrict else AppliesTo.SUBDISTRICT
        outside = [m.code for m in matters if m.domain_id not in domains]
        if outside:
            raise ValidationError({"matters": _("Not in the department's domains: %(codes)s.")
                                   % {"codes": "、".join(outside)}})
        unfit = [m.code for m in matters if m.applies_to == wrong]
        if unfit:
            raise ValidationError({"matters": _("Not for this kind of township (乡镇/街道): %(codes)s.")
                                   % {"codes": "、".join(unfit)}})

    @property
    def is_public(self):
        return self.status == AgreementStatus.PUBLISHED

    def get_public_url(self):
        from django.urls import reverse

        return reverse("agreements:public_detail", args=[self.pk])
