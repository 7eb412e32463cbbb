import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from zongzhi.cases.choices import CaseEventKind, DeadlineState, StageCode
from zongzhi.cases.testing import decided_case, head_of
from zongzhi.deadlines.services import compute

from .. import services
from ..choices import (
    CourtOutcome,
    OnTheSpotGround,
    PaymentChannel,
    PlanKind,
    PlanStatus,
    ReviewOutcome,
    ServiceMethod,
    ServiceState,
)
from ..models import CourtApplication, Demand, Litigation, Payment, PaymentPlan, Reconsideration
from .helpers import PDF, backdate, bank, days_ago, pdf, served_case, service, summary_case

pytestmark = pytest.mark.django_db
today = timezone.localdate


# --- service ---------------------------------------------------------------------------------------------------

def test_by_hand_with_proof_file_serves_the_decision_and_starts_payment(cw):
    case = decided_case(cw)
    backdate(case, 3)
    assert case.stage == StageCode.SERVICE
    record = services.record_service(service(case, served_on=days_ago(1), receipt_number=""), proof=pdf(),
                                     by=cw.users["officer_a"])
    case.refresh_from_db()
    assert record.state == ServiceState.SERVED and case.stage == StageCode.EXECUTION
    assert record.proof_sha256 == hashlib.sha256(PDF).hexdigest() and record.proof_name == "回证.pdf"
    with record.proof.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == record.proof_sha256
    payment = case.deadlines.get(key="payment", state=DeadlineState.OPEN)
    assert payment.due_on == compute("fine-payment", days_ago(1), region=case.region).due
    assert case.deadlines.filter(key="appeal:reconsideration", state="open").exists()
    assert case.deadlines.get(key="appeal:lawsuit", state="open").rule == "lawsuit"
    assert case.events.filter(kind=CaseEventKind.SERVED).exists()


def test_proof_is_required_and_checked(cw):
    case = decided_case(cw)
    with pytest.raises(ValidationError) as error:
        services.record_service(service(case, served_on=today(), receipt_number=""), by=cw.users["officer_a"])
    assert "receipt_number" in error.value.message_dict
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("回证.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.record_service(service(case, served_on=today(), receipt_number=""), proof=fake,
                                by=cw.users["officer_a"])
    assert "proof" in error.value.message_dict
    case.refresh_from_db()
    assert case.stage == StageCode.SERVICE


def test_left_at_address_needs_witnesses(cw):
    case = decided_case(cw)
    record = service(case, ServiceMethod.LEFT_AT_ADDRESS, served_on=today(), address="襄城县城关街道人民路12号")
    with pytest.raises(ValidationError) as error:
        services.record_service(record, by=cw.users["officer_a"])
    assert "第八十九条" in str(error.value.message_dict["witnesses"])
    record.witnesses = "村委会主任李四、村民王五"
    services.record_service(record, by=cw.users["officer_a"])
    case.refresh_from_db()
    assert case.stage == StageCode.EXECUTION


def test_post_needs_tracking_number_and_is_served_on_receipt(cw):
    case = decided_case(cw)
    backdate(case, 10)
    record = service(case, ServiceMethod.POST, served_on=days_ago(2), posted_on=days_ago(4), address="人民路12号")
    with pytest.raises(ValidationError) as error:
        services.record_service(record, by=cw.users["officer_a"])
    assert "tracking_number" in error.value.message_dict
    record.tracking_number = "1190012345678"
    record.served_on = days_ago(5)
    with pytest.raises(ValidationError) as error:
        services.record_service(record, by=cw.users["officer_a"])
    assert "served_on" in error.value.message_dict
    record.served_on = days_ago(2)
    services.record_service(record, by=cw.users["officer_a"])
    case.refresh_from_db()
    assert case.deadlines.get(key="payment", state="open").start == days_ago(2)


def test_electronic_without_consent_is_refused_citing_art_61(cw):
    case = decided_case(cw)
    record = service(case, ServiceMethod.ELECTRONIC, served_on=today(), electronic_address="wang@example.cn")
    with pytest.raises(ValidationError) as error:
        services.record_service(record, by=cw.users["officer_a"])
    assert "第六十一条第二款" in str(error.value.message_dict["consent_reference"])
    case.refresh_from_db()
    assert case.stage == StageCode.SERVICE
    record.consent_reference = "送达地址确认书（2026年当事人签字）"
    services.record_service(record, by=cw.users["officer_a"])
    case.refresh_from_db()
    assert case.stage == StageCode.EXECUTION


def test_public_notice_is_deemed_served_after_30_days(cw):
    case = decided_case(cw)
    backdate(case, 10)
    notice_on = days_ago(10)
    record = service(case, ServiceMethod.PUBLIC_NOTICE, notice_on=notice_on)
    with pytest.raises(ValidationError) as error:
        services.record_service(record, by=cw.users["officer_a"])
    assert "notice_reason" in error.value.message_dict
    record.notice_reason = "当事人下落不明"
    services.record_service(record, by=cw.users["officer_a"])
    deemed = compute("public-notice-service", notice_on, region=case.region).due
    assert record.state == ServiceState.NOTICE_RUNNING and record.served_on == deemed
    assert deemed >= notice_on + datetime.timedelta(days=30)
    case.refresh_from_db()
    assert case.stage == StageCode.SERVICE
    assert case.deadlines.get(key=f"public-notice:{record.pk}", state="open").due_on == deemed
    # too early: refused, with the article
    with pytest.raises(ValidationError) as error:
        services.complete_public_notice(record, by=cw.users["officer_a"])
    assert "第九十五条" in str(error.value)
    # the daily command does nothing before the day either
    call_command("complete_due_public_notices", verbosity=0)
    record.refresh_from_db()
    assert record.state == ServiceState.NOTICE_RUNNING
    # on the deemed day it completes; the case is served on the deemed date
    services.complete_public_notice(record, by=cw.users["officer_a"], today=deemed)
    record.refresh_from_db()
    case.refresh_from_db()
    assert record.state == ServiceState.SERVED and case.stage == StageCode.EXECUTION
    assert case.deadlines.get(key="payment", state="open").start == deemed
    assert case.deadlines.get(key=f"public-notice:{record.pk}").state == DeadlineState.MET


def test_daily_command_completes_due_public_notices(cw):
    case = decided_case(cw)
    backdate(case, 60)
    record = services.record_service(service(case, ServiceMethod.PUBLIC_NOTICE, notice_on=days_ago(45),
                                             notice_reason="下落不明"), by=cw.users["officer_a"])
    assert record.served_on <= today()
    call_command("complete_due_public_notices", verbosity=0)
    record.refresh_from_db()
    case.refresh_from_db()
    assert record.state == ServiceState.SERVED and case.stage == StageCode.EXECUTION


def test_a_decision_not_awaiting_service_is_refused(cw):
    case = served_case(cw)
    with pytest.raises(ValidationError):
        services.record_service(service(case, served_on=today()), by=cw.users["officer_a"])
    # another document may still be served and is logged
    record = services.record_service(service(case, served_on=today(), is_decision=False, document="催告书"),
                                     by=cw.users["officer_a"])
    assert case.events.filter(kind=CaseEventKind.SERVED, data__record=record.pk).exists()


# --- payment ---------------------------------------------------------------------------------------------------

def test_full_bank_payment_executes_and_moves_the_case_to_closure(cw):
    case = served_case(cw, fine=1000)
    payment = services.record_payment(bank(case, "1000"), by=cw.users["officer_a"])
    case.refresh_from_db()
    assert payment.fine_part == Decimal("1000") and payment.surcharge_part == 0
    assert case.stage == StageCode.CLOSURE
    assert case.deadlines.get(key="payment").state == DeadlineState.MET
    assert case.events.filter(kind=CaseEventKind.PAYMENT).count() == 1


def test_partial_payments_then_rest(cw):
    case = served_case(cw, fine=1000)
    services.record_payment(bank(case, "400"), by=cw.users["officer_a"])
    case.refresh_from_db()
    assert case.stage == StageCode.EXECUTION
    assert services.account(case).owed == Decimal("600")
    with pytest.raises(ValidationError) as error:
        services.record_payment(bank(case, "700", receipt="YH-2"), by=cw.users["officer_a"])
    assert "amount" in error.value.message_dict
    services.record_payment(bank(case, "600", receipt="YH-2"), by=cw.users["officer_a"])
    case.refresh_from_db()
    assert case.stage == StageCode.CLOSURE


def test_late_payment_must_include_the_surcharge(cw):
    case = served_case(cw, fine=1000, served_days_ago=40)
    acc = services.account(case)
    late_days = (today() - acc.due_on).days
    assert late_days > 0
    assert acc.surcharge == min(Decimal(1000) * Decimal("0.03") * late_days, Decimal(1000)).quantize(Decimal("0.01"))
    services.record_payment(bank(case, "1000"), by=cw.users["officer_a"])
    case.refresh_from_db()
    assert case.stage == StageCode.EXECUTION  # the surcharge is still owed
    rest = services.account(case).owed
    assert rest == acc.surcharge
    payment = services.record_payment(bank(case, rest, receipt="YH-2"), by=cw.users["officer_a"])
    assert payment.surcharge_part == rest and payment.fine_part == 0
    case.refresh_from_db()
    assert case.stage == StageCode.CLOSURE


def test_bank_payment_needs_the_receipt(cw):
    case = served_case(cw)
    with pytest.raises(ValidationError) as error:
        services.record_payment(bank(case, "1000", receipt=""), by=cw.users["officer_a"])
    assert "第六十七条" in str(error.value.message_dict["bank_receipt_number"])


def test_payment_before_service_is_refused(cw):
    case = decided_case(cw)
    with pytest.raises(ValidationError):
        services.record_payment(bank(case, "1000"), by=cw.users["officer_a"])
    assert not Payment.objects.exists()


def onsite(case, amount, ground="", **fields):
    return Payment(case=case, channel=PaymentChannel.ON_THE_SPOT, amount=Decimal(amount), paid_on=today(),
                   payer="王建国", onsite_ground=ground, receipt_number="豫财罚0001", **fields)


def test_art_68_guard_no_collection_without_a_ground(cw):
    case = served_case(cw, fine=1000)  # general procedure
    with pytest.raises(ValidationError) as error:
        services.record_payment(onsite(case, "1000"), by=cw.users["officer_a"])
    assert "第六十七条" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.record_payment(onsite(case, "1000", OnTheSpotGround.SMALL_FINE), by=cw.users["officer_a"])
    assert "第六十八条" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.record_payment(onsite(case, "1000", OnTheSpotGround.HARD_TO_ENFORCE, onsite_reason="外地流动摊贩"),
                                by=cw.users["officer_a"])
    assert "第六十八条第二项" in str(error.value)
    # Art. 69: remote area at the party's request, any procedure
    payment = services.record_payment(onsite(case, "1000", OnTheSpotGround.REMOTE_AREA,
                                             onsite_reason="山区，当事人申请当场缴纳"), by=cw.users["officer_a"])
    assert payment.handover_due_on == compute("onsite-fine-handover", today(), region=case.region).due
    case.refresh_from_db()
    assert case.stage == StageCode.CLOSURE


def test_art_68_small_fine_on_the_spot_and_handover_deadline(cw):
    case = summary_case(cw, fine=50)
    from .helpers import service as svc

    services.record_service(svc(case, served_on=today()), by=cw.users["officer_a"])
    big = summary_case(cw, fine=150)
    services.record_service(svc(big, served_on=today()), by=cw.users["officer_a"])
    with pytest.raises(ValidationError) as error:
        services.record_payment(onsite(big, "150", OnTheSpotGround.SMALL_FINE), by=cw.users["officer_a"])
    assert "150" in str(error.value) and "第六十八条第一项" in str(error.value)
    payment = services.record_payment(onsite(case, "50", OnTheSpotGround.SMALL_FINE), by=cw.users["officer_a"])
    deadline = case.deadlines.get(key=f"handover:{payment.pk}")
    assert deadline.rule == "onsite-fine-handover" and deadline.due_on == payment.handover_due_on
    assert "第七十一条" in deadline.citation
    services.record_handover(payment, by=cw.users["officer_a"])
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.MET
    with pytest.raises(ValidationError):
        services.record_handover(payment, by=cw.users["officer_a"])


# --- deferral and instalments ----------------------------------------------------------------------------------

def plan(case, kind=PlanKind.INSTALMENTS, schedule=None):
    schedule = schedule or [{"due_on": (today() + datetime.timedelta(days=30)).isoformat(), "amount": "500"},
                            {"due_on": (today() + datetime.timedelta(days=60)).isoformat(), "amount": "500"}]
    return PaymentPlan(case=case, kind=kind, reason="经营困难", requested_on=today(), schedule=schedule)


def test_instalments_are_approved_by_the_head_only(cw):
    case = served_case(cw, fine=1000)
    requested = services.request_plan(plan(case), by=cw.users["officer_a"])
    assert requested.status == PlanStatus.REQUESTED
    for user in ("officer_a", "reviewer_a"):
        with pytest.raises(ValidationError) as error:
            services.decide_plan(requested, by=cw.users[user], approve=True)
        assert "第六十六条第二款" in str(error.value)
    approved = services.decide_plan(requested, by=head_of(cw, case), approve=True)
    assert approved.status == PlanStatus.APPROVED
    deadline = case.deadlines.get(key="payment", state="open")
    assert deadline.due_on == today() + datetime.timedelta(days=30) and "第六十六条" in deadline.citation
    services.record_payment(bank(case, "500"), by=cw.users["officer_a"])
    assert case.deadlines.get(key="payment", state="open").due_on == today() + datetime.timedelta(days=60)
    assert case.events.filter(kind=CaseEventKind.INSTALMENT).count() == 2


def test_plan_schedule_must_add_up_to_the_fine(cw):
    case = served_case(cw, fine=1000)
    bad = plan(case, schedule=[{"due_on": (today() + datetime.timedelta(days=30)).isoformat(), "amount": "500"},
                               {"due_on": (today() + datetime.timedelta(days=60)).isoformat(), "amount": "400"}])
    with pytest.raises(ValidationError) as error:
        services.request_plan(bad, by=cw.users["officer_a"])
    assert "schedule" in error.value.message_dict
    deferral = plan(case, PlanKind.DEFERRAL)
    with pytest.raises(ValidationError):
        services.request_plan(deferral, by=cw.users["officer_a"])  # a deferral has one line
    refused = services.request_plan(plan(case, PlanKind.DEFERRAL, [{"due_on": (today() + datetime.timedelta(
        days=40)).isoformat(), "amount": "1000"}]), by=cw.users["officer_a"])
    with pytest.raises(ValidationError):
        services.decide_plan(refused, by=head_of(cw, case), approve=False)  # reason needed
    services.decide_plan(refused, by=head_of(cw, case), approve=False, note="不符合经济困难条件")
    refused.refresh_from_db()
    assert refused.status == PlanStatus.REFUSED


# --- demand and court -----------------------------------------------------------------------------------------

def demand(case, issued, served=None):
    return Demand(case=case, number="城关催〔2026〕1号", issued_on=issued, served_on=served or issued)


def test_demand_only_after_the_payment_deadline(cw):
    case = served_case(cw, fine=1000, served_days_ago=3)
    with pytest.raises(ValidationError) as error:
        services.issue_demand(demand(case, today()), by=cw.users["officer_a"])
    assert "第五十四条" in str(error.value)


def test_demand_then_court_application_timing(cw):
    case = served_case(cw, fine=1000, served_days_ago=250)
    windows = services.appeal_windows(case)
    assert windows.reconsideration_ends == compute("reconsideration", days_ago(250), region=case.region).due
    assert windows.lawsuit_ends == compute("lawsuit", days_ago(250), region=case.region).due
    assert windows.application_ends == compute("court-enforcement-application", windows.lawsuit_ends,
                                               region=case.region).due
    issued = days_ago(5)
    d = services.issue_demand(demand(case, issued), by=cw.users["officer_a"])
    assert d.may_apply_from == compute("enforcement-demand", issued, region=case.region).due
    assert d.amount_due == Decimal("2000.00") and d.surcharge_due == Decimal("1000.00")  # capped
    assert case.deadlines.get(key="demand", state="open").due_on == d.may_apply_from
    assert case.deadlines.get(key="court-application", state="open").due_on == windows.application_ends
    # too early: the 10 working days after the demand have not run out
    app = CourtApplication(case=case, court="襄城县人民法院", filed_on=today())
    with pytest.raises(ValidationError) as error:
        services.apply_to_court(app, by=cw.users["officer_a"])
    assert "第五十四条" in str(error.value)
    # with the demand served long enough ago it is accepted
    Demand.objects.filter(pk=d.pk).update(may_apply_from=days_ago(1))
    app = services.apply_to_court(CourtApplication(case=case, court="襄城县人民法院", filed_on=today()),
                                  by=cw.users["officer_a"])
    assert case.deadlines.get(key="court-application").state == DeadlineState.MET
    services.record_court_outcome(app, by=cw.users["officer_a"], outcome=CourtOutcome.ACCEPTED)
    case.refresh_from_db()
    assert case.stage == StageCode.EXECUTION
    services.record_court_outcome(app, by=cw.users["officer_a"], outcome=CourtOutcome.ENFORCED)
    case.refresh_from_db()
    assert case.stage == StageCode.CLOSURE
    kinds = set(case.events.values_list("kind", flat=True))
    assert {CaseEventKind.DEMAND, CaseEventKind.COURT_APPLICATION, CaseEventKind.COURT_OUTCOME} <= kinds


def test_court_application_refused_inside_the_appeal_windows(cw):
    case = served_case(cw, fine=1000, served_days_ago=40)
    d = services.issue_demand(demand(case, days_ago(20)), by=cw.users["officer_a"])
    Demand.objects.filter(pk=d.pk).update(may_apply_from=days_ago(1))
    with pytest.raises(ValidationError) as error:
        services.apply_to_court(CourtApplication(case=case, court="襄城县人民法院", filed_on=today()),
                                by=cw.users["officer_a"])
    assert "第五十三条" in str(error.value) and "行政诉讼法" in str(error.value)


def test_court_application_refused_while_a_review_is_pending(cw):
    case = served_case(cw, fine=1000, served_days_ago=250)
    d = services.issue_demand(demand(case, days_ago(30)), by=cw.users["officer_a"])
    Demand.objects.filter(pk=d.pk).update(may_apply_from=days_ago(1))
    services.record_review(Litigation(case=case, court="襄城县人民法院", filed_on=days_ago(100)),
                           by=cw.users["officer_a"])
    with pytest.raises(ValidationError):
        services.apply_to_court(CourtApplication(case=case, court="襄城县人民法院", filed_on=today()),
                                by=cw.users["officer_a"])


def test_court_application_needs_a_demand(cw):
    case = served_case(cw, fine=1000, served_days_ago=250)
    with pytest.raises(ValidationError) as error:
        services.apply_to_court(CourtApplication(case=case, court="襄城县人民法院", filed_on=today()),
                                by=cw.users["officer_a"])
    assert "催告" in str(error.value)


# --- reconsideration and litigation ----------------------------------------------------------------------------

def test_reconsideration_outcomes_are_counted(cw):
    case = served_case(cw, fine=1000, served_days_ago=20)
    officer = cw.users["officer_a"]
    rec = services.record_review(Reconsideration(case=case, body="襄城县人民政府", filed_on=days_ago(10),
                                                 case_number="襄政复〔2026〕3号"), by=officer)
    assert case.deadlines.get(key="appeal:reconsideration").state == DeadlineState.MET
    services.record_review_outcome(rec, by=officer, outcome=ReviewOutcome.REVOKED, on=days_ago(1))
    case.refresh_from_db()
    assert case.stage == StageCode.CLOSURE  # a revoked decision is no longer carried out
    with pytest.raises(ValidationError):
        services.record_review_outcome(rec, by=officer, outcome=ReviewOutcome.UPHELD)
    other = served_case(cw, fine=800, served_days_ago=20)
    rec2 = services.record_review(Reconsideration(case=other, body="襄城县人民政府", filed_on=days_ago(5)), by=officer)
    services.record_review_outcome(rec2, by=officer, outcome=ReviewOutcome.UPHELD)
    services.record_review(Reconsideration(case=other, body="许昌市人民政府", filed_on=days_ago(2)), by=officer)
    lit = services.record_review(Litigation(case=other, court="襄城县人民法院", filed_on=days_ago(1)), by=officer)
    services.record_review_outcome(lit, by=officer, outcome=ReviewOutcome.CHANGED)
    stats = services.review_outcomes(Reconsideration.objects.all())
    assert stats["total"] == 3 and stats["pending"] == 1 and stats["adverse"] == 1
    assert stats["by_outcome"]["revoked"] == 1 and stats["by_outcome"]["upheld"] == 1
    assert stats["by_outcome"]["changed"] == 0
    assert services.review_outcomes(Litigation.objects.all())["adverse"] == 1
    event = case.events.filter(kind=CaseEventKind.RECONSIDERATION).last()
    assert event.data["outcome"] == "revoked" and event.data["adverse"] is True
    # after the reconsideration decision, 15 days to sue
    # after the reconsideration decision, 15 days to sue; the lawsuit filed meets it
    assert other.deadlines.get(key="appeal:lawsuit", rule="lawsuit-after-reconsideration").state == DeadlineState.MET


def test_review_cannot_predate_the_decision(cw):
    case = served_case(cw)
    with pytest.raises(ValidationError):
        services.record_review(Reconsideration(case=case, body="襄城县人民政府", filed_on=days_ago(400)),
                               by=cw.users["officer_a"])


def test_paying_after_a_demand_closes_the_enforcement_deadlines(cw):
    case = served_case(cw, fine=1000, served_days_ago=250)
    services.issue_demand(demand(case, days_ago(3)), by=cw.users["officer_a"])
    assert case.deadlines.filter(key__in=["demand", "court-application"], state="open").count() == 2
    services.record_payment(bank(case, services.account(case).owed), by=cw.users["officer_a"])
    case.refresh_from_db()
    assert case.stage == StageCode.CLOSURE
    assert not case.deadlines.filter(key__in=["demand", "court-application", "payment"], state="open").exists()


def test_court_application_too_late_is_refused(cw):
    case = served_case(cw, fine=1000, served_days_ago=400)
    windows = services.appeal_windows(case)
    assert windows.application_ends < today()
    d = services.issue_demand(demand(case, days_ago(30)), by=cw.users["officer_a"])
    Demand.objects.filter(pk=d.pk).update(may_apply_from=days_ago(1))
    with pytest.raises(ValidationError) as error:
        services.apply_to_court(CourtApplication(case=case, court="襄城县人民法院", filed_on=today()),
                                by=cw.users["officer_a"])
    assert "第五十三条" in str(error.value) and str(windows.application_ends) in str(error.value)


def test_public_notice_ending_in_the_national_day_week_is_deemed_served_after_it(cw):
    case = decided_case(cw)
    type(case).objects.filter(pk=case.pk).update(decided_on=datetime.date(2026, 8, 30))
    case.refresh_from_db()
    record = services.record_service(service(case, ServiceMethod.PUBLIC_NOTICE, notice_on=datetime.date(2026, 9, 1),
                                             notice_reason="当事人下落不明"), by=cw.users["officer_a"])
    # 30 days end on 1 October 2026, a holiday until 7 October: deemed served on Thursday 8 October
    assert record.served_on == datetime.date(2026, 10, 8)
    services.complete_public_notice(record, by=cw.users["officer_a"])
    case.refresh_from_db()
    assert case.stage == StageCode.EXECUTION
    assert case.deadlines.get(key="payment", state="open").start == datetime.date(2026, 10, 8)
