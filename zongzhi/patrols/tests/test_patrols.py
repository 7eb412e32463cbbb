import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zongzhi.audit.services import history
from zongzhi.cases.choices import ClueSource
from zongzhi.cases.models import Clue
from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for

from .. import services
from ..models import Patrol, PatrolFinding
from .conftest import PNG, make_finding, make_patrol, png

pytestmark = pytest.mark.django_db

ROUTE = {"type": "LineString", "coordinates": [[113.49, 33.85], [113.50, 33.86], [113.51, 33.86]]}


@pytest.fixture
def patrols(pw):
    pw.patrol_a = make_patrol(pw, pw.squad_a, pw.area_a, pw.users["officer_a"], officers=[pw.officer_a],
                              summary="城关一区日常巡查")
    pw.patrol_b = make_patrol(pw, pw.squad_b, pw.area_b, pw.users["officer_b"], officers=[pw.officer_b],
                              summary="颍桥一区日常巡查")
    return pw


def form(pw, **values):
    start = timezone.localtime() - datetime.timedelta(hours=2)
    data = {"agency": pw.squad_a.pk, "officers": [pw.officer_a.pk, pw.officer_a2.pk],
            "started_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ended_at": (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "area": pw.area_a.pk, "summary": "夜间巡查"}
    return {**data, **values}


def test_patrol_rules(pw):
    start = timezone.now()
    patrol = Patrol(agency=pw.squad_a, started_at=start, ended_at=start - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError) as error:
        patrol.full_clean()
    assert {"ended_at", "area"} <= set(error.value.message_dict)
    patrol = Patrol(agency=pw.squad_a, started_at=start, area=pw.area_b)
    with pytest.raises(ValidationError) as error:
        patrol.full_clean()
    assert "area" in error.value.message_dict
    patrol = Patrol(agency=pw.squad_a, started_at=start, route={"type": "LineString", "coordinates": [[200, 10]]})
    with pytest.raises(ValidationError) as error:
        patrol.full_clean()
    assert "route" in error.value.message_dict
    patrol = Patrol(agency=pw.squad_a, started_at=start, route=ROUTE)
    patrol.full_clean()  # a route alone is enough


def test_officer_records_a_patrol_with_officers_of_the_team(pw):
    client = client_for(pw.users["officer_a"])
    response = client.post("/patrols/add/", form(pw))
    assert response.status_code == 302
    patrol = Patrol.objects.get(summary="夜间巡查")
    assert set(patrol.officers.all()) == {pw.officer_a, pw.officer_a2}
    assert history(patrol).first().user_name == "officer_a"
    response = client.post("/patrols/add/", form(pw, summary="带外镇人员", officers=[pw.officer_b.pk]))
    assert response.status_code == 400 and not Patrol.objects.filter(summary="带外镇人员").exists()
    response = client.post("/patrols/add/", form(pw, summary="越界", agency=pw.squad_b.pk, area=pw.area_b.pk,
                                                 officers=[]))
    assert response.status_code == 400 and not Patrol.objects.filter(summary="越界").exists()
    response = client.post("/patrols/add/", form(pw, summary="无区域", area=""))
    assert response.status_code == 400 and "巡查区域或巡查路线" in response.content.decode()


def test_a_finding_with_a_photo_opens_a_clue_in_one_step(patrols):
    pw = patrols
    client = client_for(pw.users["officer_a"])
    found = timezone.localtime() - datetime.timedelta(hours=1)
    response = client.post(f"/patrols/{pw.patrol_a.pk}/findings/add/", {
        "found_at": found.strftime("%Y-%m-%dT%H:%M"), "description": "人民路 5 号门前占道经营",
        "address": "人民路 5 号", "latitude": "33.851", "longitude": "113.491", "subject": pw.subject_a.pk,
        "category": pw.domains["urban"].pk, "photo_upload": png("占道.png")})
    assert response.status_code == 302
    finding = PatrolFinding.objects.get(patrol=pw.patrol_a)
    assert finding.photo_sha256 == hashlib.sha256(PNG).hexdigest()
    assert client.get(f"/patrols/findings/{finding.pk}/photo/").status_code == 200
    assert client_for(pw.users["officer_b"]).get(f"/patrols/findings/{finding.pk}/photo/").status_code == 404
    response = client.post(f"/patrols/findings/{finding.pk}/open-clue/")
    clue = Clue.objects.get()
    assert response.status_code == 302 and response["Location"] == clue.get_absolute_url()
    assert clue.source == ClueSource.PATROL and clue.agency == pw.squad_a and clue.region == pw.town_a
    assert clue.description == "人民路 5 号门前占道经营" and clue.address == "人民路 5 号"
    assert clue.subject_name == pw.subject_a.name and clue.subject_identifier == pw.subject_a.uscc
    assert float(clue.latitude) == 33.851 and clue.category == pw.domains["urban"]
    finding.refresh_from_db()
    assert finding.clue == clue
    # Once only.
    client.post(f"/patrols/findings/{finding.pk}/open-clue/")
    assert Clue.objects.count() == 1
    with pytest.raises(ValidationError):
        services.open_clue(finding, by=pw.users["officer_a"])
    # Not across townships.
    assert client_for(pw.users["officer_b"]).post(f"/patrols/findings/{finding.pk}/open-clue/").status_code == 404


def test_a_finding_without_category_asks_for_one(patrols):
    finding = make_finding(patrols.patrol_a, patrols.users["officer_a"])
    with pytest.raises(ValidationError) as error:
        services.open_clue(finding, by=patrols.users["officer_a"])
    assert "category" in error.value.message_dict
    clue = services.open_clue(finding, by=patrols.users["officer_a"], category=patrols.domains["ecology"])
    assert clue.category == patrols.domains["ecology"] and clue.region == patrols.town_a  # from the area


def test_finding_with_a_matter_takes_its_domain(patrols):
    finding = make_finding(patrols.patrol_a, patrols.users["officer_a"], matter=patrols.straw)
    assert finding.category == patrols.domains["agriculture"]
    clue = services.open_clue(finding, by=patrols.users["officer_a"])
    assert clue.matter == patrols.straw and clue.received_at == finding.found_at


def test_bad_finding_photo_is_refused(patrols):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(patrols.users["officer_a"])
    response = client.post(f"/patrols/{patrols.patrol_a.pk}/findings/add/", {
        "found_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "description": "x",
        "photo_upload": SimpleUploadedFile("a.png", b"GIF89a not png")})
    assert response.status_code == 400 and "并不是" in response.content.decode()
    assert not PatrolFinding.objects.exists()


def test_township_officer_sees_only_own_township_patrols(patrols):
    assert_scoped(patrols.users["officer_a"], patrols.patrol_a, patrols.patrol_b, list_url="/patrols/",
                  api_url="/api/v1/patrols/", text=lambda p: p.summary)


def test_findings_api_is_scoped_and_opens_clues(patrols):
    pw = patrols
    finding_a = make_finding(pw.patrol_a, pw.users["officer_a"], category=pw.domains["urban"])
    finding_b = make_finding(pw.patrol_b, pw.users["officer_b"], category=pw.domains["urban"])
    api = api_client_for(pw.users["officer_a"])
    ids = {row["id"] for row in api.get("/api/v1/patrol-findings/").json()["results"]}
    assert finding_a.pk in ids and finding_b.pk not in ids
    assert api.get(f"/api/v1/patrol-findings/{finding_b.pk}/").status_code == 404
    assert api.post(f"/api/v1/patrol-findings/{finding_b.pk}/open-clue/").status_code == 404
    response = api.post(f"/api/v1/patrol-findings/{finding_a.pk}/open-clue/")
    assert response.status_code == 200 and response.json()["clue"] == Clue.objects.get().pk
    again = api.post(f"/api/v1/patrol-findings/{finding_a.pk}/open-clue/")
    assert again.status_code == 400 and "已登记线索" in str(again.json())
    supervisor = api_client_for(pw.users["supervisor"])
    assert supervisor.post(f"/api/v1/patrol-findings/{finding_b.pk}/open-clue/").status_code == 403


def test_patrol_api_writes_within_scope(patrols):
    pw = patrols
    api = api_client_for(pw.users["officer_a"])
    start = timezone.now() - datetime.timedelta(hours=1)
    data = {"agency": pw.squad_a.pk, "officers": [pw.officer_a.pk], "started_at": start.isoformat(),
            "route": ROUTE, "summary": "API 巡查"}
    response = api.post("/api/v1/patrols/", data, format="json")
    assert response.status_code == 201, response.json()
    assert Patrol.objects.get(summary="API 巡查").officers.get() == pw.officer_a
    response = api.post("/api/v1/patrols/", {**data, "route": None, "summary": "无路线"}, format="json")
    assert response.status_code == 400 and "area" in response.json()
    response = api.post("/api/v1/patrols/", {**data, "agency": pw.squad_b.pk, "officers": [], "summary": "外镇"},
                        format="json")
    assert response.status_code in (400, 403) and not Patrol.objects.filter(summary="外镇").exists()
    response = api.post("/api/v1/patrols/", {**data, "officers": [pw.officer_b.pk], "summary": "外镇人员"},
                        format="json")
    assert response.status_code == 400 and not Patrol.objects.filter(summary="外镇人员").exists()


def test_patrol_list_keeps_a_fixed_number_of_queries(patrols):
    pw = patrols
    client = client_for(pw.users["bureau"])
    api = api_client_for(pw.users["bureau"])

    def count(fn):
        with CaptureQueriesContext(connection) as ctx:
            assert fn().status_code == 200
        return len(ctx)

    make_finding(pw.patrol_a, pw.users["admin"])
    pages = [lambda: client.get("/patrols/"), lambda: api.get("/api/v1/patrols/"),
             lambda: api.get("/api/v1/patrol-findings/")]
    for page in pages:
        page()
    before = [count(page) for page in pages]
    for i in range(6):
        patrol = make_patrol(pw, pw.squad_a if i % 2 else pw.squad_b, pw.area_a if i % 2 else pw.area_b,
                             pw.users["admin"], officers=[pw.officer_a if i % 2 else pw.officer_b])
        make_finding(patrol, pw.users["admin"])
    assert [count(page) for page in pages] == before


def test_a_patrol_with_findings_is_not_deleted(patrols):
    make_finding(patrols.patrol_a, patrols.users["officer_a"])
    client = client_for(patrols.users["leader_a"])
    response = client.post(f"/patrols/{patrols.patrol_a.pk}/delete/", follow=True)
    assert "不能删除" in response.content.decode() or "cannot be deleted" in response.content.decode()
    assert Patrol.objects.filter(pk=patrols.patrol_a.pk).exists()
    empty = make_patrol(patrols, patrols.squad_a, patrols.area_a, patrols.users["officer_a"])
    assert client.post(f"/patrols/{empty.pk}/delete/").status_code == 302
    assert not Patrol.objects.filter(pk=empty.pk).exists()
    assert client_for(patrols.users["leader_a"]).post(f"/patrols/{patrols.patrol_b.pk}/delete/").status_code == 404
