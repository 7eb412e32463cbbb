"""Every state change of an agreement goes through here: UI, API, demo and tests alike (STYLE.md §4).

draft → signed → published → terminated (a signed agreement may also be terminated before publication).
Each change runs in a transaction on a locked row and is attributed to ``by`` in the change log.
"""

import contextlib
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zongzhi.audit.context import audit_context, current

from .choices import AgreementStatus
from .models import DelegationAgreement


@contextlib.contextmanager
def _acting(agreement, by):
    _user, source, request_id = current()
    with transaction.atomic(), audit_context(user=by, source=source, request_id=request_id or None):
        yield DelegationAgreement.objects.select_for_update().get(pk=agreement.pk)


def _not_in_future(field, value):
    if value is None:
        raise ValidationError({field: _("Give the date.")})
    if value > datetime.date.today():
        raise ValidationError({field: _("The date cannot be in the future.")})


ACTIONS = {
    AgreementStatus.DRAFT: ("sign",),
    AgreementStatus.SIGNED: ("publish", "terminate"),
    AgreementStatus.PUBLISHED: ("terminate",),
    AgreementStatus.TERMINATED: (),
}


def allowed_actions(agreement) -> tuple[str, ...]:
    """The transitions open from the agreement's status (buttons in the UI; the API refuses the others)."""
    return ACTIONS[agreement.status]


def missing_for_signature(agreement) -> list[str]:
    """What a draft still lacks before it can be signed (the contents seed 003 requires)."""
    checks = [
        (agreement.basis.strip(), _("the legal basis")),
        (agreement.matters.exists(), _("at least one matter")),
        (agreement.valid_from and agreement.valid_to, _("the period (from and to)")),
        (agreement.procedure.strip(), _("the procedure")),
        (agreement.supervision.strip(), _("the supervision measures")),
        (agreement.remedies.strip(), _("the remedies")),
    ]
    return [label for ok, label in checks if not ok]


def sign(agreement, *, signed_on, by):
    _not_in_future("signed_on", signed_on)
    with _acting(agreement, by) as locked:
        if locked.status != AgreementStatus.DRAFT:
            raise ValidationError(_("Only a draft can be signed; this agreement is %(status)s.")
                                  % {"status": locked.get_status_display()})
        missing = missing_for_signature(locked)
        if missing:
            raise ValidationError(_("The agreement cannot be signed yet. Missing: %(missing)s.")
                                  % {"missing": "、".join(missing)})
        locked.check_matters(list(locked.matters.all()))
        locked.status = AgreementStatus.SIGNED
        locked.signed_on = signed_on
        locked.save()
    return locked


def publish(agreement, *, published_on, by):
    """Make the agreement public (事前公开, 行政处罚法 Art. 39; 委托书向社会公布, Art. 20)."""
    _not_in_future("published_on", published_on)
    with _acting(agreement, by) as locked:
        if locked.status != AgreementStatus.SIGNED:
            raise ValidationError(_("Only a signed agreement can be published; this agreement is %(status)s.")
                                  % {"status": locked.get_status_display()})
        if published_on < locked.signed_on:
            raise ValidationError({"published_on": _("It cannot be published before it was signed.")})
        locked.status = AgreementStatus.PUBLISHED
        locked.published_on = published_on
        locked.save()
    return locked


def terminate(agreement, *, terminated_on, reason, by):
    _not_in_future("terminated_on", terminated_on)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for terminating.")})
    with _acting(agreement, by) as locked:
        if locked.status not in (AgreementStatus.SIGNED, AgreementStatus.PUBLISHED):
            raise ValidationError(_("Only a signed or published agreement can be terminated; this agreement is "
                                    "%(status)s.") % {"status": locked.get_status_display()})
        if terminated_on < locked.signed_on:
            raise ValidationError({"terminated_on": _("It cannot end before it was signed.")})
        locked.status = AgreementStatus.TERMINATED
        locked.terminated_on = terminated_on
        locked.termination_reason = reason
        locked.save()
    return locked
