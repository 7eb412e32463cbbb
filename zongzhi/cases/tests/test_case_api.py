"""The case API: filing, every step endpoint with the guards of the page, scope (404), read-only roles, masking,
the deadline list, query counts and the OpenAPI schema."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.cases import services
from zongzhi.cases.choices import CaseStatus, StageCode
from zongzhi.cases.models import Case, CaseDeadline
from zongzhi.cases.testing import filed_case, person
from zongzhi.utilities.identifiers import mask_resident_id
from zongzhi.utilities.testing import api_client_for, fake_id_number

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today
STEPS = ["approve-filing", "report", "notice", "statement", "request-hearing", "notify-hearing", "record-hearing",
         "end-statement", "decide", "close", "archive", "suspend", "resume", "extend", "officers"]


def filing(cw, **overrides):
    data = {"agency": cw.squad_a.pk, "region": cw.town_a.pk, "matter": cw.straw.pk, "act_place": "东关村麦田",
            "act_on": (TODAY() - datetime.timedelta(days=2)).isoformat(), "discovered_on": TODAY().isoformat(),
            "officers": [cw.officer_a.pk, cw.officer_a2.pk],
            "parties": [{"kind": "person", "name": "赵田", "identifier": fake_id_number(41), "address": "东关村"}]}
    data.update(overrides)
    return data


def post(client, case, path, **data):
    return client.post(f"/api/v1/cases/{case.pk}/{path}/", data, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")


def text(response):
    return str(response.json())


def test_file_through_the_api_and_refusals_are_400_with_the_article(cw):
    api = api_client_for(cw.users["officer_a"])
    response = api.post("/api/v1/cases/", filing(cw, officers=[cw.officer_a.pk]), format="json")
    assert response.status_code == 400 and "第四十二条" in str(response.json()["officers"])
    response = api.post("/api/v1/cases/", filing(cw, parties=[]), format="json")
    assert response.status_code == 400 and "parties" in response.json()
    bad = filing(cw, parties=[{"kind": "person", "name": "赵田", "identifier": "123"}])
    response = api.post("/api/v1/cases/", bad, format="json")
    assert response.status_code == 400 and "parties" in response.json()
    outside = filing(cw, agency=cw.squad_b.pk, region=cw.town_b.pk, matter=cw.stall.pk)
    assert api.post("/api/v1/cases/", outside, format="json").status_code in (400, 403)
    assert not Case.objects.exists()
    response = api.post("/api/v1/cases/", filing(cw), format="json")
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "pending" and data["stage"] == "filing" and data["parties"][0]["name"] == "赵田"
    assert [s["code"] for s in data["stages"]] == ["filing"]
    assert data["allowed_actions"] == []  # the officer may not approve
    supervisor = api_client_for(cw.users["supervisor"])
    assert supervisor.post("/api/v1/cases/", filing(cw), format="json").status_code == 403


def test_every_step_through_the_api_from_approval_to_archive(cw):
    officer, leader = api_client_for(cw.users["officer_a"]), api_client_for(cw.users["leader_a"])
    case = filed_case(cw, approve=False)
    response = post(officer, case, "approve-filing")
    assert response.status_code == 400 and "第五十四条" in text(response)
    response = post(leader, case, "approve-filing", decision="approve", reason="同意立案")
    assert response.status_code == 200 and response.json()["status"] == "open"
    response = post(officer, case, "report", facts="焚烧秸秆两亩", proposed_outcome="penalty", fine_amount="3000",
                    penalty_types=["fine"])
    assert response.status_code == 400 and "fine_amount" in response.json()  # above the legal maximum
    response = post(officer, case, "report", facts="焚烧秸秆两亩", proposed_outcome="penalty", fine_amount="2000",
                    penalty_types=["fine"])
    assert response.status_code == 200 and response.json()["hearing_rights"] is True
    services.review_done(Case.objects.get(pk=case.pk), passed=True, by=cw.users["reviewer_a"])
    response = post(leader, case, "decide", outcome="penalty")
    assert response.status_code == 400  # no notice yet
    assert post(officer, case, "notice").status_code == 200
    response = post(officer, case, "notify-hearing", hearing_on=(TODAY() + datetime.timedelta(days=30)).isoformat())
    assert response.status_code == 400 and "未申请听证" in text(response)
    assert post(officer, case, "statement", text="当事人称系初犯").status_code == 200
    assert post(officer, case, "request-hearing").status_code == 200
    response = post(officer, case, "end-statement")
    assert response.status_code == 400 and "第六十三条" in text(response)  # the hearing must be held first
    response = post(officer, case, "notify-hearing", hearing_on=(TODAY() + datetime.timedelta(days=30)).isoformat())
    assert response.status_code == 200
    assert post(officer, case, "record-hearing", minutes="").status_code == 400
    assert post(officer, case, "record-hearing", minutes="听证会记录……").status_code == 200
    response = post(officer, case, "end-statement")
    assert response.status_code == 200 and response.json()["stage"] == StageCode.LEGAL_REVIEW  # reviewed again
    services.review_done(Case.objects.get(pk=case.pk), passed=True, by=cw.users["reviewer_a"])
    response = post(officer, case, "decide", outcome="penalty")
    assert response.status_code == 400 and "第五十七条" in text(response)
    response = post(leader, case, "decide", outcome="penalty", fine_amount="2500")
    assert response.status_code == 400 and "第四十五条" in text(response)  # heavier than notified
    response = post(leader, case, "decide", outcome="penalty", decision_text="罚款二千元")
    assert response.status_code == 200 and response.json()["stage"] == StageCode.SERVICE
    case = Case.objects.get(pk=case.pk)
    case = services.executed(services.served(case, by=cw.users["officer_a"], served_on=TODAY()),
                             by=cw.users["officer_a"])
    assert post(officer, case, "close").status_code == 400
    assert post(leader, case, "close", note="执行完毕").status_code == 200
    response = post(officer, case, "archive")
    assert response.status_code == 200 and response.json()["status"] == CaseStatus.ARCHIVED
    kinds = [e["kind"] for e in response.json()["events"]]
    assert {"filing_approved", "report", "notice", "statement", "hearing_requested", "hearing_notice", "hearing_held",
            "decided", "closed", "archived"} <= set(kinds)


def test_suspend_resume_extend_officers_and_refusal_through_the_api(cw):
    officer, leader = api_client_for(cw.users["officer_a"]), api_client_for(cw.users["leader_a"])
    case = filed_case(cw)
    assert post(leader, case, "extend", reason="").status_code == 400
    response = post(leader, case, "extend", reason="案情复杂", days=10)
    assert response.status_code == 200
    assert post(leader, case, "extend", reason="再次").status_code == 400
    assert post(officer, case, "suspend", reason="等待鉴定").status_code == 400
    assert post(leader, case, "suspend", reason="等待鉴定").json()["status"] == "suspended"
    assert post(officer, case, "resume").status_code == 400  # only the head
    assert post(leader, case, "resume", note="鉴定完成").json()["status"] == "open"
    response = post(officer, case, "officers", officers=[cw.officer_a.pk])
    assert response.status_code == 400 and "第四十二条" in text(response)
    response = post(officer, case, "officers", officers=[cw.officer_a2.pk, cw.officer_a.pk])
    assert response.status_code == 200


def test_on_the_spot_through_the_api(cw):
    api = api_client_for(cw.users["officer_a"])
    data = filing(cw, matter=cw.stall.pk, penalty_types=["fine"], fine_amount="201")
    response = api.post("/api/v1/cases/on-the-spot/", data, format="json")
    assert response.status_code == 400 and "第五十一条" in text(response)
    response = api.post("/api/v1/cases/on-the-spot/", {**data, "fine_amount": "200", "decision_text": "罚款"},
                        format="json")
    assert response.status_code == 201
    assert response.json()["procedure"] == "summary" and response.json()["outcome"] == "penalty"


def test_steps_outside_scope_are_404_and_read_only_roles_403(cw):
    case = filed_case(cw)
    other = api_client_for(cw.users["officer_b"])
    for path in STEPS:
        assert post(other, case, path).status_code == 404, path
    assert other.get(f"/api/v1/cases/{case.pk}/").status_code == 404
    reader = api_client_for(cw.users["supervisor"])
    assert reader.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert post(reader, case, "report", facts="x", proposed_outcome="penalty").status_code == 403
    assert not case.events.filter(kind="report").exists()


def test_identifiers_are_masked_for_readers(cw):
    case = filed_case(cw, parties=[person("周一", 61)])
    identifier = case.parties.get().identifier
    mine = api_client_for(cw.users["officer_a"]).get(f"/api/v1/cases/{case.pk}/").json()
    assert mine["parties"][0]["identifier"] == identifier
    theirs = api_client_for(cw.users["supervisor"]).get(f"/api/v1/cases/{case.pk}/").json()
    assert theirs["parties"][0]["identifier"] == mask_resident_id(identifier)
    listed = api_client_for(cw.users["supervisor"]).get("/api/v1/cases/").json()["results"]
    assert listed[0]["parties"][0]["identifier"] == mask_resident_id(identifier)
    assert {"stages", "deadlines", "events", "allowed_actions"} <= set(mine)


def test_deadline_api_scoped_and_filtered(cw):
    a, b = filed_case(cw), filed_case(cw, town="b")
    CaseDeadline.objects.filter(case=a).update(due_on=TODAY() - datetime.timedelta(days=1))
    CaseDeadline.objects.filter(case=b).update(due_on=TODAY() + datetime.timedelta(days=2))
    officer_a = api_client_for(cw.users["officer_a"])
    rows = officer_a.get("/api/v1/case-deadlines/").json()["results"]
    assert {r["case"] for r in rows} == {a.pk} and rows[0]["overdue"] is True
    assert officer_a.get(f"/api/v1/case-deadlines/{rows[0]['id']}/").status_code == 200
    hidden = CaseDeadline.objects.get(case=b, key="decision")
    assert officer_a.get(f"/api/v1/case-deadlines/{hidden.pk}/").status_code == 404
    bureau = api_client_for(cw.users["bureau"])
    assert {r["case"] for r in bureau.get("/api/v1/case-deadlines/").json()["results"]} == {a.pk, b.pk}
    assert {r["case"] for r in bureau.get("/api/v1/case-deadlines/?overdue=1").json()["results"]} == {a.pk}
    assert bureau.get("/api/v1/case-deadlines/", {"township": cw.town_b.pk}).json()["results"][0]["case"] == b.pk
    assert api_client_for(cw.users["dept"]).get("/api/v1/case-deadlines/").json()["count"] == 0


def test_api_filters_and_fixed_queries(cw):
    api = api_client_for(cw.users["bureau"])
    filed_case(cw)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(url).status_code == 200
        return len(ctx)

    urls = ["/api/v1/cases/", "/api/v1/case-deadlines/?days=300"]
    for url in urls:
        api.get(url)
    before = {url: count(url) for url in urls}
    for i in range(8):
        filed_case(cw, town="b" if i % 2 else "a", parties=[person(f"王{i}", 70 + i)])
    assert {url: count(url) for url in urls} == before
    results = api.get("/api/v1/cases/", {"township": cw.town_b.pk, "overdue": "no"}).json()["results"]
    assert len(results) == 4 and all(r["region"] == cw.town_b.pk for r in results)
    assert api.get("/api/v1/cases/", {"q": "王3"}).json()["count"] == 1


def test_openapi_schema_describes_the_case_api(world):
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    generator = SchemaGenerator(patterns=[path("api/v1/", include("zongzhi.cases.api.urls"))])
    schema = generator.get_schema(request=None, public=True)
    paths = set(schema["paths"])
    assert {"/api/v1/cases/", "/api/v1/cases/{id}/", "/api/v1/cases/on-the-spot/", "/api/v1/case-deadlines/"} <= paths
    for step in STEPS:
        assert f"/api/v1/cases/{{id}}/{step}/" in paths, step
    assert "patch" not in schema["paths"]["/api/v1/cases/{id}/"]
