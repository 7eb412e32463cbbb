import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.audit.services import history
from zongzhi.deadlines.models import DeadlineRule, HolidayDay, HolidayYear
from zongzhi.utilities.testing import client_for

pytestmark = pytest.mark.django_db

GOOD_2027 = "2027-01-01,off,元旦\n2027-01-02,off,元旦\n2027-01-03,off,元旦\n"


@pytest.fixture
def rules(db):
    call_command("seed_deadline_rules")


def test_calculator_shows_due_date_citation_and_skipped_holidays(world, rules):
    client = client_for(world.users["officer_a"])
    assert client.get("/deadlines/").status_code == 200
    page = client.get("/deadlines/", {"rule": "decision-service", "start": "2025-09-28"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "2025-10-14" in body and "第六十一条" in body
    assert "国庆节" in body  # the National Day week is listed as passed over
    assert "<html" in body


def test_calculator_htmx_returns_the_result_only(world, rules):
    client = client_for(world.users["officer_a"])
    page = client.get("/deadlines/", {"rule": "fine-payment", "start": "2025-09-16"}, HTTP_HX_REQUEST="true")
    body = page.content.decode()
    assert "<html" not in body and 'data-testid="calculator-result"' in body
    assert "2025-10-09" in body and "2025-10-01" in body  # moved from 10-01


def test_calculator_with_a_count_of_ones_own(world):
    client = client_for(world.users["officer_a"])
    body = client.get("/deadlines/", {"count": "7", "unit": "working_days", "direction": "before",
                                      "start": "2025-10-14"}, HTTP_HX_REQUEST="true").content.decode()
    assert "2025-09-28" in body and "第八十五条" in body
    body = client.get("/deadlines/", {"count": "24", "unit": "hours", "start": "2025-10-01", "start_time": "09:30"},
                      HTTP_HX_REQUEST="true").content.decode()
    assert "2025-10-02 09:30" in body


def test_calculator_marks_a_date_in_an_unpublished_year_provisional(world, rules):
    client = client_for(world.users["officer_a"])
    body = client.get("/deadlines/", {"rule": "decision-service", "start": "2026-12-28"},
                      HTTP_HX_REQUEST="true").content.decode()
    assert "2027-01-07" in body and 'data-testid="provisional"' in body and "暂定" in body
    assert "全国年节及纪念日放假办法" in body and "元旦" in body  # 2027-01-01 passed over, as a statutory holiday
    body = client.get("/deadlines/", {"rule": "decision-service", "start": "2026-09-28"},
                      HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="provisional"' not in body


def test_calculator_errors_are_in_chinese(world, rules):
    client = client_for(world.users["officer_a"])
    body = client.get("/deadlines/", {"rule": "decision-service", "start": "2003-12-01"},
                      HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="calculator-error"' in body and "2003年" in body
    body = client.get("/deadlines/", {"start": "2025-01-01"}, HTTP_HX_REQUEST="true").content.decode()
    assert "请选择规则或填写" in body
    body = client.get("/deadlines/", {"count": "1000", "unit": "months", "start": "9999-12-31"},
                      HTTP_HX_REQUEST="true").content.decode()
    assert "1900" in body
    body = client.get("/deadlines/", {"rule": "x", "start": "not a date"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="calculator-error"' in body and "有效" in body


def test_calculator_applies_the_local_rule_of_the_chosen_region(world, rules):
    DeadlineRule.objects.create(code="assistance-reply", name="协作答复（襄城县）", count=2, unit="working_days",
                                start_event="收到协作请求", citation="襄城县规定", region=world.county)
    client = client_for(world.users["officer_a"])
    body = client.get("/deadlines/", {"rule": "assistance-reply", "start": "2025-09-29",
                                      "region": world.county.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert "2025-10-09" in body and "襄城县规定" in body


def test_officer_reads_rules_but_cannot_edit(world, rules):
    client = client_for(world.users["officer_a"])
    rule = DeadlineRule.objects.get(code="fine-payment")
    assert client.get("/deadlines/rules/").status_code == 200
    detail = client.get(rule.get_absolute_url())
    assert detail.status_code == 200 and 'data-testid="add-local-rule"' not in detail.content.decode()
    assert client.get(f"/deadlines/rules/{rule.pk}/edit/").status_code == 404
    assert client.post(f"/deadlines/rules/{rule.pk}/edit/", {"count": 1}).status_code == 404
    assert client.get("/deadlines/rules/add/").status_code == 404
    assert DeadlineRule.objects.get(pk=rule.pk).count == 15


def local_rule(where, **extra):
    return {"code": "assistance-reply", "name": "协作答复", "count": 2, "unit": "working_days",
            "direction": "after", "start_event": "收到协作请求", "citation": "襄城县规定", "region": where.pk, **extra}


def test_justice_bureau_adds_a_local_rule_for_its_county_only(world, rules):
    client = client_for(world.users["bureau"])
    national = DeadlineRule.objects.get(code="fine-payment")
    assert client.get(f"/deadlines/rules/{national.pk}/edit/").status_code == 404  # national rules are not its own
    detail = client.get(DeadlineRule.objects.get(code="assistance-reply").get_absolute_url()).content.decode()
    assert 'data-testid="add-local-rule"' in detail
    form = client.get("/deadlines/rules/add/?code=assistance-reply&count=3").content.decode()
    assert 'value="assistance-reply"' in form
    response = client.post("/deadlines/rules/add/", local_rule(world.county))
    assert response.status_code == 302
    rule = DeadlineRule.objects.get(code="assistance-reply", region=world.county)
    assert history(rule).first().user_name == "bureau"
    again = client.post("/deadlines/rules/add/", local_rule(world.county))  # the same code twice in one region
    assert again.status_code == 400
    assert client.post("/deadlines/rules/add/", local_rule(world.city)).status_code == 400  # above its county
    no_region = client.post("/deadlines/rules/add/", local_rule(world.county, region=""))
    assert no_region.status_code == 400 and "该字段是必填项" in no_region.content.decode()
    assert DeadlineRule.objects.filter(code="assistance-reply").count() == 2


def test_holiday_year_paste_is_all_or_nothing_with_every_bad_line_reported(world):
    client = client_for(world.users["bureau"])
    lines = ("date,kind,festival\n2027-01-01,off,元旦\n2026-12-31,off,元旦\n2027-01-02,holiday,元旦\n"
             "2027-01-01,off,元旦\n2027-02-30,off,春节\n2027-01-05,makeup_workday,春节\njust text\n")
    response = client.post("/deadlines/holidays/add/", {"year": 2027, "source": "国办发明电〔2026〕1号",
                                                       "lines": lines})
    body = response.content.decode()
    assert response.status_code == 400
    for expected in ("第 3 行", "2026-12-31", "第 4 行", "holiday", "第 5 行", "第 2 行", "第 6 行", "2027-02-30",
                     "第 7 行", "星期六或星期日", "第 8 行"):
        assert expected in body, expected
    assert not HolidayYear.objects.exists() and not HolidayDay.objects.exists()


def test_holiday_year_entered_by_paste_then_used(world, rules):
    client = client_for(world.users["bureau"])
    response = client.post("/deadlines/holidays/add/", {"year": 2027, "source": "国办发明电〔2026〕1号",
                                                       "published": "2026-11-20", "lines": GOOD_2027})
    assert response.status_code == 302
    year = HolidayYear.objects.get(year=2027)
    assert year.days.count() == 3 and history(year).first().user_name == "bureau"
    page = client.get(year.get_absolute_url()).content.decode()
    assert "2027-01-03" in page and "元旦" in page
    body = client.get("/deadlines/", {"rule": "decision-service", "start": "2026-12-28"},
                      HTTP_HX_REQUEST="true").content.decode()
    assert "2027-01-07" in body


def test_holiday_year_replaced_and_uploaded_as_csv(world):
    client = client_for(world.users["admin"])
    upload = SimpleUploadedFile("2027.csv", ("date,kind,festival,source\n" + GOOD_2027).encode("utf-8-sig"))
    assert client.post("/deadlines/holidays/add/", {"year": 2027, "source": "通知", "file": upload}).status_code == 302
    year = HolidayYear.objects.get(year=2027)
    edit = client.get(f"/deadlines/holidays/{year.pk}/edit/").content.decode()
    assert "2027-01-02,off,元旦" in edit
    response = client.post(f"/deadlines/holidays/{year.pk}/edit/", {
        "year": 2027, "source": "通知", "lines": "2027-01-01,off,元旦\n2027-02-06,makeup_workday,春节"})
    assert response.status_code == 302
    assert sorted(year.days.values_list("date", flat=True)) == [datetime.date(2027, 1, 1), datetime.date(2027, 2, 6)]
    duplicate = client.post("/deadlines/holidays/add/", {"year": 2027, "source": "x", "lines": GOOD_2027})
    assert duplicate.status_code == 400


def test_officer_reads_holiday_years_but_cannot_enter_them(world):
    HolidayYear.objects.create(year=2027, source="x")
    client = client_for(world.users["officer_a"])
    year = HolidayYear.objects.get()
    assert client.get("/deadlines/holidays/").status_code == 200
    assert client.get(year.get_absolute_url()).status_code == 200
    assert client.get("/deadlines/holidays/add/").status_code == 404
    assert client.post("/deadlines/holidays/add/", {"year": 2028, "source": "x", "lines": "2028-01-01,off,元旦"}
                       ).status_code == 404
    assert client.get(f"/deadlines/holidays/{year.pk}/edit/").status_code == 404
    assert not HolidayYear.objects.filter(year=2028).exists()


def test_lists_keep_a_fixed_number_of_queries(world, rules):
    client = client_for(world.users["bureau"])

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    urls = ["/deadlines/rules/", "/deadlines/holidays/", "/deadlines/?rule=fine-payment&start=2025-09-16"]
    HolidayYear.objects.create(year=2029, source="x")
    for url in urls:
        count(url)
    before = [count(url) for url in urls]
    for i in range(5):
        DeadlineRule.objects.create(code=f"local-{i}", name="本地规则", count=3, unit="working_days",
                                    start_event="x", citation="y", region=world.county)
        year = HolidayYear.objects.create(year=2030 + i, source="x")
        HolidayDay.objects.create(holiday_year=year, date=datetime.date(2030 + i, 1, 1), kind="off")
    assert [count(url) for url in urls] == before


def test_calculator_offers_the_users_own_jurisdiction(world, rules):
    DeadlineRule.objects.create(code="assistance-reply", name="协作答复（襄城县）", count=2, unit="working_days",
                                start_event="收到协作请求", citation="襄城县规定", region=world.county)
    page = client_for(world.users["officer_a"]).get("/deadlines/").content.decode()
    assert f'<option value="{world.county.pk}" selected>' in page
