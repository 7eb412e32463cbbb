import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.identifiers import mask_resident_id, validate_resident_id
from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import CHANGE, ScopeSpec, in_scope

from .choices import (
    SERVING_STATUSES,
    CertificateKind,
    CertificateStatus,
    OfficerStatus,
    StaffingKind,
)


class Officer(BaseModel):
    name = models.CharField(pgettext_lazy("person", "name"), max_length=32, db_index=True)
    id_number = models.CharField(_("identity number"), max_length=18, unique=True, validators=[validate_resident_id])
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="officers")
    post = models.CharField(_("post"), max_length=64, blank=True)
    staffing = models.CharField(_("staffing kind"), max_length=16, choices=StaffingKind.choices, db_index=True)
    legal_qualification = models.BooleanField(
        _("legal professional qualification"), default=False, db_index=True,
        help_text=_("国家统一法律职业资格: required of first-time legal reviewers (行政处罚法 Art. 58)."),
    )
    status = models.CharField(_("status"), max_length=16, choices=OfficerStatus.choices,
                              default=OfficerStatus.ON_DUTY, db_index=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["agency", "status"], name="officers_agency_status_idx"),
                   models.Index(fields=["name", "id"], name="officers_name_id_idx")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.id_number:
            self.id_number = self.id_number.strip().upper()

    @property
    def masked_id_number(self):
        return mask_resident_id(self.id_number)

    def id_number_for(self, user):
        """The full identity number for users who may change this officer, masked for everyone else."""
        return self.id_number if in_scope(user, self, CHANGE) else self.masked_id_number

    @property
    def is_enforcement_officer(self):
        """Auxiliaries never count as enforcement officers."""
        return self.staffing != StaffingKind.AUXILIARY

    def can_enforce(self, date: datetime.date, domain) -> bool:
        """Derived, never stored: serving, not an auxiliary, and an active enforcement certificate valid on
        ``date`` for ``domain`` (a Domain or its code). 行政处罚法 Arts. 42, 55."""
        if not self.is_enforcement_officer or self.status not in SERVING_STATUSES:
            return False
        code = getattr(domain, "code", domain)
        for cert in self.certificates.all():
            if (cert.kind == CertificateKind.ENFORCEMENT and cert.is_valid_on(date)
                    and any(d.code == code for d in cert.domains.all())):
                return True
        return False


class Certificate(BaseModel):
    officer = models.ForeignKey(Officer, verbose_name=_("officer"), on_delete=models.PROTECT,
                                related_name="certificates")
    kind = models.CharField(_("certificate kind"), max_length=16, choices=CertificateKind.choices,
                            default=CertificateKind.ENFORCEMENT, db_index=True)
    number = models.CharField(_("certificate number"), max_length=32, unique=True)
    issuing_authority = models.CharField(_("issuing authority"), max_length=100)
    domains = models.ManyToManyField("agencies.Domain", verbose_name=_("domains"), blank=True,
                                     related_name="certificates")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=CertificateStatus.choices,
                              default=CertificateStatus.ACTIVE, db_index=True)
    revoke_reason = models.CharField(_("revoke reason"), max_length=200, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self", verbose_name=_("reissue of"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    scope = ScopeSpec(region="officer__agency__region__path", agency="officer__agency__path")

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-valid_to", "number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_to__gte=models.F("valid_from")),
                                   name="officers_certificate_dates_ordered"),
        ]

    def __str__(self):
        return self.number

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end of validity cannot be before its start.")
        if self.status == CertificateStatus.REVOKED and not self.revoke_reason:
            errors["revoke_reason"] = _("A revoked certificate needs a reason.")
        if self.officer_id and self.kind == CertificateKind.ENFORCEMENT and not self.officer.is_enforcement_officer:
            errors["officer"] = _("Auxiliary staff cannot hold an enforcement certificate.")
        if self.replaces_id and self.officer_id and self.replaces.officer_id != self.officer_id:
            errors["replaces"] = _("A reissued certificate belongs to the holder of the certificate it replaces.")
        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, date: datetime.date) -> bool:
        return self.status == CertificateStatus.ACTIVE and self.valid_from <= date <= self.valid_to

    @property
    def effective_status(self):
        """The stored status, with an active certificate past its end shown as expired."""
        if self.status == CertificateStatus.ACTIVE and self.valid_to < datetime.date.today():
            return CertificateStatus.EXPIRED
        return CertificateStatus(self.status)
