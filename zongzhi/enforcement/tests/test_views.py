import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from zongzhi.cases.choices import StageCode
from zongzhi.cases.testing import decided_case, head_of
from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for, export_cells

from .. import demo, services
from ..choices import PlanKind, ServiceMethod
from ..models import CourtApplication, Demand, Litigation, Payment, PaymentPlan, Reconsideration, ServiceRecord
from .helpers import PDF, backdate, bank, days_ago, served_case

pytestmark = pytest.mark.django_db
today = timezone.localdate


@pytest.fixture
def two(cw):
    """In each township a served case with a payment, a plan, a demand, a court application and reviews."""
    out = {}
    for town in ("a", "b"):
        officer = cw.users[f"officer_{town}"]
        case = served_case(cw, fine=1000, served_days_ago=250, town=town)
        rec = case.service_records.get()
        pay = services.record_payment(bank(case, "100", receipt=f"YH-{town}"), by=officer)
        plan = services.request_plan(PaymentPlan(case=case, kind=PlanKind.DEFERRAL, reason="困难", requested_on=today(),
                                                 schedule=[{"due_on": (today() + datetime.timedelta(days=9)).isoformat(),
                                                            "amount": "1000"}]), by=officer)
        dem = services.issue_demand(Demand(case=case, number=f"催-{town}", issued_on=days_ago(30),
                                           served_on=days_ago(30)), by=officer)
        court = services.apply_to_court(CourtApplication(case=case, court="襄城县人民法院", filed_on=today()), by=officer)
        recon = services.record_review(Reconsideration(case=case, body="襄城县人民政府", filed_on=days_ago(200)),
                                       by=officer)
        lit = services.record_review(Litigation(case=case, court="襄城县人民法院", filed_on=days_ago(100)), by=officer)
        # the reviews ended (so the court application above was allowed before they were recorded)
        services.record_review_outcome(recon, by=officer, outcome="upheld", on=days_ago(150))
        services.record_review_outcome(lit, by=officer, outcome="revoked" if town == "a" else "upheld", on=days_ago(10))
        out[town] = {"case": case, "servicerecord": rec, "payment": pay, "paymentplan": plan, "demand": dem,
                     "courtapplication": court, "reconsideration": recon, "litigation": lit}
    return out


@pytest.mark.parametrize("name, list_url, api_url", [
    ("servicerecord", "/enforcement/service/", "/api/v1/service-records/"),
    ("payment", "/enforcement/payments/", "/api/v1/payments/"),
    ("paymentplan", "/enforcement/plans/", "/api/v1/instalments/"),
    ("demand", "/enforcement/demands/", "/api/v1/demands/"),
    ("courtapplication", "/enforcement/court/", "/api/v1/court-applications/"),
    ("reconsideration", "/enforcement/reconsiderations/", "/api/v1/reconsiderations/"),
    ("litigation", "/enforcement/litigations/", "/api/v1/litigations/"),
])
def test_every_model_is_scoped_to_the_township(cw, two, name, list_url, api_url):
    number = lambda r: r.case.number  # noqa: E731
    assert_scoped(cw.users["officer_a"], two["a"][name], two["b"][name], list_url=list_url, api_url=api_url,
                  text=number)
    assert_scoped(cw.users["officer_b"], two["b"][name], two["a"][name], list_url=list_url, api_url=api_url,
                  text=number)


def test_awaiting_payment_lists_scoped_cases_with_surcharge(cw):
    case_a = served_case(cw, fine=1000, served_days_ago=20)
    case_b = served_case(cw, fine=1000, served_days_ago=20, town="b")
    client = client_for(cw.users["officer_a"])
    page = client.get("/enforcement/payments/awaiting/")
    body = page.content.decode()
    assert page.status_code == 200 and case_a.number in body and case_b.number not in body
    surcharge = services.account(case_a).surcharge
    assert surcharge > 0 and str(surcharge) in body
    cells = export_cells(client.get("/enforcement/payments/awaiting/?export=xlsx"))
    assert case_a.number in cells and case_b.number not in cells and str(surcharge) in cells


def test_lists_keep_a_fixed_number_of_queries(cw, django_assert_max_num_queries):
    client = client_for(cw.users["officer_a"])
    for _ in range(2):
        case = served_case(cw, fine=1000, served_days_ago=20)
        services.record_payment(bank(case, "10"), by=cw.users["officer_a"])
    counts = {}
    for url in ("/enforcement/payments/", "/enforcement/payments/awaiting/", "/enforcement/service/"):
        client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx)
    for _ in range(3):
        case = served_case(cw, fine=1000, served_days_ago=20)
        services.record_payment(bank(case, "10"), by=cw.users["officer_a"])
    for url, n in counts.items():
        with django_assert_max_num_queries(n):
            assert client.get(url).status_code == 200


def test_serve_by_page_with_upload_and_chinese_refusal(cw):
    case = decided_case(cw)
    backdate(case, 2)
    client = client_for(cw.users["officer_a"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    url = f"/enforcement/cases/{case.pk}/service/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"document": "行政处罚决定书", "is_decision": "on", "method": ServiceMethod.ELECTRONIC,
                                "recipient": "王建国", "served_on": today().isoformat(),
                                "electronic_address": "wang@example.cn", "receipt_number": "DZ-1"})
    assert refused.status_code == 400
    assert "第六十一条第二款" in refused.content.decode()
    ok = client.post(url, {"document": "行政处罚决定书", "is_decision": "on", "method": ServiceMethod.BY_HAND,
                           "recipient": "王建国", "served_on": today().isoformat(),
                           "proof": SimpleUploadedFile("回证.pdf", PDF, content_type="application/pdf"),
                           "next": "/enforcement/service/"})
    assert ok.status_code == 302 and ok["Location"] == "/enforcement/service/"
    case.refresh_from_db()
    assert case.stage == StageCode.EXECUTION and ServiceRecord.objects.get().proof_sha256


def test_pages_refuse_without_a_500(cw):
    case = served_case(cw, fine=1000)
    client = client_for(cw.users["officer_a"])
    # on-the-spot without a ground
    r = client.post(f"/enforcement/cases/{case.pk}/payment/", {"channel": "on_the_spot", "amount": "1000",
                                                               "paid_on": today().isoformat(), "payer": "王建国",
                                                               "receipt_number": "票1"})
    assert r.status_code == 400 and "第六十七条" in r.content.decode()
    # a demand too early (refusal without a field in the form)
    r = client.post(f"/enforcement/cases/{case.pk}/demand/", {"issued_on": today().isoformat(),
                                                              "served_on": today().isoformat(), "method": "by_hand"})
    assert r.status_code == 400 and "第五十四条" in r.content.decode()
    # court too early
    r = client.post(f"/enforcement/cases/{case.pk}/court/", {"court": "襄城县人民法院", "filed_on": today().isoformat()})
    assert r.status_code == 400
    # bad schedule text
    r = client.post(f"/enforcement/cases/{case.pk}/plan/", {"kind": "instalments", "reason": "困难",
                                                            "requested_on": today().isoformat(), "schedule": "明天 五百"})
    assert r.status_code == 400
    # another township's case is a 404; a reviewer may not act
    other = served_case(cw, fine=1000, town="b")
    assert client.post(f"/enforcement/cases/{other.pk}/payment/", {}).status_code == 404
    assert client_for(cw.users["reviewer_a"]).get(f"/enforcement/cases/{case.pk}/payment/").status_code == 404


def test_plan_decision_page_is_for_the_head(cw):
    case = served_case(cw, fine=1000)
    officer = client_for(cw.users["officer_a"])
    r = officer.post(f"/enforcement/cases/{case.pk}/plan/", {
        "kind": "instalments", "reason": "经营困难", "requested_on": today().isoformat(),
        "schedule": f"{today() + datetime.timedelta(days=20)} 600\n{today() + datetime.timedelta(days=50)} 400"})
    assert r.status_code == 302
    plan = PaymentPlan.objects.get()
    assert plan.items[0][1] == Decimal("600.00")
    r = officer.post(f"/enforcement/plans/{plan.pk}/decide/", {"approve": "yes"})
    assert r.status_code == 400 and "第六十六条第二款" in r.content.decode()
    r = client_for(head_of(cw, case)).post(f"/enforcement/plans/{plan.pk}/decide/", {"approve": "yes"})
    assert r.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved"


def test_api_creates_through_the_services_with_the_same_guards(cw):
    case = served_case(cw, fine=1000)
    api = api_client_for(cw.users["officer_a"])
    r = api.post("/api/v1/payments/", {"case": case.pk, "channel": "on_the_spot", "amount": "1000",
                                       "paid_on": today().isoformat(), "payer": "王建国", "receipt_number": "票1",
                                       "onsite_ground": "art68_small"}, format="json")
    assert r.status_code == 400 and "第六十八条" in str(r.json())
    r = api.post("/api/v1/payments/", {"case": case.pk, "amount": "1000", "paid_on": today().isoformat(),
                                       "payer": "王建国", "bank_receipt_number": "YH-9"}, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["fine_part"] == "1000.00"
    case.refresh_from_db()
    assert case.stage == StageCode.CLOSURE
    other = served_case(cw, fine=1000, town="b")
    r = api.post("/api/v1/payments/", {"case": other.pk, "amount": "1000", "paid_on": today().isoformat(),
                                       "payer": "x", "bank_receipt_number": "YH-10"}, format="json")
    assert r.status_code == 400 and "case" in r.json()
    assert api_client_for(cw.users["reviewer_a"]).post("/api/v1/payments/", {}, format="json").status_code == 403


def test_api_plan_and_decision(cw):
    case = served_case(cw, fine=1000)
    api = api_client_for(cw.users["officer_a"])
    r = api.post("/api/v1/instalments/", {"case": case.pk, "kind": "deferral", "reason": "困难",
                                          "requested_on": today().isoformat(),
                                          "schedule": [{"due_on": (today() + datetime.timedelta(days=30)).isoformat(),
                                                        "amount": "1000"}]}, format="json")
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    r = api.post(f"/api/v1/instalments/{pk}/decide/", {"approve": True}, format="json")
    assert r.status_code == 400 and "第六十六条" in str(r.json())
    r = api_client_for(head_of(cw, case)).post(f"/api/v1/instalments/{pk}/decide/", {"approve": True}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "approved"


def test_api_service_electronic_needs_consent(cw):
    case = decided_case(cw)
    api = api_client_for(cw.users["officer_a"])
    r = api.post("/api/v1/service-records/", {"case": case.pk, "document": "行政处罚决定书", "method": "electronic",
                                              "recipient": "王建国", "served_on": today().isoformat(),
                                              "electronic_address": "w@example.cn", "receipt_number": "1"},
                 format="json")
    assert r.status_code == 400 and "consent_reference" in r.json()


def test_case_section_renders_forms_and_account(cw):
    case = served_case(cw, fine=1000, served_days_ago=20)
    request = RequestFactory().get("/cases/cases/1/")
    request.user = cw.users["officer_a"]
    html = render_to_string("enforcement/case_section.html", {"case": case, "user": request.user, "actions": []},
                            request=request)
    assert 'data-testid="enforcement-section"' in html
    assert f"/enforcement/cases/{case.pk}/payment/" in html and f"/enforcement/cases/{case.pk}/demand/" in html
    assert str(services.account(case).surcharge) in html
    # a user who may only read sees no forms
    request.user = cw.users["reviewer_a"]
    html = render_to_string("enforcement/case_section.html", {"case": case, "user": request.user, "actions": []},
                            request=request)
    assert "/payment/" not in html and "enforcement-section" in html


def test_review_stats_on_the_list(cw, two):
    body = client_for(cw.users["bureau"]).get("/enforcement/litigations/").content.decode()
    assert 'data-testid="adverse">1<' in body


def test_demo_helpers_serve_and_pay(cw):
    case = decided_case(cw)
    backdate(case, 30)
    by = cw.users["officer_a"]
    assert demo.serve(case, by=by, served_on=days_ago(25)) is not None
    assert demo.serve(case, by=by, served_on=days_ago(25)) is None  # idempotent
    payment = demo.pay(case, by=by, paid_on=today())
    assert payment.amount == Decimal(1000) + payment.surcharge_part and payment.surcharge_part > 0
    case.refresh_from_db()
    assert case.stage == StageCode.CLOSURE
    assert demo.pay(case, by=by) is None
    assert Payment.objects.count() == 1


def test_case_section_keeps_a_fixed_number_of_queries(cw):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = served_case(cw, fine=1000, served_days_ago=20)
    request = RequestFactory().get("/cases/cases/1/")
    request.user = cw.users["officer_a"]

    def render():
        case.refresh_from_db()
        with CaptureQueriesContext(connection) as ctx:
            render_to_string("enforcement/case_section.html", {"case": case, "user": request.user, "actions": []},
                             request=request)
        return len(ctx)

    services.record_payment(bank(case, "10"), by=cw.users["officer_a"])
    render()  # warm the per-user caches (role assignments)
    before = render()
    for n in range(4):
        services.record_payment(bank(case, "10", receipt=f"YH-{n}"), by=cw.users["officer_a"])
    assert render() == before


def test_pages_render_in_chinese(cw, two):
    client = client_for(cw.users["officer_a"])
    for url in ("/enforcement/payments/", "/enforcement/payments/awaiting/",
                f"/enforcement/plans/{two['a']['paymentplan'].pk}/",
                f"/enforcement/cases/{two['a']['case'].pk}/reconsideration/"):
        body = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert "缴款" in body or "复议" in body or "暂缓" in body, url
        for english in ("Awaiting payment", "Surcharge to date", "Instalments and deferrals", "Save"):
            assert f">{english}<" not in body, (url, english)
