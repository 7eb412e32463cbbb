"""The public report page: a citizen's report becomes a clue of the township; errors are shown, never a 500."""

import pytest
from django.core.cache import cache
from django.test import Client

from zongzhi.cases.choices import ClueSource
from zongzhi.cases.models import Clue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def post(client, world, **fields):
    data = {"township": world.town_b.pk, "category": world.domains["urban"].pk, "description": "夜市摊贩占道经营",
            "address": "颍桥回族镇主街", "reporter_name": "赵先生", "reporter_phone": "13700000000"}
    data.update(fields)
    return client.post("/report/", data)


def test_a_report_becomes_a_clue_of_the_township(world):
    client = Client()
    assert client.get("/report/").status_code == 200
    response = post(client, world)
    assert response.status_code == 201
    clue = Clue.objects.get()
    assert clue.source == ClueSource.PUBLIC_REPORT and clue.region == world.town_b and clue.agency == world.gov_b
    assert clue.number in response.content.decode()
    status = client.get("/report/status/", {"number": clue.number})
    text = status.content.decode()
    assert status.status_code == 200 and clue.number in text and "13700000000" not in text and "赵先生" not in text


def test_an_anonymous_report_keeps_no_reporter(world):
    response = post(Client(), world, anonymous="on", reporter_name="赵先生", reporter_phone="")
    assert response.status_code == 201
    clue = Clue.objects.get()
    assert clue.anonymous and clue.reporter_name == "" and clue.reporter_phone == ""


def test_bad_input_is_shown_in_chinese_and_saves_nothing(world):
    response = post(Client(), world, reporter_phone="", description="")
    assert response.status_code == 400
    text = response.content.decode()
    assert "匿名举报" in text and "该字段是必填项" in text
    assert not Clue.objects.exists()


def test_reports_are_throttled(world, settings):
    from zongzhi.cases import public

    client = Client()
    for _ in range(public.REPORTS_PER_HOUR):
        assert post(client, world).status_code == 201
    response = post(client, world)
    assert response.status_code == 400 and Clue.objects.count() == public.REPORTS_PER_HOUR


def test_an_unknown_number_is_a_404(world):
    assert Client().get("/report/status/", {"number": "不存在"}).status_code == 404
