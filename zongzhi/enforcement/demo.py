"""Helpers for the lead's case demo (no demo command here): serve a decided case's decision by hand, and pay a
served case's fine (with any surcharge due) at the bank. Both go through the services; both are idempotent (a case
already past the step is left alone)."""

from django.utils import timezone

from zongzhi.cases.choices import CaseStatus, StageCode

from . import services
from .choices import PaymentChannel, ServiceMethod
from .models import Payment, ServiceRecord


def serve(case, *, by, served_on):
    """Serve the decision by hand on ``served_on`` (with a receipt number); returns the record or None."""
    case.refresh_from_db()
    if case.status != CaseStatus.OPEN or case.stage != StageCode.SERVICE:
        return None
    party = case.parties.first()
    record = ServiceRecord(case=case, document="行政处罚决定书", is_decision=True, method=ServiceMethod.BY_HAND,
                           recipient=party.name if party else "当事人", address=party.address if party else "",
                           served_on=served_on, receipt_number=f"SD-{case.pk:06d}")
    return services.record_service(record, by=by)


def pay(case, *, by, paid_on=None):
    """Pay everything owed on ``paid_on`` (fine plus surcharge) at the bank; returns the payment or None."""
    case.refresh_from_db()
    paid_on = paid_on or timezone.localdate()
    if case.status != CaseStatus.OPEN or case.stage != StageCode.EXECUTION or not case.fine_amount:
        return None
    owed = services.account(case, on=paid_on).owed
    if owed <= 0:
        return None
    party = case.parties.first()
    payment = Payment(case=case, channel=PaymentChannel.BANK, amount=owed, paid_on=paid_on,
                      payer=party.name if party else "当事人", bank="中国农业银行襄城县支行",
                      bank_receipt_number=f"YH{paid_on:%Y%m%d}{case.pk:06d}")
    return services.record_payment(payment, by=by)
