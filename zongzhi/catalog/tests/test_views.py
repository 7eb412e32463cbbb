import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.catalog import services
from zongzhi.catalog.choices import Conclusion
from zongzhi.catalog.models import Acceptance, CatalogItem, DelegationCatalog, Evaluation, Matter
from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for, export_cells

pytestmark = pytest.mark.django_db
D = datetime.date


def test_township_officer_sees_only_own_acceptances(world, delegation):
    assert_scoped(world.users["officer_a"], delegation["acc"]["a_straw"], delegation["acc"]["b_straw"],
                  list_url="/catalog/acceptances/", api_url="/api/v1/catalog/acceptances/", text=lambda a: str(a.agency))


def test_township_officer_sees_only_own_evaluations(world, delegation):
    m = delegation["matters"]
    mine = services.evaluate(world.gov_a, m["straw"], Conclusion.EFFECTIVE, evaluator="甲", on=D(2024, 6, 1))
    theirs = services.evaluate(world.gov_b, m["river"], Conclusion.NOT_YET_ABLE, evaluator="乙", on=D(2024, 6, 1),
                               reasons="无水利专业人员")
    assert_scoped(world.users["officer_a"], mine, theirs, list_url="/catalog/evaluations/",
                  api_url="/api/v1/catalog/evaluations/", text=lambda e: e.evaluator)
    report = client_for(world.users["officer_a"]).get("/catalog/evaluations/report/")
    assert "颍桥回族镇人民政府" not in report.content.decode()


def count_queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        assert fn().status_code == 200
    return len(ctx)


@pytest.mark.parametrize("page, api", [
    ("/catalog/matters/", "/api/v1/catalog/matters/"),
    ("/catalog/acceptances/", "/api/v1/catalog/acceptances/"),
    ("/catalog/catalogs/", "/api/v1/catalog/catalogs/"),
    ("/catalog/items/", "/api/v1/catalog/items/"),
    ("/catalog/evaluations/", "/api/v1/catalog/evaluations/"),
])
def test_lists_keep_a_fixed_number_of_queries(world, delegation, laws, page, api):
    services.evaluate(world.gov_a, delegation["matters"]["straw"], Conclusion.EFFECTIVE, evaluator="甲",
                      on=D(2024, 1, 1))
    client, rest = client_for(world.users["bureau"]), api_client_for(world.users["bureau"])
    client.get(page), rest.get(api)
    before = count_queries(lambda: client.get(page)), count_queries(lambda: rest.get(api))
    v2023 = delegation["v2023"]
    for i in range(12):
        m = Matter.objects.create(code=f"X-{i}", name=f"事项{i}", domain=world.domains["urban"],
                                  violated_article=laws["city14"], penalty_article=laws["city36"])
        CatalogItem.objects.create(catalog=v2023, matter=m, number=10 + i, name=m.name, domain=m.domain)
        v2023.selections.first().items.add(*v2023.items.filter(matter=m))
        services.accept(world.gov_b, m, v2023, D(2023, 4, 1))
        services.evaluate(world.gov_b, m, Conclusion.EFFECTIVE, evaluator="乙", on=D(2024, 1, 1))
        DelegationCatalog.objects.create(issuer=world.province, keeper=world.county, name=f"清单{i}", version="v",
                                         effective=D(2030, 1, 1))
    assert (count_queries(lambda: client.get(page)), count_queries(lambda: rest.get(api))) == before


def test_bad_acceptance_is_refused_with_chinese_field_messages(world, delegation):
    api = api_client_for(world.users["bureau"])
    m = delegation["matters"]
    response = api.post("/api/v1/catalog/acceptances/", {
        "agency": world.squad_b.pk, "matter": m["stall"].pk, "catalog": delegation["v2023"].pk,
        "accepted_on": "2023-05-01"}, format="json")
    assert response.status_code == 400
    assert "执法主体" in response.json()["agency"][0]
    response = api.post("/api/v1/catalog/acceptances/", {"agency": world.gov_b.pk, "matter": m["stall"].pk,
                                                         "catalog": delegation["v2023"].pk, "accepted_on": "x"},
                        format="json")
    assert response.status_code == 400 and "accepted_on" in response.json()
    page = client_for(world.users["bureau"]).post("/catalog/acceptances/add/", {
        "agency": world.gov_a.pk, "matter": m["river"].pk, "catalog": delegation["v2023"].pk,
        "accepted_on": "2023-05-01"})
    assert page.status_code == 400 and "仅将该事项赋予乡镇" in page.content.decode()
    assert Acceptance.objects.count() == 4


def test_officers_cannot_manage_the_catalog(world, delegation):
    api = api_client_for(world.users["officer_a"])
    assert api.post("/api/v1/catalog/acceptances/", {}, format="json").status_code == 403
    assert api.post(f"/api/v1/catalog/catalogs/{delegation['v2023'].pk}/publish/").status_code == 403
    client = client_for(world.users["officer_a"])
    assert client.get("/catalog/acceptances/add/").status_code == 404
    assert client.get("/catalog/matters/import/").status_code == 404
    acc = delegation["acc"]["a_straw"]
    assert client.post(f"/catalog/acceptances/{acc.pk}/withdraw/", {"on": "2024-01-01"}).status_code == 404


def test_publish_diff_and_withdraw_through_ui_and_api(world, delegation, v2024):
    client, api = client_for(world.users["bureau"]), api_client_for(world.users["bureau"])
    page = client.get(v2024.get_absolute_url())
    assert page.status_code == 200 and 'data-testid="publish"' in page.content.decode()
    assert client.post(f"/catalog/catalogs/{v2024.pk}/publish/").status_code == 302
    v2024.refresh_from_db()
    assert v2024.status == "published"
    diff = client.get(f"/catalog/catalogs/{v2024.pk}/diff/").content.decode()
    assert "新增1项、取消1项、调整0项" in diff and "ZR-001" in diff and "CG-001" in diff
    rows = api.get(f"/api/v1/catalog/catalogs/{v2024.pk}/diff/").json()
    assert [(r["kind"], r["matter_code"]) for r in rows] == [("added", "ZR-001"), ("removed", "CG-001")]
    again = api.post(f"/api/v1/catalog/catalogs/{v2024.pk}/publish/")
    assert again.status_code == 400
    item = v2024.items.first()
    assert api.delete(f"/api/v1/catalog/items/{item.pk}/").status_code == 400
    assert api.patch(f"/api/v1/catalog/items/{item.pk}/", {"concurrent": True}, format="json").status_code == 400
    assert api.delete(f"/api/v1/catalog/catalogs/{v2024.pk}/").status_code == 400
    assert v2024.items.filter(pk=item.pk, concurrent=False).exists()
    acc = delegation["acc"]["b_river"]
    response = api.post(f"/api/v1/catalog/acceptances/{acc.pk}/withdraw/", {"on": "2020-01-01"}, format="json")
    assert response.status_code == 400 and "on" in response.json()
    response = api.post(f"/api/v1/catalog/acceptances/{acc.pk}/withdraw/", {"on": "2024-09-01"}, format="json")
    assert response.status_code == 200 and response.json()["lapses_on"] == "2024-09-01"


def test_may_exercise_api_and_page(world, delegation):
    api = api_client_for(world.users["officer_a"])
    straw = delegation["matters"]["straw"]
    body = api.get("/api/v1/catalog/may-exercise/", {"agency": world.squad_a.pk, "matter": straw.pk,
                                                     "date": "2023-06-01"}).json()
    assert body["allowed"] is True and body["in_name_of"] == world.gov_a.pk
    assert body["acceptance"] == delegation["acc"]["a_straw"].pk
    hidden = api.get("/api/v1/catalog/may-exercise/", {"agency": world.squad_b.pk, "matter": straw.pk,
                                                       "date": "2023-06-01"})
    assert hidden.status_code == 400 and "agency" in hidden.json()
    assert api.get("/api/v1/catalog/may-exercise/", {"agency": world.squad_a.pk}).status_code == 400
    page = client_for(world.users["officer_a"]).get("/catalog/may-exercise/", {
        "agency": world.squad_a.pk, "matter": straw.pk, "date": "2023-02-01"})
    assert page.status_code == 200 and "尚未承接" in page.content.decode()


def test_boundaries_page_and_api(world, delegation):
    client = client_for(world.users["officer_a"])
    page = client.get("/catalog/boundaries/", {"county": world.county.code, "date": "2023-06-01"})
    assert page.status_code == 200
    assert 'data-testid="gap-count">1<' in page.content.decode()
    body = api_client_for(world.users["officer_a"]).get("/api/v1/catalog/boundaries/", {
        "county": world.county.code, "date": "2023-06-01"}).json()
    assert [(g["township"], g["matter_code"]) for g in body["gaps"]] == [(world.town_b.code, "CG-001")]
    assert api_client_for(world.users["officer_a"]).get("/api/v1/catalog/boundaries/", {
        "county": "x"}).status_code == 400
    summary = client.get("/catalog/catalogs/").content.decode()
    assert "职责交叉0处、职责空白1处" in summary


def test_evaluation_report_exports_by_domain_and_township(world, delegation):
    m = delegation["matters"]
    services.evaluate(world.gov_a, m["straw"], Conclusion.EFFECTIVE, evaluator="县司法局", on=D(2024, 6, 1))
    services.evaluate(world.gov_b, m["river"], Conclusion.NOT_YET_ABLE, evaluator="县司法局", on=D(2024, 6, 1),
                      reasons="无水利专业人员")
    client = client_for(world.users["bureau"])
    page = client.get("/catalog/evaluations/report/").content.decode()
    assert "评估赋权事项2项：能有效承接1项，尚无力承接1项" in page
    export = client.get("/catalog/evaluations/report/?export=xlsx")
    assert export.status_code == 200
    assert {"农业农村", "水利", "城关街道办事处", "无水利专业人员"} <= export_cells(export) | _all_cells(export)
    ev = Evaluation.objects.get(agency=world.gov_b)
    detail = client.get(ev.get_absolute_url()).content.decode()
    assert "尚未在平台中记录" in detail


def _all_cells(response):
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(response.content), read_only=True)
    return {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None}


def test_pages_render(world, delegation, v2024):
    client = client_for(world.users["bureau"])
    m = delegation["matters"]["straw"]
    for url in ["/catalog/matters/", m.get_absolute_url(), f"/catalog/matters/{m.pk}/edit/", "/catalog/matters/add/",
                "/catalog/catalogs/", delegation["v2023"].get_absolute_url(), v2024.get_absolute_url(),
                "/catalog/catalogs/add/", f"/catalog/items/add/?catalog={v2024.pk}", "/catalog/items/",
                "/catalog/selections/", "/catalog/selections/add/", "/catalog/transition/",
                "/catalog/transition/add/", "/catalog/acceptances/", "/catalog/acceptances/add/",
                delegation["acc"]["a_straw"].get_absolute_url(), "/catalog/evaluations/add/",
                "/catalog/may-exercise/", "/catalog/boundaries/", "/catalog/matters/import/",
                f"/catalog/catalogs/{v2024.pk}/import/", "/catalog/acceptances/import/"]:
        assert client.get(url).status_code == 200, url
    assert "露天焚烧秸秆" in client.get(m.get_absolute_url()).content.decode()
    assert client.get(f"/catalog/catalogs/{delegation['v2023'].pk}/import/").status_code == 404  # published


def test_add_an_item_to_a_draft_through_the_ui_copies_the_matter(world, delegation, v2024):
    client = client_for(world.users["bureau"])
    response = client.post("/catalog/items/add/", {"catalog": v2024.pk, "matter": delegation["matters"]["stall"].pk,
                                                   "number": 9})
    assert response.status_code == 302
    item = v2024.items.get(number=9)
    assert item.name == "擅自占道经营" and "城市市容和环境卫生管理条例" in item.penalty_basis
    published = delegation["v2023"].items.first()
    assert client.post(f"/catalog/items/{published.pk}/edit/", {"catalog": delegation["v2023"].pk,
                                                                "matter": published.matter_id,
                                                                "number": 5}).status_code == 400
