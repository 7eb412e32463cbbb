import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zongzhi.cases.models import Clue
from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for

from .. import services
from ..choices import DrawStatus
from ..models import Draw, Inspection, InspectionItem, JointInspection, Rating
from .conftest import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def both(setup, inspect):
    """One inspection, draw and joint inspection in each township."""
    w = setup
    w.insp_a = inspect()
    w.insp_b = inspect(w.subject_b, agency=w.squad_b, items=[w.item_b], inspectors=[w.officer_b, w.officer_b2],
                       by=w.users["officer_b"])
    w.draw_a = Draw.objects.create(plan=w.plan_a, agency=w.squad_a, name="城关抽查", region=w.town_a, count=1,
                                   scheduled_for=timezone.localdate())
    services.approve_plan(w.plan_b, by=w.users["admin"])
    w.draw_b = Draw.objects.create(plan=w.plan_b, agency=w.squad_b, name="颍桥抽查", region=w.town_b, count=1,
                                   scheduled_for=timezone.localdate())
    day = timezone.localdate() + datetime.timedelta(days=9)
    dept_item = make_item(w.dept, "D-01", w.domains["agriculture"])
    a1 = inspect(date=day, reason="x")
    a2 = inspect(date=day, agency=w.dept, items=[dept_item], by=w.users["admin"], reason="x")
    w.joint_a = services.merge_joint([a1, a2], lead_agency=w.squad_a, date=day, by=w.users["admin"])
    b1 = inspect(w.subject_b, date=day, agency=w.squad_b, items=[w.item_b], inspectors=[w.officer_b, w.officer_b2],
                 by=w.users["officer_b"], reason="x")
    b2 = inspect(w.subject_b, date=day, agency=w.dept, items=[dept_item], by=w.users["admin"], reason="x")
    w.joint_b = services.merge_joint([b1, b2], lead_agency=w.squad_b, date=day, by=w.users["admin"])
    w.dept_item = dept_item
    return w


def test_inspections_are_scoped_by_township(both):
    assert_scoped(both.users["officer_a"], both.insp_a, both.insp_b, list_url="/inspections/",
                  api_url="/api/v1/inspections/", text=lambda i: i.code)


def test_items_are_scoped_by_township(both):
    assert_scoped(both.users["officer_a"], both.item_a, both.item_b, list_url="/inspections/items/",
                  api_url="/api/v1/inspection-items/", text=lambda i: i.code)


def test_plans_are_scoped_by_township(both):
    assert_scoped(both.users["officer_a"], both.plan_a, both.plan_b, list_url="/inspections/plans/",
                  api_url="/api/v1/inspection-plans/", text=lambda p: p.name)


def test_draws_are_scoped_by_township(both):
    assert_scoped(both.users["officer_a"], both.draw_a, both.draw_b, list_url="/inspections/draws/",
                  api_url="/api/v1/draws/", text=lambda d: d.name)


def test_joint_inspections_are_scoped_by_township(both):
    assert_scoped(both.users["officer_a"], both.joint_a, both.joint_b, list_url="/inspections/joint/",
                  api_url="/api/v1/joint-inspections/", text=str)


def test_department_sees_its_own_inspections_and_the_joint_through_them(both):
    client = client_for(both.users["dept"])
    mine = Inspection.objects.get(joint=both.joint_a, agency=both.dept)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(both.insp_a.get_absolute_url()).status_code == 404
    body = client.get(mine.get_absolute_url()).content.decode()
    assert both.squad_a.name in body and "D-01" in body and "A-01" in body  # lead and combined checklist


def test_list_query_counts_are_fixed(both, inspect, django_assert_max_num_queries):
    client = client_for(both.users["officer_a"])
    for url in ["/inspections/", "/inspections/items/", "/inspections/plans/", "/inspections/draws/",
                "/inspections/joint/"]:
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        for n in range(5):
            inspect(both.subject_a, date=timezone.localdate() - datetime.timedelta(days=40 + n), reason="x")
            make_item(both.squad_a, f"X-{url[-6:]}-{n}", both.domains["urban"])
        with CaptureQueriesContext(connection) as more:
            assert client.get(url).status_code == 200
        assert len(more) == len(few), url


def test_public_code_page_verifies_and_rates_once(both):
    cache.clear()
    inspection = both.insp_a
    services.start_inspection(inspection, by=both.users["officer_a"])
    public = Client()
    page = public.get(f"/inspections/code/{inspection.code}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert both.squad_a.name in body and "林晓东" in body and "豫A-0001" in body
    assert public.get("/inspections/code/NOTAREALCODE0000/").status_code == 404
    assert public.post(f"/inspections/code/{inspection.code}/", {"score": 9}).status_code == 400
    assert public.post(f"/inspections/code/{inspection.code}/", {"score": 5, "comment": "好"}).status_code == 302
    assert public.post(f"/inspections/code/{inspection.code}/", {"score": 1}).status_code == 400
    assert Rating.objects.get(inspection=inspection).score == 5
    for _n in range(5):
        public.post(f"/inspections/code/{inspection.code}/", {"score": 1})
    assert public.post(f"/inspections/code/{inspection.code}/", {"score": 1}).status_code == 429


def test_public_code_page_hides_personal_data(both):
    cache.clear()
    body = Client().get(f"/inspections/code/{both.insp_a.code}/").content.decode()
    assert "林晓东" in body and "豫A-0001" in body and "周明远" in body
    assert both.officer_a.id_number not in body and both.officer_a2.id_number not in body


def test_register_page_shows_warnings_then_needs_a_reason(both):
    client = client_for(both.users["officer_a"])
    data = {"agency": both.squad_a.pk, "subject": both.subject_a2.pk, "items": [both.item_a.pk],
            "inspectors": [both.officer_a.pk, both.officer_a2.pk], "mode": "on_site",
            "date": timezone.localdate().isoformat()}
    assert client.post("/inspections/add/", data).status_code == 302
    page = client.post("/inspections/add/", data)
    assert page.status_code == 200 and 'data-testid="block"' in page.content.decode()
    assert Inspection.objects.filter(subject=both.subject_a2).count() == 1
    page = client.post("/inspections/add/", {**data, "confirm": "on"})
    assert page.status_code == 400
    assert client.post("/inspections/add/", {**data, "confirm": "on", "reason": "投诉核查"}).status_code == 302
    assert Inspection.objects.filter(subject=both.subject_a2).count() == 2
    # Another township's subject is refused.
    response = client.post("/inspections/add/", {**data, "subject": both.subject_b.pk, "confirm": "on"})
    assert response.status_code == 400


def test_finding_to_clue_through_the_page(both):
    client = client_for(both.users["officer_a"])
    inspection = both.insp_a
    assert client.post(f"/inspections/{inspection.pk}/findings/", {"description": "销售过期农药"}).status_code == 302
    finding = inspection.findings.get()
    response = client.post(f"/inspections/findings/{finding.pk}/clue/")
    clue = Clue.objects.get()
    assert response.status_code == 302 and response["Location"] == clue.get_absolute_url()
    # Township B cannot act on township A's finding.
    other = client_for(both.users["officer_b"])
    assert other.post(f"/inspections/findings/{finding.pk}/correction/",
                      {"deadline": "2030-01-01"}).status_code == 404


def test_record_documents_and_notice(both):
    client = client_for(both.users["officer_a"])
    docx = client.get(f"/inspections/{both.insp_a.pk}/record.docx")
    pdf = client.get(f"/inspections/{both.insp_a.pk}/record.pdf")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    notice = client.get(f"/inspections/{both.insp_a.pk}/notice/")
    assert notice.status_code == 200 and "<svg" in notice.content.decode() and both.insp_a.code in notice.content.decode()
    assert client.get(f"/inspections/{both.insp_b.pk}/record.pdf").status_code == 404


def test_draw_pages_and_public_results(both):
    client = client_for(both.users["officer_a"])
    assert client.post(f"/inspections/draws/{both.draw_a.pk}/run/").status_code == 302
    both.draw_a.refresh_from_db()
    assert both.draw_a.status == DrawStatus.DRAWN
    assert Client().get(both.draw_a.get_public_url()).status_code == 404
    assert client.post(f"/inspections/draws/{both.draw_a.pk}/publish/").status_code == 302
    page = Client().get(both.draw_a.get_public_url())
    assert page.status_code == 200 and str(both.draw_a.seed) in page.content.decode()
    assert client.post(f"/inspections/draws/{both.draw_b.pk}/run/").status_code == 404


def test_api_guards(both):
    api = api_client_for(both.users["officer_a"])
    response = api.post("/api/v1/inspections/", {
        "agency": both.squad_a.pk, "subject": both.subject_a.pk, "items": [both.draft_item.pk],
        "inspectors": [both.officer_a.pk, both.officer_a2.pk], "mode": "on_site",
        "date": timezone.localdate().isoformat(), "reason": "x"}, format="json")
    assert response.status_code == 400 and "items" in response.json()
    response = api.post("/api/v1/inspections/", {
        "agency": both.squad_a.pk, "subject": both.subject_a2.pk, "items": [both.item_a.pk],
        "inspectors": [both.officer_a.pk, both.auxiliary.pk], "mode": "on_site",
        "date": timezone.localdate().isoformat()}, format="json")
    assert response.status_code == 400 and "inspectors" in response.json()
    response = api.post("/api/v1/inspections/limits/", {
        "agency": both.squad_a.pk, "subject": both.subject_a.pk, "items": [both.item_a.pk],
        "inspectors": [both.officer_a.pk, both.officer_a2.pk], "mode": "on_site",
        "date": timezone.localdate().isoformat()}, format="json")
    assert response.status_code == 200 and response.json()["warnings"]
    response = api.post(f"/api/v1/draws/{both.draw_a.pk}/run/")
    assert response.status_code == 200 and response.json()["seed"] is not None
    assert api.post(f"/api/v1/draws/{both.draw_a.pk}/verify/").json() == {"reproduced": True}
    assert api.post(f"/api/v1/draws/{both.draw_b.pk}/run/").status_code == 404
    response = api.post(f"/api/v1/inspections/{both.insp_a.pk}/findings/", {"description": "无台账"}, format="json")
    finding = response.json()["findings"][0]["id"]
    response = api.post(f"/api/v1/inspections/{both.insp_a.pk}/clue/", {"finding": finding}, format="json")
    assert response.status_code == 200 and response.json()["findings"][0]["clue"]
    assert api.post(f"/api/v1/inspection-items/{both.item_b.pk}/publish/").status_code == 404
    assert api.post("/api/v1/joint-inspections/", {}, format="json").status_code in (403, 405)
    # Not in a county department's name, nor a draw over another township.
    response = api.post("/api/v1/inspections/", {
        "agency": both.dept.pk, "subject": both.subject_a2.pk, "items": [both.dept_item.pk],
        "inspectors": [both.officer_a.pk, both.officer_a2.pk], "mode": "on_site",
        "date": timezone.localdate().isoformat(), "reason": "x"}, format="json")
    assert response.status_code in (400, 403) and not Inspection.objects.filter(agency=both.dept,
                                                                                  subject=both.subject_a2).exists()
    response = api.post("/api/v1/draws/", {"plan": both.plan_a.pk, "name": "越界", "region": both.town_b.pk,
                                           "count": 1, "scheduled_for": timezone.localdate().isoformat()},
                        format="json")
    assert response.status_code == 400 and "region" in response.json()
    assert InspectionItem.objects.filter(published=False).count() == 1
    assert JointInspection.objects.count() == 2


def test_subject_ledger_page_and_export_with_fixed_queries(both, inspect):
    from zongzhi.utilities.testing import export_cells

    client = client_for(both.users["officer_a"])
    finding = services.add_finding(both.insp_a, description="无进货台账", by=both.users["officer_a"])
    services.open_clue(finding, by=both.users["officer_a"])
    url = both.subject_a.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        body = client.get(url).content.decode()
    assert "无进货台账" in body and both.insp_a.get_absolute_url() in body
    for n in range(4):
        i = inspect(date=timezone.localdate() - datetime.timedelta(days=50 + n), reason="x")
        services.add_finding(i, description=f"问题{n}", by=both.users["officer_a"])
    with CaptureQueriesContext(connection) as more:
        body = client.get(url).content.decode()
    assert "问题3" in body and len(more) == len(few)
    cells = export_cells(client.get(url + "?export=xlsx"))
    assert "无进货台账" in cells and "问题0" in cells
    # Township B's officer cannot open A's subject, nor its ledger.
    assert client_for(both.users["officer_b"]).get(url + "?export=xlsx").status_code == 404


def test_conflicts_are_scoped_and_used_by_draws(both):
    from ..models import ConflictOfInterest

    mine = ConflictOfInterest.objects.create(officer=both.officer_a3, subject=both.subject_a, reason="亲属")
    theirs = ConflictOfInterest.objects.create(officer=both.officer_b2, subject=both.subject_b, reason="同学")
    client = client_for(both.users["officer_a"])
    body = client.get("/inspections/conflicts/").content.decode()
    assert mine.get_absolute_url() in body and theirs.get_absolute_url() not in body
    assert client.get(theirs.get_absolute_url()).status_code == 404
    response = client.post("/inspections/conflicts/add/", {"officer": both.officer_a.pk, "subject": both.subject_a2.pk,
                                                           "kind": "declared", "reason": "本人配偶经营"})
    assert response.status_code == 302 and ConflictOfInterest.objects.count() == 3
