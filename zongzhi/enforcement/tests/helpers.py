import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zongzhi.cases import services as cases
from zongzhi.cases.testing import decided_case, new_case, person

from .. import services
from ..choices import PaymentChannel, ServiceMethod
from ..models import Payment, ServiceRecord

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def pdf(name="回证.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def service(case, method=ServiceMethod.BY_HAND, *, served_on=None, **fields):
    fields.setdefault("document", "行政处罚决定书")
    fields.setdefault("recipient", "王建国")
    fields.setdefault("receipt_number", "SD-001")
    return ServiceRecord(case=case, method=method, served_on=served_on, **fields)


def served_case(cw, *, fine=1000, served_days_ago=0, town="a"):
    """A decided case served (by hand) ``served_days_ago`` days ago: at the execution stage."""
    case = decided_case(cw, fine=fine, town=town)
    backdate(case, served_days_ago + 1)
    by = cw.users["officer_a" if town == "a" else "officer_b"]
    services.record_service(service(case, served_on=days_ago(served_days_ago)), by=by)
    case.refresh_from_db()
    return case


def backdate(case, days):
    """Move the decision date back (the fixtures decide today; service cannot come before the decision)."""
    type(case).objects.filter(pk=case.pk).update(decided_on=days_ago(days))
    case.refresh_from_db()


def summary_case(cw, fine=50):
    case = new_case(cw, matter=cw.stall)
    return cases.decide_on_the_spot(case, parties=[person()], officers=[cw.officer_a, cw.officer_a2],
                                    by=cw.users["officer_a"], fine_amount=fine, penalty_types=["fine"])


def bank(case, amount, paid_on=None, **fields):
    return Payment(case=case, channel=PaymentChannel.BANK, amount=Decimal(amount),
                   paid_on=paid_on or timezone.localdate(), payer="王建国",
                   bank_receipt_number=fields.pop("receipt", "YH-0001"), **fields)
