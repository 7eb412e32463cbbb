"""Scenario tests of legal review, collective discussion and transfers, through the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from zongzhi.cases.choices import CaseEventKind, CaseOutcome, CaseStatus, DeadlineState, StageCode, StageStatus
from zongzhi.cases.models import CaseStage
from zongzhi.cases.testing import filed_case
from zongzhi.officers.choices import StaffingKind
from zongzhi.officers.models import Officer
from zongzhi.reviews import demo, services
from zongzhi.reviews.choices import Conclusion, Opinion, ReviewStatus, TransferStatus
from zongzhi.reviews.models import LegalReview
from zongzhi.utilities.testing import fake_id_number

from .helpers import all_pass, at_review, report

pytestmark = pytest.mark.django_db
D = datetime.date


def opinion(cw, review, *, by=None, officer=None, **kwargs):
    kwargs.setdefault("checklist", all_pass())
    kwargs.setdefault("opinion", Opinion.AGREE)
    return services.give_opinion(review, by=by or cw.users["reviewer_a"], officer=officer or cw.officer_a2, **kwargs)


# --- legal review ---------------------------------------------------------------------------------------------

def test_request_review_opens_one_review_with_its_deadline(cw):
    case = at_review(cw)
    assert case.stage == StageCode.LEGAL_REVIEW
    review = services.request_review(case, by=cw.users["reviewer_a"])
    assert services.request_review(case, by=cw.users["reviewer_a"]).pk == review.pk  # idempotent
    assert review.round == 1 and review.status == ReviewStatus.PENDING
    assert review.grounds == case.review_reasons and review.grounds
    deadline = case.deadlines.get(key="review", state=DeadlineState.OPEN)
    assert deadline.rule == "legal-review" and deadline.due_on == review.due_on
    # The review's time limit replaces the stage's: one deadline, not two.
    assert not case.deadlines.filter(key="stage:legal_review", state=DeadlineState.OPEN).exists()
    assert case.events.filter(kind=CaseEventKind.REVIEW_REQUESTED).count() == 1


def test_review_deadline_counts_working_days_over_national_day(cw):
    """Materials received on Friday 26 September 2025: 7 working days pass over the National Day week (1-8 Oct)
    and count the make-up Sundays/Saturdays 28 Sept and 11 Oct: due Monday 13 October."""
    case = at_review(cw)
    CaseStage.objects.filter(case=case, stage__code=StageCode.LEGAL_REVIEW).update(
        started_at=timezone.make_aware(datetime.datetime(2025, 9, 26, 10)))
    review = services.request_review(case, by=cw.users["reviewer_a"])
    assert review.requested_on == D(2025, 9, 26)
    assert review.due_on == D(2025, 10, 13)
    assert review.is_overdue
    assert "地方规定" in review.due_citation


def test_queue_opens_missing_reviews_in_the_users_scope_only(cw):
    a, b = at_review(cw, "a"), at_review(cw, "b")
    assert services.request_missing_reviews(cw.users["reviewer_a"]) == 1
    assert LegalReview.objects.filter(case=a).exists() and not LegalReview.objects.filter(case=b).exists()
    assert services.request_missing_reviews(cw.users["reviewer_a"]) == 0


def test_agree_moves_the_case_on_and_meets_the_deadline(cw):
    case = at_review(cw)
    review = services.request_review(case, by=cw.users["reviewer_a"])
    review = opinion(cw, review, reasons="事实清楚，证据确凿。")
    case.refresh_from_db()
    assert review.status == ReviewStatus.DONE and review.opinion == Opinion.AGREE
    assert review.reviewer == cw.users["reviewer_a"] and review.reviewer_officer == cw.officer_a2
    assert case.stage == StageCode.NOTICE
    assert case.deadlines.get(key="review").state == DeadlineState.MET
    assert case.stages.get(stage__code=StageCode.LEGAL_REVIEW).status == StageStatus.DONE
    event = case.events.get(kind=CaseEventKind.REVIEW_OPINION)
    assert event.data["opinion"] == "agree" and event.data["reviewer"] == cw.officer_a2.name


def test_disagree_sends_the_case_back_with_reasons(cw):
    case = at_review(cw)
    review = services.request_review(case, by=cw.users["reviewer_a"])
    checklist = all_pass()
    checklist["facts"] = {"result": "problem", "note": "缺少现场照片"}
    with pytest.raises(ValidationError) as error:
        opinion(cw, review, checklist=checklist, opinion=Opinion.DISAGREE)
    assert "reasons" in error.value.message_dict
    opinion(cw, review, checklist=checklist, opinion=Opinion.DISAGREE, reasons="违法事实证据不足。")
    case.refresh_from_db()
    assert case.stage == StageCode.INVESTIGATION
    returned = case.stages.get(stage__code=StageCode.LEGAL_REVIEW)
    assert returned.status == StageStatus.RETURNED and "违法事实证据不足" in returned.note
    # Reported again, the case gets a second round of review.
    case = report(cw, case)
    second = services.request_review(case, by=cw.users["reviewer_a"])
    assert second.round == 2


def test_agree_after_changes_requires_the_changes_and_moves_on(cw):
    case = at_review(cw)
    review = services.request_review(case, by=cw.users["reviewer_a"])
    with pytest.raises(ValidationError) as error:
        opinion(cw, review, opinion=Opinion.AGREE_WITH_CHANGES)
    assert "changes" in error.value.message_dict
    opinion(cw, review, opinion=Opinion.AGREE_WITH_CHANGES, changes="处罚依据应引用第一百一十九条第一款。")
    case.refresh_from_db()
    assert case.stage == StageCode.NOTICE


def test_checklist_needs_every_point_and_notes_for_problems(cw):
    review = services.request_review(at_review(cw), by=cw.users["reviewer_a"])
    partial = all_pass()
    del partial["crime"]
    with pytest.raises(ValidationError) as error:
        opinion(cw, review, checklist=partial)
    assert "是否涉嫌犯罪" in " ".join(error.value.message_dict["checklist"])
    problem = all_pass()
    problem["law"] = {"result": "problem", "note": ""}
    with pytest.raises(ValidationError):
        opinion(cw, review, checklist=problem, opinion=Opinion.DISAGREE, reasons="x")
    problem["law"]["note"] = "适用条款错误"
    with pytest.raises(ValidationError, match="第五十八条"):
        opinion(cw, review, checklist=problem, opinion=Opinion.AGREE)  # problems found: plain agree refused


def test_only_a_legal_reviewer_of_the_township_may_review(cw):
    case = at_review(cw)
    review = services.request_review(case, by=cw.users["reviewer_a"])
    for who in ("officer_a", "leader_a", "reviewer_b", "bureau"):
        with pytest.raises(ValidationError, match="法制审核|Only a legal reviewer|审核"):
            opinion(cw, review, by=cw.users[who])
    review.refresh_from_db()
    assert review.status == ReviewStatus.PENDING
    assert services.may_review(cw.users["reviewer_a"], case)
    assert not services.may_review(cw.users["reviewer_b"], case)


def test_first_time_reviewer_needs_the_legal_qualification(cw):
    case = at_review(cw)
    review = services.request_review(case, by=cw.users["reviewer_a"])
    assert not cw.officer_a.legal_qualification
    with pytest.raises(ValidationError, match="第五十八条第二款"):
        opinion(cw, review, officer=cw.officer_a)
    with pytest.raises(ValidationError, match="城关街道"):
        opinion(cw, review, officer=cw.officer_b)  # serves in another township
    # A reviewer with an earlier opinion on record is not a first-time reviewer.
    LegalReview.objects.create(case=filed_case(cw, parties=None), round=1, status=ReviewStatus.DONE,
                               due_on=D(2021, 1, 8), opinion=Opinion.AGREE, reviewer_officer=cw.officer_a,
                               reviewed_on=D(2021, 1, 5))
    opinion(cw, review, officer=cw.officer_a)
    case.refresh_from_db()
    assert case.stage == StageCode.NOTICE


def test_no_opinion_once_the_case_left_the_stage(cw):
    case = at_review(cw)
    review = services.request_review(case, by=cw.users["reviewer_a"])
    opinion(cw, review)
    with pytest.raises(ValidationError):
        opinion(cw, review)
    with pytest.raises(ValidationError):
        services.request_review(case, by=cw.users["reviewer_a"])


def test_demo_review_helper(cw):
    case = at_review(cw)
    review = demo.review(case, by=cw.users["reviewer_a"])
    assert review.opinion == Opinion.AGREE and review.reviewer_officer == cw.officer_a2
    case = report(cw, filed_case(cw))
    back = demo.review(case, by=cw.users["reviewer_a"], opinion=Opinion.DISAGREE)
    back.case.refresh_from_db()
    assert back.case.stage == StageCode.INVESTIGATION


# --- collective discussion ------------------------------------------------------------------------------------

def at_discussion(cw):
    case = at_review(cw, complex_case=True)
    assert case.discussion_required
    demo.review(case, by=cw.users["reviewer_a"])
    case.refresh_from_db()
    assert case.stage == StageCode.DISCUSSION
    return case


def heads(n=3):
    names = ["leader_a", "赵文涛", "钱雅琴", "孙立新"]
    return [{"name": names[i], "post": "负责人", "opinion": "同意"} for i in range(n)]


def discuss(cw, case, **kwargs):
    kwargs.setdefault("attendees", heads())
    kwargs.setdefault("conclusion", Conclusion.AGREE)
    return services.record_discussion(case, by=kwargs.pop("by", cw.users["leader_a"]), held_on=timezone.localdate(),
                                      chair="leader_a", minutes="同意承办人意见。", **kwargs)


def test_discussion_needs_at_least_three_heads_with_the_chair(cw):
    case = at_discussion(cw)
    with pytest.raises(ValidationError) as error:
        discuss(cw, case, attendees=heads(2))
    assert "至少" in " ".join(error.value.messages) or "At least" in " ".join(error.value.messages)
    assert "地方规定" in " ".join(error.value.messages)
    with pytest.raises(ValidationError, match="chair|主持"):
        discuss(cw, case, attendees=heads(4)[1:])  # the chair is not listed
    with pytest.raises(ValidationError):
        discuss(cw, case, attendees=[{"name": "赵文涛", "post": "", "opinion": ""}, *heads(3)])  # no post
    with override_settings(REVIEWS_DISCUSSION_MIN_ATTENDEES=4):
        with pytest.raises(ValidationError):
            discuss(cw, case)
    discussion = discuss(cw, case)
    assert len(discussion.attendees) == 3
    case.refresh_from_db()
    assert case.stage == StageCode.NOTICE
    assert case.events.filter(kind=CaseEventKind.DISCUSSION).exists()


def test_only_the_head_records_the_discussion(cw):
    case = at_discussion(cw)
    for who in ("officer_a", "reviewer_a"):
        with pytest.raises(ValidationError, match="第五十七条第二款"):
            discuss(cw, case, by=cw.users[who])


@pytest.mark.parametrize("conclusion, stage", [
    (Conclusion.CHANGE, StageCode.INVESTIGATION),
    (Conclusion.INVESTIGATE, StageCode.INVESTIGATION),
    (Conclusion.NO_PENALTY, StageCode.INVESTIGATION),  # a penalty was proposed: report again
    (Conclusion.TRANSFER, StageCode.DISCUSSION),  # waits for the transfer
])
def test_discussion_conclusions(cw, conclusion, stage):
    case = at_discussion(cw)
    discuss(cw, case, conclusion=conclusion)
    case.refresh_from_db()
    assert case.stage == stage
    if conclusion == Conclusion.TRANSFER:
        transfer = services.transfer_to_agency(case, by=cw.users["officer_a"], to_agency=cw.dept, grounds="属农业部门管辖")
        transfer.case.refresh_from_db()
        assert transfer.case.status == CaseStatus.TRANSFERRED


def test_demo_discuss_helper(cw):
    case = at_discussion(cw)
    discussion = demo.discuss(case, by=cw.users["leader_a"])
    assert discussion.conclusion == Conclusion.AGREE
    case.refresh_from_db()
    assert case.stage == StageCode.NOTICE


# --- transfers ------------------------------------------------------------------------------------------------

def test_transfer_to_the_competent_agency_ends_the_case_and_the_receiver_answers(cw):
    case = at_review(cw)
    review = services.request_review(case, by=cw.users["reviewer_a"])
    with pytest.raises(ValidationError):
        services.transfer_to_agency(case, by=cw.users["officer_a"], to_agency=cw.dept, grounds="")
    with pytest.raises(ValidationError):
        services.transfer_to_agency(case, by=cw.users["officer_b"], to_agency=cw.dept, grounds="属农业部门管辖")
    transfer = services.transfer_to_agency(case, by=cw.users["officer_a"], to_agency=cw.dept,
                                           grounds="涉案农药经营属农业农村局管辖", materials="案卷一册，证据清单一份")
    case.refresh_from_db()
    review.refresh_from_db()
    assert transfer.status == TransferStatus.SENT and transfer.receiver == cw.dept.name
    assert case.status == CaseStatus.TRANSFERRED and case.outcome == CaseOutcome.TRANSFERRED
    assert review.status == ReviewStatus.WITHDRAWN
    assert not case.deadlines.filter(state=DeadlineState.OPEN).exists()
    # The sending side does not answer for a receiving agency that is on the platform.
    with pytest.raises(ValidationError):
        services.answer_transfer(transfer, by=cw.users["officer_a"], accepted=True)
    with pytest.raises(ValidationError):
        services.answer_transfer(transfer, by=cw.users["dept"], accepted=False)  # a refusal needs its reason
    transfer = services.answer_transfer(transfer, by=cw.users["dept"], accepted=False, note="不属本局职责")
    assert transfer.status == TransferStatus.REFUSED and transfer.answer_note == "不属本局职责"
    with pytest.raises(ValidationError):
        services.answer_transfer(transfer, by=cw.users["dept"], accepted=True)


def test_no_transfer_to_oneself_or_of_an_ended_case(cw):
    case = filed_case(cw)
    with pytest.raises(ValidationError):
        services.transfer_to_agency(case, by=cw.users["officer_a"], to_agency=cw.gov_a, grounds="x")
    services.transfer_to_agency(case, by=cw.users["officer_a"], to_agency=cw.dept, grounds="x")
    with pytest.raises(ValidationError):
        services.transfer_to_agency(case, by=cw.users["officer_a"], to_agency=cw.bureau, grounds="x")


def test_criminal_transfer_head_decides_within_3_days_sent_within_24_hours(cw):
    case = filed_case(cw)
    reported = D(2025, 9, 29)  # Monday; 3 days end on 2 October, a holiday: the next working day is 9 October
    transfer = services.report_crime(case, by=cw.users["officer_a"], grounds="焚烧面积大，引发火灾，涉嫌失火罪",
                                     police="襄城县公安局", procuratorate="襄城县人民检察院", reported_on=reported)
    assert transfer.status == TransferStatus.REPORTED
    assert transfer.decision_due_on == D(2025, 10, 9)
    deadline = case.deadlines.get(key=f"criminal-decision:{transfer.pk}")
    assert "国务院令第310号" in deadline.citation and deadline.state == DeadlineState.OPEN
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN  # the case goes on until the transfer is sent
    with pytest.raises(ValidationError, match="第五条"):
        services.decide_criminal_transfer(transfer, by=cw.users["officer_a"], approve=True)
    decided_at = timezone.make_aware(datetime.datetime(2025, 10, 10, 15, 30))
    transfer = services.decide_criminal_transfer(transfer, by=cw.users["leader_a"], approve=True,
                                                 decided_at=decided_at)
    assert transfer.status == TransferStatus.APPROVED and transfer.decision_late
    assert transfer.send_due_at == decided_at + datetime.timedelta(hours=24)
    assert case.deadlines.get(key=f"criminal-decision:{transfer.pk}").state == DeadlineState.MET
    assert case.deadlines.get(key=f"criminal-transfer:{transfer.pk}").due_on == D(2025, 10, 11)
    transfer = services.send_transfer(transfer, by=cw.users["officer_a"])
    case.refresh_from_db()
    assert transfer.status == TransferStatus.SENT and transfer.sending_late
    assert case.status == CaseStatus.TRANSFERRED
    assert case.deadlines.get(key=f"criminal-transfer:{transfer.pk}").state == DeadlineState.MET
    # The police are not on the platform: the sending side records their written answer.
    with pytest.raises(ValidationError):
        services.answer_transfer(transfer, by=cw.users["officer_a"], accepted=False)
    transfer = services.answer_transfer(transfer, by=cw.users["officer_a"], accepted=False, note="不符合立案追诉标准")
    assert transfer.status == TransferStatus.NOT_FILED
    with pytest.raises(ValidationError):
        services.answer_transfer(transfer, by=cw.users["officer_b"], accepted=True)


def test_criminal_transfer_not_approved_keeps_the_case(cw):
    case = filed_case(cw)
    transfer = services.report_crime(case, by=cw.users["officer_a"], grounds="疑似", police="襄城县公安局",
                                     procuratorate="襄城县人民检察院")
    assert not transfer.decision_late
    with pytest.raises(ValidationError):
        services.decide_criminal_transfer(transfer, by=cw.users["leader_a"], approve=False)  # reason needed
    transfer = services.decide_criminal_transfer(transfer, by=cw.users["leader_a"], approve=False,
                                                 note="未达到刑事立案追诉标准")
    case.refresh_from_db()
    assert transfer.status == TransferStatus.NOT_APPROVED and case.status == CaseStatus.OPEN
    with pytest.raises(ValidationError):
        services.send_transfer(transfer, by=cw.users["officer_a"])
    with pytest.raises(ValidationError):
        services.report_crime(case, by=cw.users["officer_a"], grounds="x", police="", procuratorate="")


def test_police_on_the_platform_answer_themselves(cw):
    from zongzhi.agencies.models import Agency
    from zongzhi.users import roles
    from zongzhi.users.models import RoleAssignment, User

    police = Agency.objects.create(name="襄城县公安局", kind=cw.dept.kind, region=cw.county, parent=cw.county_gov)
    officer = User.objects.create_user(username="police", password="x")
    RoleAssignment.objects.create(user=officer, role=roles.DEPARTMENT_LIAISON, agency=police)
    case = filed_case(cw)
    transfer = services.report_crime(case, by=cw.users["officer_a"], grounds="涉嫌失火罪", police="",
                                     procuratorate="襄城县人民检察院", to_agency=police)
    assert transfer.receiver == "襄城县公安局"
    services.decide_criminal_transfer(transfer, by=cw.users["leader_a"], approve=True)
    services.send_transfer(transfer, by=cw.users["officer_a"])
    assert services.receives(officer, transfer) and not services.receives(cw.users["dept"], transfer)
    transfer = services.answer_transfer(transfer, by=officer, accepted=True, note="已立案侦查")
    assert transfer.status == TransferStatus.FILED


def test_unqualified_officer_record_helper_lists_township_officers_first_qualified(cw):
    case = at_review(cw)
    Officer.objects.create(name="钱多多", id_number=fake_id_number(77), agency=cw.squad_a, post="队员",
                           staffing=StaffingKind.INSTITUTION, status="retired")
    names = [o.name for o in services.reviewer_officers(case)]
    assert names[0] == cw.officer_a2.name and cw.officer_b.name not in names and "钱多多" not in names
