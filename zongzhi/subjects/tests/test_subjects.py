import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.audit.services import history
from zongzhi.subjects import geo
from zongzhi.subjects.models import Area, Subject
from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for, export_cells

from .conftest import CENTRE_A, CENTRE_B, make_subject, square, uscc

pytestmark = pytest.mark.django_db


def form_data(world, **values):
    data = {"kind": "individual_business", "name": "城关某某百货", "region": world.town_a.pk, "address": "北大街 3 号",
            "category": "retail", "risk_class": "b", "coordinate_system": "wgs84", "active": "on"}
    return {**data, **values}


def test_township_officer_sees_only_own_township_subjects(places):
    assert_scoped(places.users["officer_a"], places.subject_a, places.subject_b, list_url="/subjects/",
                  api_url="/api/v1/subjects/", text=lambda s: s.name)


def test_township_officer_sees_only_own_township_areas(places):
    assert_scoped(places.users["officer_a"], places.area_a, places.area_b, list_url="/subjects/areas/",
                  api_url="/api/v1/areas/", text=lambda a: a.name)
    client = client_for(places.users["officer_a"])
    assert client.get(f"/subjects/areas/{places.area_b.pk}/table/").status_code == 404
    assert client.get(f"/subjects/areas/{places.area_b.pk}/edit/").status_code == 404


def test_officer_adds_a_subject_in_own_township_only(places):
    client = client_for(places.users["officer_a"])
    response = client.post("/subjects/add/", form_data(places))
    assert response.status_code == 302
    created = Subject.objects.get(name="城关某某百货")
    assert history(created).first().user_name == "officer_a"
    response = client.post("/subjects/add/", form_data(places, name="颍桥某某百货", region=places.town_b.pk))
    assert response.status_code == 400 and not Subject.objects.filter(name="颍桥某某百货").exists()
    api = api_client_for(places.users["officer_a"])
    response = api.post("/api/v1/subjects/", {**form_data(places, name="颍桥某某超市"), "region": places.town_b.pk},
                        format="json")
    assert response.status_code in (400, 403) and not Subject.objects.filter(name="颍桥某某超市").exists()


def test_uscc_is_validated_and_required_for_enterprises(places):
    client = client_for(places.users["officer_a"])
    bad = uscc(7)[:-1] + ("0" if uscc(7)[-1] != "0" else "1")
    response = client.post("/subjects/add/", form_data(places, kind="enterprise", uscc=bad))
    assert response.status_code == 400 and "统一社会信用代码" in response.content.decode()
    response = client.post("/subjects/add/", form_data(places, kind="enterprise", uscc=""))
    assert response.status_code == 400 and "企业" in response.content.decode()
    api = api_client_for(places.users["officer_a"])
    response = api.post("/api/v1/subjects/", {**form_data(places, kind="enterprise", uscc=bad)}, format="json")
    assert response.status_code == 400 and "统一社会信用代码" in response.json()["uscc"][0]
    assert not Subject.objects.filter(name="城关某某百货").exists()
    response = api.post("/api/v1/subjects/", {**form_data(places, kind="enterprise", uscc=uscc(7).lower())},
                        format="json")
    assert response.status_code == 201 and response.json()["uscc"] == uscc(7)


def test_duplicates_by_code_or_by_name_and_address_are_refused(places):
    client = client_for(places.users["officer_a"])
    response = client.post("/subjects/add/", form_data(places, kind="enterprise", uscc=places.subject_a.uscc.lower(),
                                                       name="另一个名称"))
    assert response.status_code == 400 and "已登记" in response.content.decode()
    # Same name and address, written with full-width characters and spaces: still the same subject.
    response = client.post("/subjects/add/", form_data(places, name="襄城县城关某某农资店 ", address="人民路１号"))
    assert response.status_code == 400 and "已登记" in response.content.decode()
    api = api_client_for(places.users["officer_a"])
    response = api.post("/api/v1/subjects/", form_data(places, name="襄城县城关 某某农资店", address="人民路1号"),
                        format="json")
    assert response.status_code == 400 and "已登记" in response.json()["name"][0]
    assert Subject.objects.filter(name__contains="农资店").count() == 1
    # The same name and address in another township is another subject.
    other = make_subject(places.town_b, "襄城县城关某某农资店", address="人民路 1 号")
    assert other.pk


def test_gcj02_input_is_stored_as_wgs84(places):
    gcj = geo.wgs84_to_gcj02(33.86, 113.50)
    client = client_for(places.users["officer_a"])
    response = client.post("/subjects/add/", form_data(places, latitude=gcj[0], longitude=gcj[1],
                                                       coordinate_system="gcj02"))
    assert response.status_code == 302
    s = Subject.objects.get(name="城关某某百货")
    assert geo.distance_m(s.latitude, s.longitude, 33.86, 113.50) < 1
    response = client.post("/subjects/add/", form_data(places, name="越界", latitude=95, longitude=113))
    assert response.status_code == 400 and not Subject.objects.filter(name="越界").exists()
    response = client.post("/subjects/add/", form_data(places, name="半个坐标", latitude=33.8))
    assert response.status_code == 400 and "经度" in response.content.decode()


def test_area_is_assigned_by_point_in_polygon_and_follows_a_redrawn_boundary(places):
    assert places.subject_a.area == places.grid_a, "the smallest containing area wins"
    assert places.subject_a2.area == places.area_a
    assert places.subject_b.area == places.area_b
    outside = make_subject(places.town_a, "城外某某", latitude=CENTRE_A[0] + 0.5, longitude=CENTRE_A[1])
    assert outside.area is None
    client = client_for(places.users["leader_a"])
    response = client.post(f"/subjects/areas/{places.grid_a.pk}/edit/", {
        "name": places.grid_a.name, "region": places.town_a.pk, "kind": "grid", "team": places.squad_a.pk,
        "officers": [places.officer_a.pk], "boundary": json_square(CENTRE_A, 0.015)})
    assert response.status_code == 302, response.content.decode()
    places.subject_a2.refresh_from_db()
    assert places.subject_a2.area == places.grid_a
    assert list(places.grid_a.officers.all()) == [places.officer_a]


def json_square(centre, half):
    import json

    return json.dumps(square(*centre, half))


def test_polygon_errors_are_reported_in_chinese_and_nothing_is_saved(places):
    client = client_for(places.users["leader_a"])
    open_ring = '{"type": "Polygon", "coordinates": [[[113.4, 33.8], [113.5, 33.8], [113.5, 33.9]]]}'
    data = {"name": "新区", "region": places.town_a.pk, "kind": "area", "boundary": open_ring}
    response = client.post("/subjects/areas/add/", data)
    assert response.status_code == 400 and "闭合" in response.content.decode()
    response = api_client_for(places.users["leader_a"]).post("/api/v1/areas/", {
        **data, "boundary": {"type": "Polygon", "coordinates": [[[113.4, 33.8], [113.5, 33.8], [113.4, 33.8]]]}},
        format="json")
    assert response.status_code == 400 and "3 个" in " ".join(response.json()["boundary"])
    assert not Area.objects.filter(name="新区").exists()
    response = api_client_for(places.users["leader_a"]).post("/api/v1/areas/", {
        **data, "boundary": square(*CENTRE_A, 0.03), "officers": [places.officer_a.pk]}, format="json")
    assert response.status_code == 201
    assert Area.objects.get(name="新区").officers.get() == places.officer_a


def test_areas_are_drawn_only_in_ones_own_township_and_never_by_read_only_roles(places):
    data = {"name": "新区", "region": places.town_a.pk, "kind": "area", "boundary": json_square(CENTRE_A, 0.03)}
    assert client_for(places.users["supervisor"]).post("/subjects/areas/add/", data).status_code == 404
    for username in ("leader_a", "officer_a"):
        response = client_for(places.users[username]).post("/subjects/areas/add/", {**data, "region": places.town_b.pk})
        assert response.status_code == 400
    assert client_for(places.users["officer_b"]).post(
        f"/subjects/areas/{places.area_a.pk}/edit/", data).status_code == 404
    assert not Area.objects.filter(name="新区").exists()


def test_detail_shows_the_pin_the_strategy_and_the_ledger_placeholder(places):
    body = client_for(places.users["officer_a"]).get(places.subject_a.get_absolute_url()).content.decode()
    assert 'id="subject-map"' in body and "vendor/leaflet/leaflet.js" in body
    assert "城关加密" in body, "the township's own strategy overrides the county's"
    assert 'data-testid="ledger"' in body
    body = client_for(places.users["officer_a"]).get(places.subject_a2.get_absolute_url()).content.decode()
    assert 'id="subject-map"' in body


def test_the_table_of_an_area_by_class_with_contacts_and_strategy(places):
    client = client_for(places.users["officer_a"])
    response = client.get(f"/subjects/areas/{places.grid_a.pk}/table/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "襄城县城关某某农资店" in body and "0374-7000001" in body and "城关加密" in body and "@media print" in body
    assert "城关某某小吃店" not in body, "it lies in the area, outside the grid"
    cells = export_cells(client.get(f"/subjects/areas/{places.grid_a.pk}/table/?export=xlsx"))
    assert {"襄城县城关某某农资店", "王某", "0374-7000001", "4", "现场检查"} <= cells


def test_map_data_is_scoped_and_limited_to_the_box(places):
    api = api_client_for(places.users["officer_a"])
    data = api.get("/api/v1/map/").json()
    names = {f["properties"]["name"] for f in data["features"]}
    assert {"城关一区", "人民路网格", "襄城县城关某某农资店", "城关某某小吃店"} == names
    assert not data["truncated"]
    subject = next(f for f in data["features"] if f["properties"]["name"] == "襄城县城关某某农资店")
    assert subject["geometry"]["coordinates"] == [places.subject_a.longitude, places.subject_a.latitude]
    assert subject["properties"]["color"] == "#f76707"
    box = f"{CENTRE_A[1] - 0.004},{CENTRE_A[0] - 0.004},{CENTRE_A[1] + 0.004},{CENTRE_A[0] + 0.004}"
    names = {f["properties"]["name"] for f in api.get("/api/v1/map/", {"bbox": box}).json()["features"]}
    assert names == {"城关一区", "人民路网格", "襄城县城关某某农资店"}
    far = "100,20,100.1,20.1"
    assert api.get("/api/v1/map/", {"bbox": far}).json()["features"] == []
    response = api.get("/api/v1/map/", {"bbox": "1,2,3"})
    assert response.status_code == 400 and "西" in response.content.decode() or "WGS84" in response.content.decode()
    bureau = api_client_for(places.users["bureau"]).get("/api/v1/map/", {"risk_class": ["d"]}).json()
    assert {f["properties"]["name"] for f in bureau["features"] if f["properties"]["layer"] == "subject"} == {
        "颍桥某某养殖场"}


def test_map_data_is_capped(places, monkeypatch):
    from zongzhi.subjects.api import views

    monkeypatch.setattr(views, "MAP_LIMIT", 1)
    data = api_client_for(places.users["bureau"]).get("/api/v1/map/").json()
    assert data["truncated"] and len([f for f in data["features"] if f["properties"]["layer"] == "subject"]) == 1


def test_map_page_works_with_and_without_base_tiles(places, settings):
    client = client_for(places.users["officer_a"])
    body = client.get("/subjects/map/").content.decode()
    assert 'data-tile-url=""' in body and "城关街道" in body and "颍桥回族镇" not in body
    assert "unpkg" not in body and "cdn" not in body.lower()
    settings.MAP_TILE_URL = "https://tiles.example.gov.cn/{z}/{x}/{y}.png"
    assert 'data-tile-url="https://tiles.example.gov.cn/{z}/{x}/{y}.png"' in client.get("/subjects/map/").content.decode()


def test_list_filters(places):
    client = client_for(places.users["bureau"])
    names = lambda query: {s.name for s in client.get("/subjects/" + query).context["rows"]}  # noqa: E731
    assert names(f"?region={places.town_b.pk}") == {"颍桥某某养殖场"}
    assert names(f"?area={places.grid_a.pk}") == {"襄城县城关某某农资店"}
    assert names("?kind=enterprise") == {"襄城县城关某某农资店"}
    assert names("?category=catering") == {"城关某某小吃店"}
    assert names("?risk_class=a&risk_class=d") == {"城关某某小吃店", "颍桥某某养殖场"}
    assert names("?q=" + places.subject_a.uscc) == {"襄城县城关某某农资店"}
    assert names("?q=文化路") == {"城关某某小吃店"}


def test_lists_map_and_api_keep_a_fixed_number_of_queries(places):
    client = client_for(places.users["bureau"])
    api = api_client_for(places.users["bureau"])
    urls = ["/subjects/", "/subjects/areas/", "/subjects/strategies/", f"/subjects/areas/{places.area_a.pk}/table/"]
    api_urls = ["/api/v1/subjects/", "/api/v1/areas/", "/api/v1/class-strategies/", "/api/v1/map/"]

    def count(c, url):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx)

    for url in urls:
        client.get(url)
    for url in api_urls:
        api.get(url)
    before = [count(client, u) for u in urls] + [count(api, u) for u in api_urls]
    for i in range(12):
        region, centre, team = ((places.town_a, CENTRE_A, places.squad_a) if i % 2
                                else (places.town_b, CENTRE_B, places.squad_b))
        make_subject(region, f"临时{i}", latitude=centre[0] + i / 1000, longitude=centre[1], address=f"{i} 号")
        area = Area(region=region, name=f"临时区{i}", boundary=square(*centre, 0.001 + i / 1000), team=team)
        area.full_clean()
        area.save()
        area.officers.add(places.officer_a, places.officer_a2)
    after = [count(client, u) for u in urls] + [count(api, u) for u in api_urls]
    assert after == before


def test_every_page_renders(places):
    client = client_for(places.users["bureau"])
    strategy = places.strategy_a
    for url in ["/subjects/", "/subjects/add/", places.subject_a.get_absolute_url(),
                f"/subjects/{places.subject_a.pk}/edit/", f"/subjects/{places.subject_a.pk}/delete/",
                f"/subjects/{places.subject_a.pk}/history/", "/subjects/import/", "/subjects/map/",
                "/subjects/areas/", "/subjects/areas/add/", places.area_a.get_absolute_url(),
                f"/subjects/areas/{places.area_a.pk}/edit/", f"/subjects/areas/{places.area_a.pk}/table/",
                "/subjects/strategies/", "/subjects/strategies/add/", strategy.get_absolute_url(),
                f"/subjects/strategies/{strategy.pk}/edit/", "/subjects/?risk_class=x&region=abc", "/"]:
        assert client.get(url).status_code == 200, url


def test_the_api_schema_describes_the_subjects_endpoints():
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(patterns=[path("api/v1/", include("zongzhi.subjects.api.urls"))]).get_schema(
        request=None, public=True)
    assert {"/api/v1/subjects/", "/api/v1/areas/{id}/", "/api/v1/class-strategies/", "/api/v1/map/"} <= set(
        schema["paths"])


def test_an_area_with_subjects_can_be_deleted_and_its_subjects_keep_their_record(places):
    response = client_for(places.users["leader_a"]).post(f"/subjects/areas/{places.grid_a.pk}/delete/")
    assert response.status_code == 302
    places.subject_a.refresh_from_db()
    assert places.subject_a.area is None


def test_department_liaison_manages_the_subjects_of_its_trade_only(places):
    api = api_client_for(places.users["dept"])
    assert api.get("/api/v1/subjects/").json()["count"] == 0
    farm = make_subject(places.town_b, "颍桥某某种植合作社", department=places.dept, category="farm")
    assert [r["id"] for r in api.get("/api/v1/subjects/").json()["results"]] == [farm.pk]
    assert api.patch(f"/api/v1/subjects/{farm.pk}/", {"risk_class": "c"}, format="json").status_code == 200
    assert api.patch(f"/api/v1/subjects/{places.subject_b.pk}/", {"risk_class": "c"}, format="json").status_code == 404
    farm.refresh_from_db()
    assert farm.risk_class == "c"


def test_strategies_of_the_county_are_visible_to_townships_and_a_townships_own_to_it_alone(places):
    from zongzhi.subjects.models import ClassStrategy

    town_b = ClassStrategy.objects.create(region=places.town_b, risk_class="d", inspections_per_year=6,
                                          mode="on_site")
    seen = {r["id"] for r in api_client_for(places.users["officer_a"]).get("/api/v1/class-strategies/").json()[
        "results"]}
    assert seen == {places.strategy_county.pk, places.strategy_a.pk}
    assert town_b.pk not in seen
    response = client_for(places.users["leader_a"]).post("/subjects/strategies/add/", {
        "region": places.county.pk, "risk_class": "a", "inspections_per_year": "0.5", "mode": "non_site"})
    assert response.status_code == 400, "a township leader cannot set the county's strategy"
    response = client_for(places.users["leader_a"]).post("/subjects/strategies/add/", {
        "region": places.town_a.pk, "risk_class": "a", "inspections_per_year": "0.5", "mode": "non_site"})
    assert response.status_code == 302


def test_the_map_data_needs_a_login(places):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/map/").status_code in (401, 403)
    assert client_for(places.users["officer_a"]).get("/subjects/map/").status_code == 200
