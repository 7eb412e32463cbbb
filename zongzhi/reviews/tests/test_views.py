"""Pages, the case page section and the API: scope from both sides, guards answered in Chinese, fixed queries."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zongzhi.cases.choices import CaseStatus, StageCode
from zongzhi.cases.testing import filed_case
from zongzhi.reviews import demo, services
from zongzhi.reviews.choices import CHECKLIST_CODES, Opinion, ReviewStatus, TransferStatus
from zongzhi.reviews.models import CollectiveDiscussion, LegalReview, Transfer
from zongzhi.utilities.scope import CHANGE, VIEW, in_scope
from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for

from .helpers import at_review

pytestmark = pytest.mark.django_db


def number(obj):
    return obj.case.number


def opinion_post(cw, **extra):
    data = {"officer": cw.officer_a2.pk, "opinion": "agree", "reasons": "事实清楚。"}
    data.update({f"check_{code}": "pass" for code in CHECKLIST_CODES})
    data.update(extra)
    return data


# --- legal reviews --------------------------------------------------------------------------------------------

def test_review_queue_and_api_are_scoped(cw):
    a, b = at_review(cw, "a"), at_review(cw, "b")
    review_a = services.request_review(a, by=cw.users["reviewer_a"])
    review_b = services.request_review(b, by=cw.users["reviewer_b"])
    assert_scoped(cw.users["reviewer_a"], review_a, review_b, list_url="/reviews/legal-reviews/",
                  api_url="/api/v1/legal-reviews/", text=number)
    assert_scoped(cw.users["reviewer_b"], review_b, review_a, list_url="/reviews/legal-reviews/",
                  api_url="/api/v1/legal-reviews/", text=number)


def test_queue_opens_waiting_reviews_shows_due_dates_and_flags_overdue(cw):
    case = at_review(cw)
    page = client_for(cw.users["reviewer_a"]).get("/reviews/legal-reviews/")
    assert page.status_code == 200
    review = LegalReview.objects.get(case=case)
    body = page.content.decode()
    assert review.get_absolute_url() in body and review.due_on.strftime("%Y-%m-%d") in body
    assert 'bg-red-lt">逾期' not in body
    LegalReview.objects.filter(pk=review.pk).update(due_on=timezone.localdate() - timezone.timedelta(days=1))
    body = client_for(cw.users["reviewer_a"]).get("/reviews/legal-reviews/").content.decode()
    assert 'bg-red-lt">逾期' in body
    overdue = client_for(cw.users["reviewer_a"]).get("/reviews/legal-reviews/?overdue=true").content.decode()
    assert review.get_absolute_url() in overdue
    # Answered reviews leave the default queue but stay under "all".
    demo.review(case, by=cw.users["reviewer_a"])
    client = client_for(cw.users["reviewer_a"])
    assert review.get_absolute_url() not in client.get("/reviews/legal-reviews/").content.decode()
    assert review.get_absolute_url() in client.get("/reviews/legal-reviews/?status=all").content.decode()


def test_queue_keeps_a_fixed_number_of_queries(cw):
    client = client_for(cw.users["reviewer_a"])
    at_review(cw)
    client.get("/reviews/legal-reviews/")  # opens the review
    with CaptureQueriesContext(connection) as one:
        assert client.get("/reviews/legal-reviews/").status_code == 200
    for _ in range(4):
        services.request_review(at_review(cw), by=cw.users["reviewer_a"])
    assert LegalReview.objects.count() == 5
    with CaptureQueriesContext(connection) as five:
        assert client.get("/reviews/legal-reviews/").status_code == 200
    assert len(five) == len(one)
    api = api_client_for(cw.users["reviewer_a"])
    with CaptureQueriesContext(connection) as api_queries:
        assert api.get("/api/v1/legal-reviews/").status_code == 200
    assert len(api_queries) <= len(one)


def test_opinion_page_records_the_opinion_and_refuses_in_chinese(cw):
    case = at_review(cw)
    review = services.request_review(case, by=cw.users["reviewer_a"])
    # An officer is not a reviewer: no form, and a post is refused with the reason, never a 500.
    officer = client_for(cw.users["officer_a"])
    assert 'data-testid="opinion-form"' not in officer.get(review.get_absolute_url()).content.decode()
    assert officer.post(f"/reviews/legal-reviews/{review.pk}/opinion/", opinion_post(cw)).status_code == 404
    # Another township's reviewer does not even see it.
    assert client_for(cw.users["reviewer_b"]).post(f"/reviews/legal-reviews/{review.pk}/opinion/",
                                                   opinion_post(cw)).status_code == 404
    client = client_for(cw.users["reviewer_a"])
    page = client.get(review.get_absolute_url()).content.decode()
    assert 'data-testid="opinion-form"' in page and "主体" in page
    bad = client.post(f"/reviews/legal-reviews/{review.pk}/opinion/", opinion_post(cw, officer=cw.officer_a.pk))
    assert bad.status_code == 400 and "第五十八条第二款" in bad.content.decode()
    bad = client.post(f"/reviews/legal-reviews/{review.pk}/opinion/", opinion_post(cw, opinion="disagree",
                                                                                   reasons=""))
    assert bad.status_code == 400 and "理由" in bad.content.decode()
    ok = client.post(f"/reviews/legal-reviews/{review.pk}/opinion/", opinion_post(cw))
    assert ok.status_code == 302
    review.refresh_from_db()
    case.refresh_from_db()
    assert review.opinion == Opinion.AGREE and case.stage == StageCode.NOTICE
    shown = client.get(review.get_absolute_url()).content.decode()
    assert 'data-testid="checklist"' in shown and cw.officer_a2.name in shown


def test_api_opinion_guards_and_moves_the_case(cw):
    case = at_review(cw)
    review = services.request_review(case, by=cw.users["reviewer_a"])
    payload = {"officer": cw.officer_a2.pk, "opinion": "disagree", "reasons": "证据不足。",
               "checklist": {code: {"result": "pass"} for code in CHECKLIST_CODES}}
    assert api_client_for(cw.users["officer_a"]).post(
        f"/api/v1/legal-reviews/{review.pk}/opinion/", payload, format="json").status_code == 403
    api = api_client_for(cw.users["reviewer_a"])
    bad = api.post(f"/api/v1/legal-reviews/{review.pk}/opinion/", {**payload, "opinion": "agree_with_changes"},
                   format="json")
    assert bad.status_code == 400 and "changes" in bad.json()
    ok = api.post(f"/api/v1/legal-reviews/{review.pk}/opinion/", payload, format="json")
    assert ok.status_code == 200 and ok.json()["opinion"] == "disagree"
    case.refresh_from_db()
    assert case.stage == StageCode.INVESTIGATION
    again = api.post(f"/api/v1/legal-reviews/{review.pk}/opinion/", payload, format="json")
    assert again.status_code == 400


def test_api_opens_a_review(cw):
    case = at_review(cw)
    api = api_client_for(cw.users["reviewer_a"])
    response = api.post("/api/v1/legal-reviews/", {"case": case.pk}, format="json")
    assert response.status_code == 201 and response.json()["status"] == ReviewStatus.PENDING
    other = at_review(cw, "b")
    assert api.post("/api/v1/legal-reviews/", {"case": other.pk}, format="json").status_code == 400


# --- collective discussions -----------------------------------------------------------------------------------

def discussion_case(cw, town="a"):
    case = at_review(cw, town, complex_case=True)
    reviewer = cw.users["reviewer_a" if town == "a" else "reviewer_b"]
    officer = cw.officer_a2 if town == "a" else cw.officer_b
    if town == "b":
        officer.legal_qualification = True
        officer.save()
    demo.review(case, by=reviewer, officer=officer)
    case.refresh_from_db()
    assert case.stage == StageCode.DISCUSSION
    return case


def test_discussions_are_scoped(cw):
    a, b = discussion_case(cw, "a"), discussion_case(cw, "b")
    da = demo.discuss(a, by=cw.users["leader_a"])
    db = demo.discuss(b, by=cw.users["admin"])
    assert_scoped(cw.users["leader_a"], da, db, list_url="/reviews/discussions/",
                  api_url="/api/v1/collective-discussions/", text=number)
    assert_scoped(cw.users["officer_b"], db, da, list_url="/reviews/discussions/",
                  api_url="/api/v1/collective-discussions/", text=number)


def test_discussion_page_and_api(cw):
    case = discussion_case(cw)
    url = f"/reviews/cases/{case.pk}/discussion/"
    data = {"held_on": timezone.localdate().isoformat(), "chair": "主任甲", "conclusion": "agree", "minutes": "同意。",
            "name_0": "主任甲", "post_0": "主任", "opinion_0": "同意", "name_1": "副主任乙", "post_1": "副主任"}
    leader = client_for(cw.users["leader_a"])
    assert leader.get(url).status_code == 200
    bad = leader.post(url, data)
    assert bad.status_code == 400 and "至少" in bad.content.decode()
    officer = client_for(cw.users["officer_a"]).post(url, {**data, "name_2": "委员丙", "post_2": "委员"})
    assert officer.status_code == 400 and "第五十七条第二款" in officer.content.decode()
    assert client_for(cw.users["officer_b"]).get(url).status_code == 404
    ok = leader.post(url, {**data, "name_2": "委员丙", "post_2": "委员"})
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.stage == StageCode.NOTICE and CollectiveDiscussion.objects.filter(case=case).count() == 1
    # API: the same guards.
    case2 = discussion_case(cw)
    payload = {"case": case2.pk, "held_on": timezone.localdate().isoformat(), "chair": "甲", "conclusion": "investigate",
               "minutes": "需补充调查。", "attendees": [{"name": "甲", "post": "主任"}, {"name": "乙", "post": "副主任"}]}
    api = api_client_for(cw.users["leader_a"])
    bad = api.post("/api/v1/collective-discussions/", payload, format="json")
    assert bad.status_code == 400 and "attendees" in bad.json()
    payload["attendees"].append({"name": "丙", "post": "委员", "opinion": "补充调查"})
    ok = api.post("/api/v1/collective-discussions/", payload, format="json")
    assert ok.status_code == 201
    case2.refresh_from_db()
    assert case2.stage == StageCode.INVESTIGATION


# --- transfers ------------------------------------------------------------------------------------------------

def test_transfers_are_seen_by_the_sender_and_the_receiving_agency(cw):
    a, b = filed_case(cw, town="a"), filed_case(cw, town="b")
    to_dept = services.transfer_to_agency(a, by=cw.users["officer_a"], to_agency=cw.dept, grounds="属农业部门管辖")
    to_town_a = services.transfer_to_agency(b, by=cw.users["officer_b"], to_agency=cw.gov_a, grounds="违法行为发生在城关街道")
    # The sending township sees its transfer, not the other township's ... (officer_a receives to_town_a: see below)
    assert_scoped(cw.users["officer_b"], to_town_a, to_dept, list_url="/reviews/transfers/",
                  api_url="/api/v1/transfers/", text=number)
    # The receiving county department sees the transfer sent to it (agency scope), not the other.
    assert_scoped(cw.users["dept"], to_dept, to_town_a, list_url="/reviews/transfers/",
                  api_url="/api/v1/transfers/", text=number)
    # Township A sees both: the one it sent and the one it receives (its place).
    visible = set(Transfer.objects.restrict(cw.users["officer_a"]).values_list("pk", flat=True))
    assert visible == {to_dept.pk, to_town_a.pk}
    # ``in_scope`` (forms, API writes) agrees with ``restrict`` on both sides.
    assert in_scope(cw.users["dept"], to_dept, CHANGE) and not in_scope(cw.users["dept"], to_town_a, VIEW)
    assert in_scope(cw.users["officer_a"], to_town_a, CHANGE) and in_scope(cw.users["officer_b"], to_town_a, CHANGE)
    assert not in_scope(cw.users["officer_b"], to_dept, VIEW)
    # Township B's reviewer or supervisor-less users: a user of neither side sees nothing.
    other = filed_case(cw, town="b", parties=None)
    criminal = services.report_crime(other, by=cw.users["officer_b"], grounds="涉嫌犯罪", police="襄城县公安局",
                                     procuratorate="襄城县人民检察院")
    assert criminal.pk not in set(Transfer.objects.restrict(cw.users["dept"]).values_list("pk", flat=True))
    assert criminal.pk not in set(Transfer.objects.restrict(cw.users["officer_a"]).values_list("pk", flat=True))


def test_receiving_agency_answers_on_the_page_and_the_sender_cannot(cw):
    case = filed_case(cw)
    transfer = services.transfer_to_agency(case, by=cw.users["officer_a"], to_agency=cw.dept, grounds="属农业部门管辖")
    url = f"/reviews/transfers/{transfer.pk}/answer/"
    dept = client_for(cw.users["dept"])
    page = dept.get(transfer.get_absolute_url()).content.decode()
    assert 'data-testid="answer-form"' in page and 'data-testid="case-file"' in page and case.number in page
    sender = client_for(cw.users["officer_a"])
    assert 'data-testid="answer-form"' not in sender.get(transfer.get_absolute_url()).content.decode()
    refused = sender.post(url, {"accepted": "yes"})
    assert refused.status_code == 400 and "接收" in refused.content.decode()
    assert client_for(cw.users["officer_b"]).post(url, {"accepted": "yes"}).status_code == 404
    assert dept.post(url, {"accepted": "no"}).status_code == 400  # a refusal needs its reason
    assert dept.post(url, {"accepted": "yes", "note": "已受理"}).status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED and transfer.answered_by == cw.users["dept"]


def test_transfer_pages_from_the_case(cw):
    case = filed_case(cw)
    client = client_for(cw.users["officer_a"])
    assert client.get(f"/reviews/cases/{case.pk}/transfer/").status_code == 200
    bad = client.post(f"/reviews/cases/{case.pk}/transfer/", {"to_agency": cw.dept.pk, "grounds": ""})
    assert bad.status_code == 400
    assert client_for(cw.users["officer_b"]).post(f"/reviews/cases/{case.pk}/transfer/", {
        "to_agency": cw.dept.pk, "grounds": "x"}).status_code == 404
    refused = client_for(cw.users["reviewer_a"]).post(f"/reviews/cases/{case.pk}/criminal-transfer/", {
        "receiver_name": "襄城县公安局", "copy_to": "襄城县人民检察院", "grounds": "涉嫌失火罪"})
    assert refused.status_code == 400 and "移送" in refused.content.decode()
    ok = client.post(f"/reviews/cases/{case.pk}/criminal-transfer/", {
        "receiver_name": "襄城县公安局", "copy_to": "襄城县人民检察院", "grounds": "涉嫌失火罪"})
    assert ok.status_code == 302
    transfer = Transfer.objects.get(case=case)
    assert transfer.status == TransferStatus.REPORTED
    # The head decides on the transfer page; an officer's decision is refused with the article.
    decide = f"/reviews/transfers/{transfer.pk}/decide/"
    officer = client.post(decide, {"approve": "yes"})
    assert officer.status_code == 400 and "第五条" in officer.content.decode()
    leader = client_for(cw.users["leader_a"])
    assert 'data-testid="decision-form"' in leader.get(transfer.get_absolute_url()).content.decode()
    assert leader.post(decide, {"approve": "yes"}).status_code == 302
    assert 'data-testid="send-form"' in client.get(transfer.get_absolute_url()).content.decode()
    assert client.post(f"/reviews/transfers/{transfer.pk}/send/").status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.TRANSFERRED


def test_transfer_api_create_decide_send_answer(cw):
    case = filed_case(cw)
    api = api_client_for(cw.users["officer_a"])
    bad = api.post("/api/v1/transfers/", {"case": case.pk, "kind": "criminal", "grounds": "涉嫌失火罪"}, format="json")
    assert bad.status_code == 400 and "copy_to" in bad.json()
    created = api.post("/api/v1/transfers/", {"case": case.pk, "kind": "criminal", "grounds": "涉嫌失火罪",
                                              "receiver_name": "襄城县公安局", "copy_to": "襄城县人民检察院"},
                       format="json")
    assert created.status_code == 201 and created.json()["decision_due_on"]
    pk = created.json()["id"]
    assert api.post(f"/api/v1/transfers/{pk}/decide/", {"approve": True}, format="json").status_code == 400
    leader = api_client_for(cw.users["leader_a"])
    decided = leader.post(f"/api/v1/transfers/{pk}/decide/", {"approve": True}, format="json")
    assert decided.status_code == 200 and decided.json()["send_due_at"]
    assert api.post(f"/api/v1/transfers/{pk}/send/").status_code == 200
    answered = api.post(f"/api/v1/transfers/{pk}/answer/", {"accepted": True, "note": "已立案"}, format="json")
    assert answered.status_code == 200 and answered.json()["status"] == TransferStatus.FILED
    # Competent-agency transfer through the API, answered by the receiver only.
    case2 = filed_case(cw, parties=None)
    created = api.post("/api/v1/transfers/", {"case": case2.pk, "kind": "competent", "to_agency": cw.dept.pk,
                                              "grounds": "属农业部门管辖"}, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    assert api.post(f"/api/v1/transfers/{pk}/answer/", {"accepted": True}, format="json").status_code == 400
    dept = api_client_for(cw.users["dept"])
    assert dept.get(f"/api/v1/transfers/{pk}/").status_code == 200
    answered = dept.post(f"/api/v1/transfers/{pk}/answer/", {"accepted": False, "note": "不属本局"}, format="json")
    assert answered.status_code == 200 and answered.json()["status"] == TransferStatus.REFUSED
    assert api_client_for(cw.users["officer_b"]).get(f"/api/v1/transfers/{pk}/").status_code == 404


# --- the case page section ------------------------------------------------------------------------------------

def render_section(case, user):
    request = RequestFactory().get(f"/cases/cases/{case.pk}/")
    request.user = user
    template = Template('{% include "reviews/case_section.html" %}')
    return template.render(Context({"case": case, "user": user, "actions": [], "request": request}))


def test_case_section_shows_forms_to_who_may_act(cw):
    case = at_review(cw)
    html = render_section(case, cw.users["reviewer_a"])
    assert 'data-testid="opinion-form"' in html and 'data-testid="legal-review"' in html
    assert LegalReview.objects.filter(case=case, status=ReviewStatus.PENDING).count() == 1
    html = render_section(case, cw.users["officer_a"])
    assert 'data-testid="opinion-form"' not in html and 'data-testid="transfer-forms"' in html
    assert 'data-testid="transfer-forms"' not in render_section(case, cw.users["reviewer_a"])
    case = discussion_case(cw)
    assert 'data-testid="discussion-form"' in render_section(case, cw.users["leader_a"])
    assert 'data-testid="discussion-form"' not in render_section(case, cw.users["officer_a"])


def test_case_section_keeps_a_fixed_number_of_queries(cw):
    case = at_review(cw)
    user = cw.users["reviewer_a"]
    render_section(case, user)
    with CaptureQueriesContext(connection) as first:
        render_section(case, user)
    demo.review(case, by=user, opinion=Opinion.DISAGREE)
    case.refresh_from_db()
    from .helpers import report

    report(cw, case)
    case.refresh_from_db()
    render_section(case, user)
    with CaptureQueriesContext(connection) as second:
        render_section(case, user)
    assert len(second) <= len(first) + 1 and len(second) < 25


def test_case_page_shows_the_section_and_the_forms_post_back_to_it(cw):
    case = at_review(cw)
    reviewer = client_for(cw.users["reviewer_a"])
    page = reviewer.get(f"/cases/cases/{case.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="reviews-section"' in html and 'data-testid="opinion-form"' in html
    review = LegalReview.objects.get(case=case)
    response = reviewer.post(f"/reviews/legal-reviews/{review.pk}/opinion/",
                             opinion_post(cw, next=f"/cases/cases/{case.pk}/"))
    assert response.status_code == 302 and response["Location"] == f"/cases/cases/{case.pk}/"
    # An outside address is never followed.
    case2 = at_review(cw)
    reviewer.get(f"/cases/cases/{case2.pk}/")
    review2 = LegalReview.objects.get(case=case2)
    response = reviewer.post(f"/reviews/legal-reviews/{review2.pk}/opinion/",
                             opinion_post(cw, next="https://example.com/"))
    assert response["Location"] == review2.get_absolute_url()
    officer_page = client_for(cw.users["officer_a"]).get(f"/cases/cases/{case.pk}/").content.decode()
    assert 'data-testid="transfer-forms"' in officer_page and 'data-testid="checklist"' in officer_page


def test_transfer_list_keeps_a_fixed_number_of_queries(cw):
    client = client_for(cw.users["dept"])
    services.transfer_to_agency(filed_case(cw), by=cw.users["officer_a"], to_agency=cw.dept, grounds="属农业部门管辖")
    client.get("/reviews/transfers/")
    with CaptureQueriesContext(connection) as one:
        assert client.get("/reviews/transfers/").status_code == 200
    for _ in range(3):
        services.transfer_to_agency(filed_case(cw), by=cw.users["officer_a"], to_agency=cw.dept, grounds="属农业部门管辖")
    with CaptureQueriesContext(connection) as four:
        body = client.get("/reviews/transfers/").content.decode()
    assert body.count("/reviews/transfers/") >= 4
    assert len(four) == len(one)
