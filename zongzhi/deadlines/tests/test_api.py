import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.deadlines.models import DeadlineRule, HolidayDay, HolidayYear
from zongzhi.deadlines.rules_data import RULES
from zongzhi.utilities.testing import api_client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world):
    call_command("seed_deadline_rules")
    return api_client_for(world.users["officer_a"])


def test_compute(api):
    response = api.get("/api/v1/deadlines/compute/", {"rule": "decision-service", "start": "2025-09-28"})
    assert response.status_code == 200
    assert response.json() == {"rule": "decision-service", "start": "2025-09-28", "due": "2025-10-14",
                               "citation": "《行政处罚法》第六十一条、第八十五条", "provisional": False,
                               "provisional_note": ""}


def test_compute_into_an_unpublished_year_is_provisional(api):
    """2027 is not published: its statutory holidays (元旦 2027-01-01) and weekends count, and the answer says so."""
    response = api.get("/api/v1/deadlines/compute/", {"rule": "decision-service", "start": "2026-12-28"})
    body = response.json()
    assert response.status_code == 200 and body["due"] == "2027-01-07" and body["provisional"] is True
    assert "暂定" in body["provisional_note"] and "2027" in body["provisional_note"]
    assert "全国年节及纪念日放假办法" in body["provisional_note"]
    response = api.get("/api/v1/calendar/add-working-days/", {"start": "2026-12-28", "days": "7"})
    assert response.status_code == 200 and response.json()["due"] == "2027-01-07"
    assert response.json()["provisional"] is True and "暂定" in response.json()["provisional_note"]


def test_compute_with_a_region(api, world):
    DeadlineRule.objects.create(code="assistance-reply", name="协作答复", count=2, unit="working_days",
                                start_event="收到协作请求", citation="襄城县规定", region=world.county)
    body = api.get("/api/v1/deadlines/compute/", {"rule": "assistance-reply", "start": "2025-09-29",
                                                  "region": world.town_a.code}).json()
    assert body["due"] == "2025-10-09" and body["citation"] == "襄城县规定"


def test_add_working_days(api):
    response = api.get("/api/v1/calendar/add-working-days/", {"start": "2025-01-24", "days": "5"})
    assert response.status_code == 200
    assert response.json() == {"start": "2025-01-24", "days": 5, "due": "2025-02-07", "provisional": False,
                               "provisional_note": ""}


@pytest.mark.parametrize("url,params,field,message", [
    ("/api/v1/deadlines/compute/", {"rule": "decision-service"}, "start", "必填"),
    ("/api/v1/deadlines/compute/", {"rule": "decision-service", "start": "2025-13-01"}, "start", "日期格式错误"),
    ("/api/v1/deadlines/compute/", {"rule": "nope", "start": "2025-01-01"}, "rule", "nope"),
    ("/api/v1/deadlines/compute/", {"start": "2025-01-01"}, "rule", "必填"),
    ("/api/v1/deadlines/compute/", {"rule": "fine-payment", "start": "2025-01-01", "region": "999"}, "region", "999"),
    ("/api/v1/deadlines/compute/", {"rule": "decision-service", "start": "2003-12-01"}, "detail", "2003"),
    ("/api/v1/deadlines/compute/", {"rule": "lawsuit", "start": "9999-12-31"}, "start", "2100"),
    ("/api/v1/calendar/add-working-days/", {"start": "2025-01-01", "days": "-1"}, "days", "0"),
    ("/api/v1/calendar/add-working-days/", {"start": "2025-01-01", "days": "1.5"}, "days", "整数"),
    ("/api/v1/calendar/add-working-days/", {"days": "3"}, "start", "必填"),
    ("/api/v1/calendar/add-working-days/", {"start": "2003-12-01", "days": "7"}, "detail", "2003年"),
])
def test_bad_parameters_give_400_with_a_chinese_message(api, url, params, field, message):
    response = api.get(url, params)
    assert response.status_code == 400
    body = response.json()
    assert field in body and message in str(body[field])


def test_rules_list_has_codes_and_citations(api):
    response = api.get("/api/v1/deadlines/rules/", {"page_size": 500})
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["results"]}
    assert len(rows) == len(RULES)
    assert rows["seizure"]["citation"] == "《行政强制法》第二十五条" and rows["seizure"]["region_code"] is None
    assert api.post("/api/v1/deadlines/rules/", {}).status_code in (403, 405)


def test_rules_list_keeps_a_fixed_number_of_queries(api, world):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert api.get("/api/v1/deadlines/rules/").status_code == 200
        return len(ctx)

    count()
    before = count()
    for i in range(5):
        DeadlineRule.objects.create(code=f"local-{i}", name="本地规则", count=3, unit="working_days",
                                    start_event="x", citation="y", region=world.county)
    assert count() == before


def test_anonymous_is_refused():
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/calendar/add-working-days/", {"start": "2025-01-01", "days": 1}).status_code in (
        401, 403)


def test_schema_documents_the_endpoints():
    # Only this app's routes, so that another app's schema problem cannot hide or break ours.
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(patterns=[path("api/v1/", include("zongzhi.deadlines.api.urls"))]).get_schema(
        request=None, public=True)
    compute = schema["paths"]["/api/v1/deadlines/compute/"]["get"]
    assert {p["name"] for p in compute["parameters"]} >= {"rule", "start", "region"}
    assert set(compute["responses"]) == {"200", "400"}
    days = schema["paths"]["/api/v1/calendar/add-working-days/"]["get"]
    assert {p["name"] for p in days["parameters"]} == {"start", "days"}
    assert "/api/v1/deadlines/rules/" in schema["paths"]


def test_holiday_years_are_listed_with_their_days(api):
    def load(years):
        for y in years:
            year = HolidayYear.objects.create(year=y, source="通知")
            HolidayDay.objects.create(holiday_year=year, date=datetime.date(y, 1, 1), kind="off", festival="元旦")

    load([2040])
    api.get("/api/v1/calendar/holiday-years/")
    with CaptureQueriesContext(connection) as first:
        body = api.get("/api/v1/calendar/holiday-years/").json()
    assert body["results"][0]["days"] == [{"date": "2040-01-01", "kind": "off", "festival": "元旦"}]
    load(range(2041, 2045))
    with CaptureQueriesContext(connection) as later:
        assert len(api.get("/api/v1/calendar/holiday-years/").json()["results"]) == 5
    assert len(later) == len(first)
