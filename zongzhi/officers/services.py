"""Every state change of a certificate goes through here: UI, API, import and tests alike (STYLE.md §4).

Changes are attributed to ``by`` in the change log, keeping the source (web page, API, command) and the
request id of the surrounding context.
"""

import contextlib
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zongzhi.audit.context import audit_context, current

from .choices import GONE_STATUSES, CertificateStatus
from .models import Certificate

# How far ahead the home page warns about expiring certificates.
EXPIRY_WARNING_DAYS = 60


def cleanup_candidates(queryset):
    """Certificates still active although their holder retired, transferred or left (the monthly clean-up,
    seed 004)."""
    return queryset.filter(status=CertificateStatus.ACTIVE, officer__status__in=GONE_STATUSES)


def expiring(queryset, days, today=None):
    """Active certificates whose validity ends within ``days`` days from ``today``."""
    today = today or datetime.date.today()
    return queryset.filter(status=CertificateStatus.ACTIVE,
                           valid_to__range=(today, today + datetime.timedelta(days=days)))


@contextlib.contextmanager
def _acting(by):
    _user, source, request_id = current()
    with transaction.atomic(), audit_context(user=by, source=source, request_id=request_id or None):
        yield


def _revoke(cert, reason):
    if cert.status == CertificateStatus.REVOKED:
        raise ValidationError(_("Certificate %(number)s is already revoked.") % {"number": cert.number})
    cert.status = CertificateStatus.REVOKED
    cert.revoke_reason = reason
    cert.revoked_on = datetime.date.today()
    cert.save()


def _clean_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for revoking.")})
    return reason


def revoke_certificate(cert, *, reason, by):
    reason = _clean_reason(reason)
    with _acting(by):
        locked = Certificate.objects.select_for_update().get(pk=cert.pk)
        _revoke(locked, reason)
    return locked


def bulk_revoke(certs, *, reason, by):
    """Revoke every certificate of ``certs`` (a queryset or a list) that is not revoked yet; return how many."""
    reason = _clean_reason(reason)
    with _acting(by):
        locked = Certificate.objects.select_for_update().filter(
            pk__in=[c.pk for c in certs]).exclude(status=CertificateStatus.REVOKED).order_by("pk")
        count = 0
        for cert in locked:
            _revoke(cert, reason)
            count += 1
    return count


def reissue_certificate(old, *, number, valid_from, valid_to, by):
    """Revoke ``old`` and issue a new certificate to the same officer, with the same kind, authority and
    domains, linked to it through ``replaces``."""
    with _acting(by):
        old = Certificate.objects.select_for_update().select_related("officer").get(pk=old.pk)
        if old.status == CertificateStatus.REVOKED:
            raise ValidationError(_("A revoked certificate cannot be reissued."))
        if old.officer.status in GONE_STATUSES:
            raise ValidationError(_("%(officer)s no longer serves (%(status)s): no certificate can be reissued.")
                                  % {"officer": old.officer, "status": old.officer.get_status_display()})
        new = Certificate(officer=old.officer, kind=old.kind, number=(number or "").strip(),
                          issuing_authority=old.issuing_authority, valid_from=valid_from, valid_to=valid_to,
                          replaces=old)
        new.full_clean()
        _revoke(old, _("Reissued as %(number)s") % {"number": new.number})
        new.save()
        new.domains.set(old.domains.all())
    return new
