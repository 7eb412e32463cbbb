from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StaffingKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Administrative staffing (行政编制)")
    INSTITUTION = "institution", _("Public institution staffing (事业编制)")
    AUXILIARY = "auxiliary", _("Auxiliary (辅助人员)")


class OfficerStatus(models.TextChoices):
    ON_DUTY = "on_duty", _("On duty")
    SECONDED = "seconded", _("Seconded")
    RETIRED = "retired", _("Retired")
    TRANSFERRED = "transferred", _("Transferred")
    LEFT = "left", _("Left")


STATUS_COLORS = {"on_duty": "green", "seconded": "azure", "retired": "secondary", "transferred": "yellow",
                 "left": "red"}
# An officer in one of these states no longer holds a certificate: the monthly clean-up revokes it.
GONE_STATUSES = (OfficerStatus.RETIRED, OfficerStatus.TRANSFERRED, OfficerStatus.LEFT)
SERVING_STATUSES = (OfficerStatus.ON_DUTY, OfficerStatus.SECONDED)


class CertificateKind(models.TextChoices):
    ENFORCEMENT = "enforcement", _("Enforcement certificate (执法证)")
    SUPERVISION = "supervision", _("Supervision certificate (监督证)")


class CertificateStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", pgettext_lazy("certificate", "Revoked")
    EXPIRED = "expired", _("Expired")


CERTIFICATE_COLORS = {"active": "green", "suspended": "yellow", "revoked": "red", "expired": "secondary"}
