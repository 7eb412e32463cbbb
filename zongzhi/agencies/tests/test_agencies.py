import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.agencies.models import Agency
from zongzhi.audit.services import history
from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for

pytestmark = pytest.mark.django_db


def test_township_officer_sees_own_township_and_county_directory_only(world):
    assert_scoped(world.users["officer_a"], world.squad_a, world.squad_b, list_url="/agencies/",
                  api_url="/api/v1/agencies/")
    visible = set(Agency.objects.restrict(world.users["officer_a"]).values_list("name", flat=True))
    assert {"襄城县司法局", "襄城县农业农村局", "城关街道办事处"} <= visible
    assert "颍桥回族镇人民政府" not in visible


def test_department_sees_its_own_subtree_and_the_county_level(world):
    visible = set(Agency.objects.restrict(world.users["dept"]).values_list("name", flat=True))
    assert "襄城县农业农村局" in visible and "城关街道综合行政执法队" not in visible


def test_justice_bureau_sees_the_whole_county(world):
    assert Agency.objects.restrict(world.users["bureau"]).count() == Agency.objects.count()


def test_supervisor_reads_but_cannot_write(world):
    api = api_client_for(world.users["supervisor"])
    assert api.get(f"/api/v1/agencies/{world.squad_b.pk}/").status_code == 200
    assert api.patch(f"/api/v1/agencies/{world.squad_b.pk}/", {"phone": "1"}, format="json").status_code == 403
    assert client_for(world.users["supervisor"]).get(f"/agencies/{world.squad_b.pk}/edit/").status_code == 404


def test_leader_cannot_create_an_agency_in_another_township(world):
    api = api_client_for(world.users["leader_a"])
    response = api.post("/api/v1/agencies/", {"name": "x", "kind": "enforcement_squad", "region": world.town_b.pk},
                        format="json")
    assert response.status_code in (400, 403)
    assert not Agency.objects.filter(name="x").exists()


def test_bad_input_gets_field_messages_in_chinese(world):
    api = api_client_for(world.users["bureau"])
    response = api.post("/api/v1/agencies/", {"name": "", "kind": "nope", "region": world.county.pk,
                                              "uscc": "914403001922038217"}, format="json",
                        HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    body = response.json()
    assert {"name", "kind", "uscc"} <= set(body)
    assert "统一社会信用代码" in body["uscc"][0]
    page = client_for(world.users["bureau"]).post("/agencies/add/", {"name": "", "kind": "county_department",
                                                                     "region": world.county.pk})
    assert page.status_code == 400
    assert "该字段是必填项" in page.content.decode()


def test_acts_in_name_of_needs_a_confirmed_body(world):
    api = api_client_for(world.users["bureau"])
    response = api.post("/api/v1/agencies/", {"name": "新中队", "kind": "enforcement_squad", "region": world.town_a.pk,
                                              "acts_in_name_of": world.squad_b.pk}, format="json")
    assert response.status_code == 400 and "acts_in_name_of" in response.json()


def test_create_through_ui_is_audited(world):
    client = client_for(world.users["bureau"])
    response = client.post("/agencies/add/", {"name": "襄城县水利局", "kind": "county_department",
                                              "region": world.county.pk, "domains": [world.domains["water"].pk],
                                              "active": "on", "is_enforcement_body": "on"})
    assert response.status_code == 302
    agency = Agency.objects.get(name="襄城县水利局")
    assert history(agency).first().user_name == "bureau"


def test_list_and_api_keep_a_fixed_number_of_queries(world):
    client = client_for(world.users["bureau"])
    api = api_client_for(world.users["bureau"])

    def count(fn):
        with CaptureQueriesContext(connection) as ctx:
            assert fn().status_code == 200
        return len(ctx)

    client.get("/agencies/"), api.get("/api/v1/agencies/")  # warm the per-process caches (content types)
    page, rest = count(lambda: client.get("/agencies/")), count(lambda: api.get("/api/v1/agencies/"))
    for i in range(15):
        a = Agency.objects.create(name=f"临时单位{i}", kind="county_department", region=world.county,
                                  parent=world.county_gov)
        a.domains.add(world.domains["water"])
    assert count(lambda: client.get("/agencies/")) == page
    assert count(lambda: api.get("/api/v1/agencies/")) == rest
