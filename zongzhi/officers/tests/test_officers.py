import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.audit.services import history
from zongzhi.officers.models import Certificate, Officer
from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for, export_cells, fake_id_number

pytestmark = pytest.mark.django_db


def test_township_officer_sees_only_own_township_officers(world):
    assert_scoped(world.users["officer_a"], world.officer_a, world.officer_b, list_url="/force/officers/",
                  api_url="/api/v1/officers/", text=lambda o: o.name)


def test_township_officer_sees_only_own_township_certificates(world):
    assert_scoped(world.users["officer_a"], world.cert_a, world.cert_b, list_url="/force/certificates/",
                  api_url="/api/v1/certificates/", text=lambda c: c.number)


def test_identity_number_is_masked_in_list_export_and_api_list(world):
    client = client_for(world.users["bureau"])
    full, masked = world.officer_a.id_number, world.officer_a.masked_id_number
    assert masked != full and masked.startswith(full[:6]) and masked.endswith(full[-4:])
    page = client.get("/force/officers/").content.decode()
    assert masked in page and full not in page
    cells = export_cells(client.get("/force/officers/?export=xlsx"))
    assert masked in cells and full not in cells
    cert_cells = export_cells(client.get("/force/certificates/?export=xlsx"))
    assert masked in cert_cells and full not in cert_cells
    rows = api_client_for(world.users["bureau"]).get("/api/v1/officers/").json()["results"]
    assert {r["id_number"] for r in rows} == {o.masked_id_number for o in Officer.objects.all()}


def test_full_identity_number_only_for_users_who_may_change_the_officer(world):
    url = world.officer_a.get_absolute_url()
    full = world.officer_a.id_number
    for username in ("bureau", "leader_a"):
        assert full in client_for(world.users[username]).get(url).content.decode()
        assert api_client_for(world.users[username]).get(f"/api/v1/officers/{world.officer_a.pk}/").json()[
            "id_number"] == full
    for username in ("officer_a", "supervisor"):
        body = client_for(world.users[username]).get(url).content.decode()
        assert full not in body and world.officer_a.masked_id_number in body
        assert api_client_for(world.users[username]).get(f"/api/v1/officers/{world.officer_a.pk}/").json()[
            "id_number"] == world.officer_a.masked_id_number


def test_detail_shows_certificates_and_what_the_officer_may_enforce_today(world):
    body = client_for(world.users["officer_a"]).get(world.officer_a.get_absolute_url()).content.decode()
    assert world.cert_a.number in body
    assert 'data-domain="agriculture" data-allowed="1"' in body
    assert 'data-domain="urban" data-allowed="1"' in body
    assert 'data-domain="water" data-allowed="0"' in body


def test_list_filters(world):
    client = client_for(world.users["bureau"])
    names = lambda query: {o.name for o in client.get("/force/officers/" + query).context["rows"]}  # noqa: E731
    assert names("?legal_qualification=true") == {"周明远"}
    assert names("?staffing=administrative") == {"周明远"}
    assert names(f"?agency={world.squad_b.pk}") == {"郑雨桐"}
    assert names("?q=队长") == {"周明远"}
    world.officer_b.status = "retired"
    world.officer_b.save()
    assert names("?status=retired") == {"郑雨桐"}


def test_officer_cannot_add_and_supervisor_only_reads(world):
    for username in ("officer_a", "supervisor"):
        client, api = client_for(world.users[username]), api_client_for(world.users[username])
        assert client.get("/force/officers/add/").status_code == 404
        assert client.get(f"/force/officers/{world.officer_a.pk}/edit/").status_code == 404
        assert api.post("/api/v1/officers/", {"name": "吴某", "id_number": fake_id_number(31),
                                              "agency": world.squad_a.pk, "staffing": "institution"},
                        format="json").status_code == 403
        assert api.patch(f"/api/v1/officers/{world.officer_a.pk}/", {"post": "x"}, format="json").status_code == 403
        assert client.get(world.officer_a.get_absolute_url()).status_code == 200
    assert not Officer.objects.filter(name="吴某").exists()


def test_leader_manages_officers_of_own_township_only(world):
    client = client_for(world.users["leader_a"])
    data = {"name": "吴文博", "id_number": fake_id_number(41), "staffing": "institution", "status": "on_duty"}
    response = client.post("/force/officers/add/", {**data, "agency": world.squad_a.pk})
    assert response.status_code == 302
    assert history(Officer.objects.get(name="吴文博")).first().user_name == "leader_a"
    response = client.post("/force/officers/add/", {**data, "name": "吴文军", "id_number": fake_id_number(42),
                                                    "agency": world.squad_b.pk})
    assert response.status_code == 400 and not Officer.objects.filter(name="吴文军").exists()


def test_department_liaison_manages_only_its_own_agency_officers(world):
    api = api_client_for(world.users["dept"])
    own = {"name": "冯立新", "id_number": fake_id_number(51), "agency": world.dept.pk, "staffing": "administrative"}
    assert api.post("/api/v1/officers/", own, format="json").status_code == 201
    other = {**own, "name": "冯立国", "id_number": fake_id_number(52), "agency": world.squad_a.pk}
    assert api.post("/api/v1/officers/", other, format="json").status_code in (400, 403)
    assert api.patch(f"/api/v1/officers/{world.officer_a.pk}/", {"post": "x"}, format="json").status_code == 404
    assert not Officer.objects.filter(name="冯立国").exists()
    assert set(Officer.objects.restrict(world.users["dept"], "change").values_list("name", flat=True)) == {"冯立新"}


def test_invalid_identity_number_is_refused_in_chinese(world):
    bad = world.officer_a.id_number[:-1] + ("0" if world.officer_a.id_number[-1] != "0" else "1")
    api = api_client_for(world.users["bureau"])
    response = api.post("/api/v1/officers/", {"name": "孙某", "id_number": bad, "agency": world.squad_a.pk,
                                              "staffing": "institution"}, format="json")
    assert response.status_code == 400
    assert "公民身份号码" in response.json()["id_number"][0]
    page = client_for(world.users["bureau"]).post("/force/officers/add/", {
        "name": "孙某", "id_number": bad, "agency": world.squad_a.pk, "staffing": "institution",
        "status": "on_duty"})
    assert page.status_code == 400 and "公民身份号码" in page.content.decode()
    assert not Officer.objects.filter(name="孙某").exists()


def test_lists_and_api_keep_a_fixed_number_of_queries(world):
    client = client_for(world.users["bureau"])
    api = api_client_for(world.users["bureau"])
    urls = ["/force/officers/", "/force/certificates/", "/force/certificates/cleanup/"]
    api_urls = ["/api/v1/officers/", "/api/v1/certificates/", "/api/v1/certificates/cleanup/"]

    def count(c, url):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx)

    world.officer_b.status = "retired"  # one clean-up candidate, so that the empty case does not skew the count
    world.officer_b.save()
    for url in urls:
        client.get(url)
    for url in api_urls:
        api.get(url)
    before = [count(client, u) for u in urls] + [count(api, u) for u in api_urls]
    for i in range(12):
        officer = Officer.objects.create(name=f"临时{i}", id_number=fake_id_number(100 + i), agency=world.squad_b,
                                         staffing="institution", status="retired")
        cert = Certificate.objects.create(officer=officer, number=f"临-{i}", issuing_authority="河南省人民政府",
                                          valid_from=world.cert_a.valid_from, valid_to=world.cert_a.valid_to)
        cert.domains.add(world.domains["urban"], world.domains["water"])
    after = [count(client, u) for u in urls] + [count(api, u) for u in api_urls]
    assert after == before


def test_every_page_renders(world):
    client = client_for(world.users["bureau"])
    world.officer_b.status = "left"
    world.officer_b.save()
    for url in ["/force/officers/", "/force/officers/add/", f"/force/officers/{world.officer_a.pk}/",
                f"/force/officers/{world.officer_a.pk}/edit/", f"/force/officers/{world.officer_a.pk}/delete/",
                "/force/officers/import/", "/force/certificates/", "/force/certificates/add/",
                f"/force/certificates/add/?officer={world.officer_a.pk}", f"/force/certificates/{world.cert_a.pk}/",
                f"/force/certificates/{world.cert_a.pk}/edit/", f"/force/certificates/{world.cert_a.pk}/revoke/",
                f"/force/certificates/{world.cert_a.pk}/reissue/", "/force/certificates/import/",
                "/force/certificates/cleanup/", "/force/certificates/?expiring_within=60&status=expired", "/"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/force/certificates/?expiring_within=abc").status_code == 200


def test_an_officer_with_certificates_cannot_be_deleted(world):
    response = client_for(world.users["bureau"]).post(f"/force/officers/{world.officer_a.pk}/delete/")
    assert response.status_code == 302 and Officer.objects.filter(pk=world.officer_a.pk).exists()
    assert api_client_for(world.users["bureau"]).delete(f"/api/v1/officers/{world.officer_a.pk}/").status_code == 400


def test_identity_number_is_normalised_so_duplicates_are_caught(world):
    api = api_client_for(world.users["bureau"])
    data = {"name": "许晴", "id_number": fake_id_number(9).lower(), "agency": world.squad_a.pk,
            "staffing": "institution"}
    response = api.post("/api/v1/officers/", data, format="json")
    assert response.status_code == 201 and response.json()["id_number"] == fake_id_number(9)
    assert api.post("/api/v1/officers/", {**data, "name": "许晴二"}, format="json").status_code == 400
    page = client_for(world.users["bureau"]).post("/force/officers/add/", {**data, "name": "许晴三",
                                                                            "status": "on_duty"})
    assert page.status_code == 400
    assert Officer.objects.filter(name__startswith="许晴").count() == 1
