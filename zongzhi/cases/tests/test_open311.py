import datetime

import pytest
from django.test import Client
from django.utils import timezone

from zongzhi.users.models import ApiToken

from ..choices import ClueSource, Outcome
from ..models import Clue
from ..services import triage

pytestmark = pytest.mark.django_db

REQUEST_FIELDS = {"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"}
REPORTER = {"first_name": "小明", "last_name": "王", "phone": "13912345678", "email": "wang@example.com"}


@pytest.fixture
def key(world):
    return ApiToken.issue(world.users["officer_a"], "12345热线")[1]


@pytest.fixture
def post(key):
    client = Client(enforce_csrf_checks=True)

    def send(expect=201, **params):
        data = {"api_key": key, "service_code": "urban", "description": "商户占道经营", "jurisdiction_id": "411025001",
                "address_string": "城关街道人民路12号", **params}
        response = client.post("/open311/v2/requests.json", {k: v for k, v in data.items() if v is not None})
        assert response.status_code == expect, response.content.decode()
        return response.json()

    return send


def assert_error(response, code):
    assert response.status_code == code
    body = response.json()
    assert isinstance(body, list) and body[0]["code"] == code and body[0]["description"]


def test_services_are_the_domains(world):
    response = Client().get("/open311/v2/services.json")
    assert response.status_code == 200
    services = response.json()
    assert [s["service_code"] for s in services][:2] == ["agriculture", "ecology"]
    assert set(services[0]) == {"service_code", "service_name", "description", "metadata", "type", "keywords",
                                "group"}
    assert services[0]["service_name"] == "农业农村" and services[0]["metadata"] is False
    assert services[0]["type"] == "realtime"
    assert_error(Client().get("/open311/v2/services.xml"), 400)


def test_post_creates_a_hotline_clue_for_the_township(world, post):
    created = post(lat="34.1234567", long="113.4812345", media_url="https://example.com/p.jpg", **REPORTER)
    assert set(created[0]) == {"service_request_id", "service_notice", "account_id"}
    clue = Clue.objects.get(pk=created[0]["service_request_id"])
    assert clue.source == ClueSource.HOTLINE and clue.service_code == "urban"
    assert clue.agency == world.gov_a and clue.region == world.town_a and clue.category == world.domains["urban"]
    assert clue.reporter_name == "王小明" and clue.reporter_phone == "13912345678" and not clue.anonymous
    assert str(clue.latitude) == "34.123457"
    assert clue.number in created[0]["service_notice"]
    assert clue.events.get().actor == world.users["officer_a"]


def test_post_as_json_and_anonymous(world, key):
    response = Client().post("/open311/v2/requests.json", {"api_key": key, "service_code": "urban",
                                                            "description": "噪声扰民", "lat": 34.1, "long": 113.4},
                             content_type="application/json")
    assert response.status_code == 201
    clue = Clue.objects.get()
    assert clue.anonymous and clue.agency == world.squad_a  # no jurisdiction, no address: the key's own agency
    assert clue.region == world.town_a


def test_post_routes_by_the_township_named_in_the_address(world):
    key = ApiToken.issue(world.users["officer_b"], "热线")[1]
    response = Client().post("/open311/v2/requests.json", {"api_key": key, "service_code": "urban",
                                                            "description": "x", "address_string": "颍桥回族镇东街"})
    assert response.status_code == 201
    assert Clue.objects.get().agency == world.gov_b


def test_post_without_a_routable_jurisdiction_is_refused(world):
    key = ApiToken.issue(world.users["admin"], "x")[1]  # a superuser's key belongs to no agency
    response = Client().post("/open311/v2/requests.json", {"api_key": key, "service_code": "urban",
                                                            "description": "x", "address_string": "某地"})
    assert_error(response, 400)
    assert not Clue.objects.exists()


@pytest.mark.parametrize("params,code", [
    ({"api_key": None}, 403),
    ({"api_key": "wrong"}, 403),
    ({"service_code": None}, 400),
    ({"service_code": "nope"}, 404),
    ({"jurisdiction_id": "999999999"}, 404),
    ({"jurisdiction_id": "411025101"}, 403),  # township B: not officer A's to register
    ({"address_string": None, "jurisdiction_id": None}, 400),  # no location
    ({"lat": "34.1"}, 400),  # lat without long
    ({"lat": "99", "long": "113"}, 400),
    ({"lat": "abc", "long": "113"}, 400),
    ({"description": None}, 400),
    ({"description": "长" * 4001}, 400),
    ({"media_url": "not a url"}, 400),
])
def test_post_errors(world, post, params, code):
    body = post(expect=code, **params)
    assert body[0]["code"] == code and body[0]["description"]
    assert not Clue.objects.exists()


def test_post_needs_a_user_who_may_add_clues(world):
    key = ApiToken.issue(world.users["supervisor"], "只读")[1]
    response = Client().post("/open311/v2/requests.json", {"api_key": key, "service_code": "urban",
                                                            "description": "x", "jurisdiction_id": "411025001"})
    assert_error(response, 403)
    token, revoked = ApiToken.issue(world.users["officer_a"], "old")
    token.revoked = timezone.now()
    token.save()
    response = Client().post("/open311/v2/requests.json", {"api_key": revoked, "service_code": "urban",
                                                            "description": "x", "jurisdiction_id": "411025001"})
    assert_error(response, 403)
    assert not Clue.objects.exists()


def test_get_requests_fields_status_and_no_reporter(world, post, make_clue):
    first = post(**REPORTER)[0]["service_request_id"]
    second = post(service_code="ecology")[0]["service_request_id"]
    make_clue(description="巡查线索不对外")  # not received through Open311: never listed
    triage(Clue.objects.get(pk=second), outcome=Outcome.TRANSFERRED, reason="内部理由", by=world.users["officer_a"],
           transferred_to=world.dept)
    client = Client()
    listed = client.get("/open311/v2/requests.json").json()
    assert [r["service_request_id"] for r in listed] == [second, first]
    assert set(listed[0]) == REQUEST_FIELDS
    text = str(listed)
    assert not any(v in text for v in REPORTER.values()) and "内部理由" not in text and "巡查线索" not in text
    closed = listed[0]
    assert closed["status"] == "closed" and "襄城县农业农村局" in closed["status_notes"]
    assert closed["service_name"] == "生态环境" and closed["agency_responsible"] == "城关街道办事处"
    assert closed["requested_datetime"].endswith("+08:00")
    assert [r["service_request_id"] for r in client.get("/open311/v2/requests.json", {"status": "open"}).json()] == [
        first]
    assert [r["service_request_id"] for r in client.get("/open311/v2/requests.json",
                                                        {"service_code": "urban,water"}).json()] == [first]
    assert [r["service_request_id"] for r in client.get("/open311/v2/requests.json", {
        "service_request_id": f"{first},{second}", "status": "open"}).json()] == [second, first]
    assert len(client.get("/open311/v2/requests.json", {"jurisdiction_id": "411025001"}).json()) == 2
    assert client.get("/open311/v2/requests.json", {"jurisdiction_id": "411025101"}).json() == []
    assert_error(client.get("/open311/v2/requests.json", {"jurisdiction_id": "000"}), 404)
    one = client.get(f"/open311/v2/requests/{first}.json").json()
    assert len(one) == 1 and set(one[0]) == REQUEST_FIELDS and one[0]["status"] == "open"
    assert "13912345678" not in str(one)


def test_get_requests_date_window(world, post):
    old = post()[0]["service_request_id"]
    Clue.objects.filter(pk=old).update(received_at=timezone.now() - datetime.timedelta(days=100))
    recent = post()[0]["service_request_id"]
    client = Client()
    assert [r["service_request_id"] for r in client.get("/open311/v2/requests.json").json()] == [recent]
    start = (timezone.now() - datetime.timedelta(days=120)).isoformat()
    end = (timezone.now() - datetime.timedelta(days=50)).isoformat()
    assert [r["service_request_id"] for r in client.get("/open311/v2/requests.json", {
        "start_date": start, "end_date": end}).json()] == [old]


@pytest.mark.parametrize("params", [
    {"start_date": "yesterday"},
    {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},  # more than 90 days
    {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
    {"status": "pending"},
    {"service_request_id": "1,x"},
])
def test_get_requests_errors(world, params):
    assert_error(Client().get("/open311/v2/requests.json", params), 400)


def test_get_one_request_errors(world, make_clue):
    internal = make_clue()
    client = Client()
    assert_error(client.get(f"/open311/v2/requests/{internal.pk}.json"), 404)  # not an Open311 request
    assert_error(client.get("/open311/v2/requests/999.json"), 404)
    assert_error(client.get("/open311/v2/requests/abc.json"), 404)
    assert_error(client.get("/open311/v2/requests.xml"), 400)
    assert_error(client.delete("/open311/v2/requests.json"), 405)
