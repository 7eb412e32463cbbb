"""Scenario tests of the case services: each guard with its article, each deadline, suspension, summary limits."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from zongzhi.cases import guards, services
from zongzhi.cases.choices import (
    CaseEventKind,
    CaseOutcome,
    CaseStatus,
    ClueStatus,
    DeadlineState,
    Outcome,
    PartyKind,
    Procedure,
    StageCode,
    StageStatus,
)
from zongzhi.cases.models import Case, LocalCaseRule, Party
from zongzhi.cases.testing import decided_case, filed_case, new_case, person, to_decision
from zongzhi.officers.models import Officer
from zongzhi.utilities.testing import fake_id_number

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def messages(error):
    return " ".join(error.messages)


def test_filing_numbers_the_case_and_starts_the_90_day_clock(cw):
    case = filed_case(cw, approve=False)
    assert case.status == CaseStatus.PENDING and case.stage == StageCode.FILING
    assert case.number == f"城关街综执立〔{TODAY().year}〕1号"
    assert case.deciding_body == cw.gov_a
    second = filed_case(cw, approve=False, parties=[person("李四", 32)])
    assert second.serial == 2
    case = services.approve_filing(case, by=cw.users["leader_a"])
    assert case.status == CaseStatus.OPEN and case.stage == StageCode.INVESTIGATION
    deadline = case.deadlines.get(key="decision")
    assert deadline.citation == "《行政处罚法》第六十条"
    assert deadline.due_on >= case.filed_on + datetime.timedelta(days=90)
    assert case.next_due_on == deadline.due_on
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds[:2] == [CaseEventKind.REGISTERED, CaseEventKind.STAGE_STARTED]
    assert CaseEventKind.FILING_APPROVED in kinds


def test_only_the_head_approves_filing(cw):
    case = filed_case(cw, approve=False)
    with pytest.raises(ValidationError, match="第五十四条"):
        services.approve_filing(case, by=cw.users["officer_a"])
    refused = services.approve_filing(case, by=cw.users["leader_a"], approve=False, reason="证据不足，不予立案")
    assert refused.status == CaseStatus.NOT_APPROVED


def test_a_matter_not_delegated_is_refused_with_the_suggestion_to_transfer(cw):
    case = new_case(cw, town="b", matter=cw.straw)  # 颍桥 never accepted 露天焚烧秸秆
    with pytest.raises(ValidationError) as error:
        services.file_case(case, parties=[person()], officers=[cw.officer_b, cw.officer_b2],
                           by=cw.users["officer_b"])
    text = messages(error.value)
    assert "第二十三条" in text and "襄城县农业农村局" in text
    assert not Case.objects.exists()


@pytest.mark.parametrize(("years_ago", "continuing_end", "ok"), [(1, None, True), (3, None, False), (3, 1, True)])
def test_limitation_of_two_years_from_the_act_or_the_end_of_a_continuing_act(cw, years_ago, continuing_end, ok):
    fields = {"days_ago": 365 * years_ago}
    if continuing_end:
        fields.update(continuing=True, act_ended_on=TODAY() - datetime.timedelta(days=365 * continuing_end))
    case = new_case(cw, **fields)
    if ok:
        services.file_case(case, parties=[person()], officers=[cw.officer_a, cw.officer_a2], by=cw.users["officer_a"])
    else:
        with pytest.raises(ValidationError, match="第三十六条"):
            services.file_case(case, parties=[person()], officers=[cw.officer_a, cw.officer_a2],
                               by=cw.users["officer_a"])


def test_five_years_when_safety_is_endangered_with_harm(cw):
    cw.straw.endangers_safety = True
    cw.straw.save()
    case = new_case(cw, days_ago=365 * 3, harmful=True)
    assert guards.limitation_end(case).due.year == case.act_on.year + 5
    services.file_case(case, parties=[person()], officers=[cw.officer_a, cw.officer_a2], by=cw.users["officer_a"])


def test_two_certified_officers_are_required(cw):
    with pytest.raises(ValidationError, match="第四十二条、第五十五条"):
        services.file_case(new_case(cw), parties=[person()], officers=[cw.officer_a], by=cw.users["officer_a"])
    uncertified = Officer.objects.create(name="赵无证", id_number="", agency=cw.squad_a, post="队员")
    with pytest.raises(ValidationError, match="赵无证"):
        services.file_case(new_case(cw), parties=[person()], officers=[cw.officer_a, uncertified],
                           by=cw.users["officer_a"])
    # 郑雨桐 is certified, but for 城市管理 only, and serves in another township.
    with pytest.raises(ValidationError, match="郑雨桐"):
        services.file_case(new_case(cw), parties=[person()], officers=[cw.officer_a, cw.officer_b],
                           by=cw.users["officer_a"])


def test_party_identifiers_are_validated(cw):
    good = fake_id_number(31)
    bad = Party(kind=PartyKind.PERSON, name="王建国", identifier=good[:-1] + ("0" if good[-1] != "0" else "1"))
    with pytest.raises(ValidationError) as error:
        services.file_case(new_case(cw), parties=[bad], officers=[cw.officer_a, cw.officer_a2],
                           by=cw.users["officer_a"])
    assert "parties" in error.value.message_dict
    org = Party(kind=PartyKind.ORGANISATION, name="襄城县某农资店")
    with pytest.raises(ValidationError, match="统一社会信用代码|unified social credit code"):
        services.file_case(new_case(cw), parties=[org], officers=[cw.officer_a, cw.officer_a2],
                           by=cw.users["officer_a"])


def test_the_first_body_to_file_keeps_the_case(cw):
    first = filed_case(cw)
    rival = new_case(cw)
    rival.deciding_body = cw.dept
    with pytest.raises(ValidationError, match="第二十五条") as error:
        guards.check_jurisdiction(rival, [person()])
    assert first.number in messages(error.value)


def test_filing_from_a_clue_triages_it(cw):
    from zongzhi.cases.choices import ClueSource
    from zongzhi.cases.models import Clue

    clue = services.register_clue(Clue(agency=cw.squad_a, source=ClueSource.PATROL, description="焚烧秸秆",
                                       matter=cw.straw), by=cw.users["officer_a"])
    case = filed_case(cw, clue=clue)
    clue.refresh_from_db()
    assert clue.status == ClueStatus.TRIAGED and clue.outcome == Outcome.FILED and case.number in clue.triage_reason


# --- summary procedure ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "amount", "ok"), [
    (PartyKind.PERSON, 200, True), (PartyKind.PERSON, 201, False),
    (PartyKind.ORGANISATION, 3000, True), (PartyKind.ORGANISATION, 3001, False),
])
def test_summary_procedure_limits(cw, kind, amount, ok):
    party = person() if kind == PartyKind.PERSON else Party(kind=kind, name="襄城县某商行",
                                                            identifier="91411025MA44XXXX0X")
    if kind != PartyKind.PERSON:
        party.identifier = ""
        party.kind = PartyKind.INDIVIDUAL_BUSINESS
    case = new_case(cw, matter=cw.stall)
    call = lambda: services.decide_on_the_spot(  # noqa: E731
        case, parties=[party], officers=[cw.officer_a, cw.officer_a2], by=cw.users["officer_a"],
        fine_amount=amount, penalty_types=["fine"], decision_text="当场罚款")
    if ok:
        case = call()
        assert case.procedure == Procedure.SUMMARY and case.outcome == CaseOutcome.PENALTY
        assert case.stage == StageCode.SERVICE
    else:
        with pytest.raises(ValidationError, match="第五十一条"):
            call()
        assert not Case.objects.exists()


def test_summary_procedure_allows_no_other_penalty(cw):
    with pytest.raises(ValidationError, match="第五十一条"):
        services.decide_on_the_spot(new_case(cw, matter=cw.stall), parties=[person()],
                                    officers=[cw.officer_a, cw.officer_a2], by=cw.users["officer_a"],
                                    fine_amount=0, penalty_types=["order_closure"])


# --- report, review, notice, decision ------------------------------------------------------------------------

def test_a_fine_above_the_legal_maximum_is_refused(cw):
    case = filed_case(cw)
    with pytest.raises(ValidationError, match="2000"):
        services.submit_report(case, by=cw.users["officer_a"], facts="焚烧", proposed_outcome=CaseOutcome.PENALTY,
                               fine_amount=2001, penalty_types=["fine"])


def test_review_is_required_by_local_rule_and_cannot_be_skipped(cw):
    case = filed_case(cw)
    case = services.submit_report(case, by=cw.users["officer_a"], facts="焚烧", proposed_outcome=CaseOutcome.PENALTY,
                                  fine_amount=1000, penalty_types=["fine"])
    assert case.stage == StageCode.LEGAL_REVIEW and case.review_reasons
    # Jump the queue: the decision is still refused.
    services.finish_stage(case, StageCode.LEGAL_REVIEW, by=None, status=StageStatus.SKIPPED)
    services.enter_stage(case, StageCode.NOTICE, by=None)
    case = services.give_notice(case, by=cw.users["officer_a"], notified_on=TODAY() - datetime.timedelta(days=10))
    case = services.end_statement(case, by=cw.users["officer_a"])
    with pytest.raises(ValidationError, match="第五十八条"):
        services.decide(case, by=cw.users["leader_a"], outcome=CaseOutcome.PENALTY)


def test_without_local_rule_a_small_fine_goes_straight_to_notice(cw):
    LocalCaseRule.objects.create(region=cw.county, review_all_general=False, citation="襄城县重大执法决定法制审核办法")
    case = services.submit_report(filed_case(cw), by=cw.users["officer_a"], facts="焚烧",
                                  proposed_outcome=CaseOutcome.PENALTY, fine_amount=500, penalty_types=["fine"])
    assert case.review_reasons == [] and case.stage == StageCode.NOTICE
    case = services.submit_report(filed_case(cw, parties=[person("李四", 32)]), by=cw.users["officer_a"],
                                  facts="焚烧", proposed_outcome=CaseOutcome.PENALTY, fine_amount=2000,
                                  penalty_types=["fine"])
    assert case.stage == StageCode.LEGAL_REVIEW
    assert case.review_reasons[0]["citation"] == "襄城县重大执法决定法制审核办法"


def test_no_decision_before_the_notice_and_the_time_to_answer(cw):
    LocalCaseRule.objects.create(region=cw.county, review_all_general=False)
    case = services.submit_report(filed_case(cw), by=cw.users["officer_a"], facts="焚烧",
                                  proposed_outcome=CaseOutcome.PENALTY, fine_amount=500, penalty_types=["fine"])
    # Straight to the decision without a notice: refused (Arts. 44, 62).
    services.finish_stage(case, StageCode.NOTICE, by=None, status=StageStatus.SKIPPED)
    services.enter_stage(case, StageCode.DECISION, by=None)
    with pytest.raises(ValidationError, match="第四十四条"):
        services.decide(case, by=cw.users["leader_a"], outcome=CaseOutcome.PENALTY)
    # Notified today: the party has 3 working days to answer.
    services.finish_stage(case, StageCode.DECISION, by=None, status=StageStatus.RETURNED)
    services.enter_stage(case, StageCode.NOTICE, by=None)
    case = services.give_notice(case, by=cw.users["officer_a"])
    with pytest.raises(ValidationError, match="第四十五条"):
        services.end_statement(case, by=cw.users["officer_a"])
    case = services.record_statement(case, by=cw.users["officer_a"], text="当事人放弃陈述申辩", waived=True)
    case = services.end_statement(case, by=cw.users["officer_a"])
    case = services.decide(case, by=cw.users["leader_a"], outcome=CaseOutcome.PENALTY)
    assert case.outcome == CaseOutcome.PENALTY and case.stage == StageCode.SERVICE


def test_the_decision_cannot_be_heavier_than_notified(cw):
    case = to_decision(cw, filed_case(cw), fine=1000)
    with pytest.raises(ValidationError, match="第四十五条第二款"):
        services.decide(case, by=cw.users["leader_a"], outcome=CaseOutcome.PENALTY, fine_amount=1500)
    case = services.decide(case, by=cw.users["leader_a"], outcome=CaseOutcome.PENALTY, fine_amount=800)
    assert case.fine_amount == Decimal(800)


def test_only_the_head_decides(cw):
    case = to_decision(cw, filed_case(cw))
    with pytest.raises(ValidationError, match="第五十七条"):
        services.decide(case, by=cw.users["officer_a"], outcome=CaseOutcome.PENALTY)


def test_no_penalty_needs_a_ground_and_education(cw):
    case = services.submit_report(filed_case(cw), by=cw.users["officer_a"], facts="首次焚烧，面积很小，已当场扑灭",
                                  proposed_outcome=CaseOutcome.NO_PENALTY)
    case = services.review_done(case, passed=True, by=cw.users["reviewer_a"])
    assert case.stage == StageCode.DECISION  # no penalty intended: no notice needed
    with pytest.raises(ValidationError, match="第三十三条第三款"):
        services.decide(case, by=cw.users["leader_a"], outcome=CaseOutcome.NO_PENALTY,
                        no_penalty_ground="first_violation")
    case = services.decide(case, by=cw.users["leader_a"], outcome=CaseOutcome.NO_PENALTY,
                           no_penalty_ground="first_violation", education_record="当场宣讲大气污染防治法")
    assert case.outcome == CaseOutcome.NO_PENALTY and case.fine_amount == 0
    with pytest.raises(ValidationError):  # a penalty cannot be decided when none was notified
        services.decide(case, by=cw.users["leader_a"], outcome=CaseOutcome.PENALTY)


def test_review_disagreement_sends_the_case_back(cw):
    case = services.submit_report(filed_case(cw), by=cw.users["officer_a"], facts="焚烧",
                                  proposed_outcome=CaseOutcome.PENALTY, fine_amount=1000, penalty_types=["fine"])
    case = services.review_done(case, passed=False, by=cw.users["reviewer_a"], reason="证据不足")
    assert case.stage == StageCode.INVESTIGATION
    assert case.stages.filter(stage__code=StageCode.LEGAL_REVIEW, status=StageStatus.RETURNED).exists()


def test_a_large_fine_gives_hearing_rights_and_a_heard_case_is_reviewed_again(cw):
    case = services.submit_report(filed_case(cw, matter=cw.stall), by=cw.users["officer_a"], facts="占道",
                                  proposed_outcome=CaseOutcome.PENALTY, fine_amount=5000, penalty_types=["fine"])
    assert case.hearing_rights
    case = services.review_done(case, passed=True, by=cw.users["reviewer_a"])
    case = services.give_notice(case, by=cw.users["officer_a"])
    assert case.deadlines.get(key="hearing-request", state="open").citation.startswith("《行政处罚法》第六十四条")
    case = services.request_hearing(case, by=cw.users["officer_a"])
    with pytest.raises(ValidationError, match="第六十四条"):  # notified 7 working days before at the latest
        services.notify_hearing(case, by=cw.users["officer_a"], hearing_on=TODAY() + datetime.timedelta(days=3))
    case = services.notify_hearing(case, by=cw.users["officer_a"], hearing_on=TODAY() + datetime.timedelta(days=20))
    with pytest.raises(ValidationError, match="第六十三条"):
        services.end_statement(case, by=cw.users["officer_a"])
    case = services.record_hearing(case, by=cw.users["officer_a"], minutes="听证笔录……")
    case = services.end_statement(case, by=cw.users["officer_a"])
    assert case.stage == StageCode.LEGAL_REVIEW
    assert any("第五十八条第一款第二项" in r["citation"] for r in case.review_reasons)


def test_no_hearing_request_after_five_working_days(cw):
    case = services.submit_report(filed_case(cw, matter=cw.stall), by=cw.users["officer_a"], facts="占道",
                                  proposed_outcome=CaseOutcome.PENALTY, fine_amount=5000, penalty_types=["fine"])
    case = services.review_done(case, passed=True, by=cw.users["reviewer_a"])
    case = services.give_notice(case, by=cw.users["officer_a"], notified_on=TODAY() - datetime.timedelta(days=20))
    with pytest.raises(ValidationError, match="第六十四条第一项"):
        services.request_hearing(case, by=cw.users["officer_a"])


def test_the_discretion_deviation_needs_a_reason(cw):
    from zongzhi.discretion.models import DiscretionBand, DiscretionStandard
    from zongzhi.discretion.services import file_standard

    standard = DiscretionStandard.objects.create(matter=cw.straw, issuing_region=cw.county, issuer="襄城县农业农村局",
                                                 title="襄城县农业行政处罚裁量基准", version="2024",
                                                 effective_from=datetime.date(2024, 1, 1))
    for level, low, high in [("lighter", 500, 800), ("ordinary", 800, 1500), ("heavier", 1500, 2000)]:
        DiscretionBand.objects.create(standard=standard, level=level, conditions="……", penalty_types=["fine"],
                                      fine_min=low, fine_max=high, item="第一项")
    file_standard(standard, by=cw.users["admin"], filed_on=datetime.date(2024, 1, 1))
    case = filed_case(cw)
    with pytest.raises(ValidationError, match="第三十四条"):
        services.submit_report(case, by=cw.users["officer_a"], facts="焚烧", proposed_outcome=CaseOutcome.PENALTY,
                               fine_amount=1800, penalty_types=["fine"], level="ordinary")
    case = services.submit_report(case, by=cw.users["officer_a"], facts="焚烧", proposed_outcome=CaseOutcome.PENALTY,
                                  fine_amount=1800, penalty_types=["fine"], level="ordinary",
                                  deviation_reason="焚烧面积大，造成严重污染")
    assert case.discretion_flags and any("第三十四条" in r["citation"] for r in case.review_reasons)


# --- service, payment, closing -------------------------------------------------------------------------------

def test_from_service_to_archive(cw):
    case = decided_case(cw)
    assert case.deadlines.get(key="stage:service", state="open").rule == "decision-service"
    case = services.served(case, by=cw.users["officer_a"], served_on=TODAY())
    assert case.stage == StageCode.EXECUTION
    payment = case.deadlines.get(key="payment", state="open")
    assert payment.due_on >= TODAY() + datetime.timedelta(days=15) and "第六十七条" in payment.citation
    case = services.executed(case, by=cw.users["officer_a"])
    case = services.close_case(case, by=cw.users["leader_a"])
    assert case.status == CaseStatus.CLOSED and not case.deadlines.filter(state=DeadlineState.OPEN).exists()
    case = services.archive_case(case, by=cw.users["officer_a"])
    assert case.status == CaseStatus.ARCHIVED and case.next_due_on is None
    codes = list(case.stages.filter(status="done").values_list("stage__code", flat=True))
    assert codes == ["filing", "investigation", "legal_review", "notice", "hearing", "decision", "service",
                     "execution", "closure", "archive"]


def test_service_due_over_the_national_day_week(cw):
    """A decision on Sunday 2025-09-28 (a make-up working day): 7 working days skip 1–8 October and count
    Saturday 11 October (a make-up working day) — due Tuesday 14 October."""
    case = filed_case(cw)
    deadline = services.set_deadline(case, "stage:service", rule="decision-service", start=datetime.date(2025, 9, 28))
    assert deadline.due_on == datetime.date(2025, 10, 14)
    assert "第六十一条" in deadline.citation


# --- suspension and extension --------------------------------------------------------------------------------

def test_suspended_time_does_not_count_against_the_90_days(cw):
    case = filed_case(cw)
    due = case.deadlines.get(key="decision").due_on
    case = services.suspend(case, by=cw.users["leader_a"], reason="等待鉴定结论")
    assert case.status == CaseStatus.SUSPENDED
    Case.objects.filter(pk=case.pk).update(suspended_since=TODAY() - datetime.timedelta(days=12))
    case = services.resume(case, by=cw.users["leader_a"])
    assert case.suspended_days == 12
    assert case.deadlines.get(key="decision", state="open").due_on == due + datetime.timedelta(days=12)
    with pytest.raises(ValidationError):
        services.suspend(case, by=cw.users["leader_a"], reason="")


def test_one_extension_with_approval(cw):
    case = filed_case(cw)
    due = case.deadlines.get(key="decision").due_on
    with pytest.raises(ValidationError):
        services.extend(case, by=cw.users["officer_a"], reason="案情复杂")
    case = services.extend(case, by=cw.users["leader_a"], reason="案情复杂")
    assert case.deadlines.get(key="decision", state="open").due_on == due + datetime.timedelta(days=30)
    with pytest.raises(ValidationError):
        services.extend(case, by=cw.users["leader_a"], reason="再次延期")


def test_overdue_cases_show_through_the_next_deadline(cw):
    case = filed_case(cw)
    case.deadlines.filter(key="decision").update(due_on=TODAY() - datetime.timedelta(days=1))
    services.refresh_next_due(case)
    case.refresh_from_db()
    assert case.is_overdue
    assert Case.objects.filter(status__in=["open"], next_due_on__lt=TODAY()).count() == 1


def test_events_are_append_only(cw):
    case = filed_case(cw)
    event = case.events.first()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_allowed_actions_follow_state_and_role(cw):
    case = filed_case(cw, approve=False)
    assert services.allowed_actions(case, cw.users["officer_a"]) == []
    assert services.allowed_actions(case, cw.users["leader_a"]) == ["approve_filing"]
    assert services.allowed_actions(case, cw.users["officer_b"]) == []
    case = services.approve_filing(case, by=cw.users["leader_a"])
    assert "report" in services.allowed_actions(case, cw.users["officer_a"])
    assert timezone.localdate() == case.filed_on


def test_deadlines_into_an_unpublished_holiday_year_are_provisional_and_recounted(cw):
    """No holiday data for 2027 yet: the 90 days are counted with its statutory holidays and weekends, marked
    provisional, and recounted when the administrator enters the year."""
    from zongzhi.deadlines.choices import DayKind
    from zongzhi.deadlines.services import HolidayLine, enter_holiday_year

    case = filed_case(cw)
    row = services.set_deadline(case, "decision", rule="penalty-decision", start=datetime.date(2026, 12, 1),
                                pauses_with_case=True)
    # 2026-12-01 + 90 days = Monday 2027-03-01: a working day when only weekends are known.
    assert row.provisional and row.due_on == datetime.date(2027, 3, 1)
    lines = [HolidayLine(date=datetime.date(2027, 3, 1), kind=DayKind.OFF, festival="测试假日")]
    enter_holiday_year(year=2027, source="测试", days=lines)
    services.recount_provisional_deadlines()  # also sent on commit by enter_holiday_year
    row.refresh_from_db()
    assert row.due_on == datetime.date(2027, 3, 2) and not row.provisional


def test_filing_on_a_clue_links_the_inspection_finding_behind_it(cw, monkeypatch):
    """The inspections module points the findings behind the clue to the case (its own tests cover the linking)."""
    from zongzhi.cases.choices import ClueSource
    from zongzhi.cases.models import Clue
    from zongzhi.inspections import services as inspection_services

    linked = []
    monkeypatch.setattr(inspection_services, "link_case", lambda case, by=None: linked.append(case.pk) or 1)
    filed_case(cw)
    assert linked == []  # no clue, nothing to link
    clue = services.register_clue(Clue(agency=cw.squad_a, source=ClueSource.PATROL, description="检查发现焚烧",
                                       matter=cw.straw), by=cw.users["officer_a"])
    case = filed_case(cw, clue=clue, parties=[person("李四", 32)])
    assert linked == [case.pk]


def test_no_penalty_instead_of_a_pending_criminal_transfer(cw):
    from zongzhi.reviews.services import report_crime

    case = to_decision(cw, filed_case(cw))
    report_crime(case, by=cw.users["officer_a"], grounds="焚烧面积巨大，涉嫌失火罪", police="襄城县公安局",
                 procuratorate="襄城县人民检察院")
    with pytest.raises(ValidationError, match="第十一条"):
        services.decide(case, by=cw.users["leader_a"], outcome=CaseOutcome.PENALTY)
