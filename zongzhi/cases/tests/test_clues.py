import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for, export_cells

from ..choices import ClueStatus, Outcome
from ..models import Clue
from ..services import triage

pytestmark = pytest.mark.django_db

REPORTER = {"reporter_name": "王举报", "reporter_phone": "13912345678", "reporter_contact": "wang@example.com"}


def test_township_officer_sees_only_own_township_clues(world, make_clue):
    mine = make_clue(**REPORTER)
    theirs = make_clue(agency=world.squad_b, by=world.users["officer_b"])
    assert_scoped(world.users["officer_a"], mine, theirs, list_url="/cases/clues/", api_url="/api/v1/clues/")


def test_ledger_filters_and_export_leave_out_reporters(world, make_clue):
    make_clue(**REPORTER)
    filed = triage(make_clue(source="hotline", description="热线转来"), outcome=Outcome.FILED, reason="经核实属实",
                   by=world.users["officer_a"])
    client = client_for(world.users["officer_a"])
    page = client.get("/cases/clues/", {"outcome": "filed"}).content.decode()
    assert filed.number in page and "门店疑似" not in page
    assert "热线转来" in client.get("/cases/clues/", {"source": "hotline", "q": "热线"}).content.decode()
    old = make_clue(days_ago=10, description="旧线索")
    cutoff = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    before = client.get("/cases/clues/", {"received_to": cutoff}).content.decode()
    after = client.get("/cases/clues/", {"received_from": cutoff}).content.decode()
    assert old.number in before and filed.number not in before
    assert old.number not in after and filed.number in after
    page = client.get("/cases/clues/", {"category": world.domains["agriculture"].pk, "status": "triaged",
                                        "agency": world.squad_a.pk}).content.decode()
    assert filed.number in page and old.number not in page
    cells = export_cells(client.get("/cases/clues/?export=xlsx"))
    assert {filed.number, "经核实属实", "城关街道", "热线转来"} <= cells  # the full record, with the outcome's reason
    assert not any(v in c for v in REPORTER.values() for c in cells)


def test_reporter_is_private_to_those_who_may_change_the_clue(world, make_clue):
    clue = make_clue(**REPORTER)
    url = f"/api/v1/clues/{clue.pk}/"
    assert api_client_for(world.users["officer_a"]).get(url).json()["reporter_phone"] == "13912345678"
    for reader in ("supervisor", "justice_office_a"):
        data = api_client_for(world.users[reader]).get(url).json()
        assert "reporter_phone" not in data and "reporter_name" not in data
        listed = api_client_for(world.users[reader]).get("/api/v1/clues/").json()["results"]
        assert listed and "reporter_phone" not in listed[0]
        page = client_for(world.users[reader]).get(clue.get_absolute_url()).content.decode()
        assert "13912345678" not in page and "王举报" not in page
    assert "13912345678" in client_for(world.users["officer_a"]).get(clue.get_absolute_url()).content.decode()


def test_register_through_the_form(world):
    client = client_for(world.users["officer_a"])
    form = client.get("/cases/clues/add/").content.decode()
    assert 'data-hides="reporter"' in form and len(re.findall(r'<input[^>]*data-group="reporter"', form)) == 3
    assert "颍桥回族镇综合行政执法队" not in form  # only agencies officer A may register clues for
    response = client.post("/cases/clues/add/", {
        "source": "public_report", "received_at": "2026-03-01T09:30", "agency": world.squad_a.pk,
        "region": world.town_a.pk, "category": world.domains["urban"].pk, "description": "占道经营",
        "address": "人民路与文化路口", "anonymous": "on", **REPORTER})
    assert response.status_code == 302
    clue = Clue.objects.get()
    assert clue.number == "城关街综执线〔2026〕1号" and clue.anonymous and clue.reporter_phone == ""
    assert clue.events.get().actor == world.users["officer_a"]


def test_register_form_rejects_bad_input_in_chinese(world):
    client = client_for(world.users["officer_a"])
    response = client.post("/cases/clues/add/", {"source": "patrol", "agency": world.squad_b.pk,
                                                 "received_at": "2026-03-01T09:30", "latitude": "34.1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "该字段是必填项" in body and "请选择执法事项或类别" in body and "同时填写纬度和经度" in body
    assert not Clue.objects.exists()
    assert client_for(world.users["supervisor"]).get("/cases/clues/add/").status_code == 404


def test_triage_through_the_detail_page(world, make_clue):
    clue = make_clue()
    client = client_for(world.users["officer_a"])
    assert 'data-testid="triage-form"' in client.get(clue.get_absolute_url()).content.decode()
    bad = client.post(f"/cases/clues/{clue.pk}/triage/", {"outcome": "transferred", "reason": "属部门管辖"})
    assert bad.status_code == 400 and "移送需要指定接收单位" in bad.content.decode()
    ok = client.post(f"/cases/clues/{clue.pk}/triage/", {"outcome": "transferred", "reason": "属部门管辖",
                                                         "transferred_to": world.dept.pk})
    assert ok.status_code == 302
    clue.refresh_from_db()
    assert clue.outcome == Outcome.TRANSFERRED and clue.transferred_to == world.dept
    page = client.get(clue.get_absolute_url()).content.decode()
    assert 'data-testid="triage-form"' not in page and "属部门管辖" in page
    # Read-only roles and other townships cannot triage.
    other = make_clue()
    assert client_for(world.users["supervisor"]).post(f"/cases/clues/{other.pk}/triage/", {
        "outcome": "not_filed", "reason": "x"}).status_code == 404
    assert client_for(world.users["officer_b"]).post(f"/cases/clues/{other.pk}/triage/", {
        "outcome": "not_filed", "reason": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.status == ClueStatus.NEW


def test_suspected_duplicates_shown_and_merged_on_the_detail_page(world, make_clue):
    first = make_clue(address="人民路12号")
    second = make_clue(address="人民路 12号")
    client = client_for(world.users["officer_a"])
    page = client.get(second.get_absolute_url()).content.decode()
    assert first.number in page and 'data-testid="duplicate-form"' in page
    assert client.post(f"/cases/clues/{second.pk}/mark-duplicate/", {"of": first.pk}).status_code == 302
    second.refresh_from_db()
    assert second.duplicate_of == first
    assert second.number in client.get(first.get_absolute_url()).content.decode()


def test_api_register_triage_and_merge(world, make_clue):
    api = api_client_for(world.users["officer_a"])
    response = api.post("/api/v1/clues/", {"source": "patrol", "agency": world.squad_a.pk, "description": "夜间施工",
                                           "category": world.domains["ecology"].pk, "address": "人民路12号"},
                        format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["number"].startswith("城关街综执线") and created["status"] == "new"
    bad = api.post(f"/api/v1/clues/{created['id']}/triage/", {"outcome": "not_filed", "reason": ""}, format="json")
    assert bad.status_code == 400 and "reason" in bad.json()
    bad = api.post(f"/api/v1/clues/{created['id']}/triage/", {"outcome": "transferred", "reason": "x"}, format="json")
    assert bad.status_code == 400 and "transferred_to" in bad.json()
    done = api.post(f"/api/v1/clues/{created['id']}/triage/", {"outcome": "education", "reason": "首次轻微"},
                    format="json")
    assert done.status_code == 200 and done.json()["outcome"] == "education"
    again = api.post(f"/api/v1/clues/{created['id']}/triage/", {"outcome": "filed", "reason": "x"}, format="json")
    assert again.status_code == 400
    original, copy = make_clue(address="人民路8号"), make_clue(address="人民路8号")
    detail = api.get(f"/api/v1/clues/{copy.pk}/").json()
    assert detail["suspected_duplicates"] == [original.pk] and detail["events"][0]["kind"] == "registered"
    merged = api.post(f"/api/v1/clues/{copy.pk}/mark-duplicate/", {"of": original.pk}, format="json")
    assert merged.status_code == 200 and merged.json()["status"] == "duplicate"


def test_api_refuses_other_townships_and_read_only_roles(world, make_clue):
    theirs = make_clue(agency=world.squad_b, by=world.users["officer_b"])
    api = api_client_for(world.users["officer_a"])
    assert api.post(f"/api/v1/clues/{theirs.pk}/triage/", {"outcome": "not_filed", "reason": "x"},
                    format="json").status_code == 404
    response = api.post("/api/v1/clues/", {"source": "patrol", "agency": world.squad_b.pk, "description": "x",
                                           "category": world.domains["urban"].pk}, format="json")
    assert response.status_code in (400, 403)
    reader = api_client_for(world.users["supervisor"])
    mine = make_clue()
    assert reader.post(f"/api/v1/clues/{mine.pk}/triage/", {"outcome": "not_filed", "reason": "x"},
                       format="json").status_code == 403
    assert reader.patch(f"/api/v1/clues/{mine.pk}/", {"description": "改"}, format="json").status_code in (403, 405)
    assert Clue.objects.filter(agency=world.squad_b).count() == 1


def test_api_bad_input_has_chinese_field_messages(world):
    api = api_client_for(world.users["officer_a"])
    response = api.post("/api/v1/clues/", {"source": "nope", "agency": world.squad_a.pk, "description": ""},
                        format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert {"source", "description"} <= set(response.json())
    response = api.post("/api/v1/clues/", {"source": "patrol", "agency": world.squad_a.pk, "description": "x"},
                        format="json")
    assert response.status_code == 400 and "请选择执法事项或类别" in response.json()["category"][0]
    assert not Clue.objects.exists()


def test_ledger_and_api_keep_a_fixed_number_of_queries(world, make_clue):
    client = client_for(world.users["officer_a"])
    api = api_client_for(world.users["officer_a"])
    make_clue(**REPORTER)

    def count(fn):
        with CaptureQueriesContext(connection) as ctx:
            assert fn().status_code == 200
        return len(ctx)

    client.get("/cases/clues/"), api.get("/api/v1/clues/")  # warm the per-process caches
    page, rest = count(lambda: client.get("/cases/clues/")), count(lambda: api.get("/api/v1/clues/"))
    for i in range(12):
        clue = make_clue(address=f"人民路{i}号", agency=world.gov_a if i % 2 else world.squad_a)
        if i % 3 == 0:
            triage(clue, outcome=Outcome.TRANSFERRED, reason="x", by=world.users["officer_a"],
                   transferred_to=world.dept)
    assert count(lambda: client.get("/cases/clues/")) == page
    assert count(lambda: api.get("/api/v1/clues/")) == rest


def test_openapi_schema_describes_the_clue_api(world):
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    generator = SchemaGenerator(patterns=[path("api/v1/", include("zongzhi.cases.api.urls"))])
    schema = generator.get_schema(request=None, public=True)
    assert {"/api/v1/clues/", "/api/v1/clues/{id}/", "/api/v1/clues/{id}/triage/",
            "/api/v1/clues/{id}/mark-duplicate/"} <= set(schema["paths"])
    assert "patch" not in schema["paths"]["/api/v1/clues/{id}/"]
