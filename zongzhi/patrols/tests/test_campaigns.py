import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zongzhi.cases.choices import ClueSource
from zongzhi.cases.models import Clue
from zongzhi.cases.services import register_clue, triage
from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for

from .. import services
from ..models import Campaign, Patrol
from .conftest import make_campaign, make_finding, make_patrol

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def clue(w, day, *, agency=None, matter=None, outcome=None):
    c = register_clue(Clue(source=ClueSource.PATROL, agency=agency or w.squad_a, matter=matter or w.straw,
                           received_at=at(day), description="焚烧秸秆"), by=w.users["admin"])
    if outcome:
        triage(c, outcome=outcome, reason="依法处置", by=w.users["admin"])
    return c


@pytest.fixture
def seasons(pw):
    """The straw-burning campaign of autumn 2025 and of autumn 2024, with patrols and clues in both townships."""
    w = pw
    w.this = make_campaign(w, start=D(2025, 10, 1), end=D(2025, 11, 30))
    w.last = make_campaign(w, start=D(2024, 10, 1), end=D(2024, 11, 30))
    for day, squad, area in [(D(2025, 10, 3), w.squad_a, w.area_a), (D(2025, 10, 9), w.squad_a, w.area_a),
                             (D(2025, 11, 2), w.squad_b, w.area_b)]:
        p = make_patrol(w, squad, area, w.users["admin"], start=at(day), campaign=w.this)
        make_finding(p, w.users["admin"], matter=w.straw)
    for i in range(5):  # last autumn: 3 in A, 2 in B
        squad, area = (w.squad_a, w.area_a) if i < 3 else (w.squad_b, w.area_b)
        make_patrol(w, squad, area, w.users["admin"], start=at(D(2024, 10, 5 + i)), campaign=w.last)
    # A patrol outside any campaign does not count.
    make_patrol(w, w.squad_a, w.area_a, w.users["admin"], start=at(D(2025, 10, 4)))
    # This autumn: 4 straw clues (A: 2 education, 1 filed; B: 1 untriaged); last autumn: 2 (A, education).
    clue(w, D(2025, 10, 5), outcome="education")
    clue(w, D(2025, 11, 30), outcome="education")
    clue(w, D(2025, 10, 20), outcome="filed")
    clue(w, D(2025, 10, 21), agency=w.squad_b)
    clue(w, D(2024, 10, 6), outcome="education")
    clue(w, D(2024, 11, 1), outcome="education")
    # Outside the period or of another matter: not counted.
    clue(w, D(2025, 12, 1), outcome="education")
    clue(w, D(2024, 9, 30), outcome="education")
    from zongzhi.catalog.models import Matter

    other = Matter.objects.create(code="NY-009", name="销售假种子", domain=w.domains["agriculture"])
    clue(w, D(2025, 10, 6), matter=other, outcome="education")
    return w


def rows(comparison):
    return {key: (now, before, change) for key, now, before, change in comparison["rows"]}


def test_yoy_compares_the_same_period_a_year_earlier(seasons):
    w = seasons
    comparison = services.campaign_comparison(w.this, w.users["bureau"])
    assert comparison["last_period"] == (D(2024, 10, 1), D(2024, 11, 30))
    r = rows(comparison)
    assert r["patrols"] == (3, 5, -40.0)
    assert r["findings"] == (3, 0, None)  # nothing to compare with: no percentage
    assert r["clues"] == (4, 2, 100.0)
    assert r["clues_education"] == (2, 2, 0.0)
    assert r["clues_filed"] == (1, 0, None)
    assert r["clues_pending"] == (1, 0, None)


def test_yoy_figures_are_cut_to_the_users_township(seasons):
    r = rows(services.campaign_comparison(seasons.this, seasons.users["officer_a"]))
    assert r["patrols"] == (2, 3, -33.3)
    assert r["clues"] == (3, 2, 50.0)
    r = rows(services.campaign_comparison(seasons.this, seasons.users["officer_b"]))
    assert r["patrols"] == (1, 2, -50.0) and r["clues"] == (1, 0, None)


def test_shift_year_and_change():
    assert services.shift_year(D(2024, 2, 29)) == D(2023, 2, 28)
    assert services.shift_year(D(2025, 11, 30)) == D(2024, 11, 30)
    assert services._change(70, 100) == -30.0 and services._change(3, 0) is None and services._change(0, 4) == -100.0


def test_cases_by_outcome_when_the_case_model_exists(seasons):
    from zongzhi.cases.models import Case

    w = seasons
    for serial, (filed, outcome) in enumerate([(D(2025, 10, 10), "penalty"), (D(2025, 10, 12), "education_pledge"),
                                                (D(2025, 10, 15), "education_pledge"), (D(2024, 10, 10), "penalty"),
                                                (D(2024, 10, 11), "penalty"), (D(2025, 12, 5), "penalty")], start=1):
        Case.objects.create(number=f"测{serial}", year=filed.year, serial=serial, agency=w.squad_a,
                            deciding_body=w.gov_a, region=w.town_a, matter=w.straw, cause="涉嫌露天焚烧秸秆案",
                            act_place="村东地块", act_on=filed, discovered_on=filed, filed_on=filed, outcome=outcome)
    r = rows(services.campaign_comparison(w.this, w.users["bureau"]))
    assert r["cases"] == (3, 2, 50.0)
    assert r["cases_penalty"] == (1, 2, -50.0)
    assert r["cases_education_pledge"] == (2, 0, None)
    assert rows(services.campaign_comparison(w.this, w.users["officer_b"]))["cases"] == (0, 0, None)


def test_campaign_page_and_api_show_the_comparison(seasons):
    page = client_for(seasons.users["bureau"]).get(seasons.this.get_absolute_url())
    body = page.content.decode()
    assert page.status_code == 200 and "上年同期" in body and "-40.0%" in body and "+100.0%" in body
    assert "2024-10-01" in body
    api = api_client_for(seasons.users["officer_a"])
    data = api.get(f"/api/v1/campaigns/{seasons.this.pk}/figures/").json()
    by_key = {row["key"]: row for row in data["rows"]}
    assert by_key["patrols"] == {"key": "patrols", "this_year": 2, "last_year": 3, "change_percent": -33.3}


def test_campaign_rules(pw):
    campaign = Campaign(name="x", agency=pw.gov_a, region=pw.county, starts_on=D(2025, 10, 1), ends_on=D(2025, 9, 1))
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert {"ends_on", "agency"} <= set(error.value.message_dict)
    campaign = make_campaign(pw, start=D(2025, 10, 1), end=D(2025, 10, 31))
    patrol = Patrol(agency=pw.squad_a, area=pw.area_a, started_at=at(D(2025, 11, 5)), campaign=campaign)
    with pytest.raises(ValidationError) as error:
        patrol.full_clean()
    assert "campaign" in error.value.message_dict


def test_campaigns_are_scoped_and_county_campaigns_visible_below(pw):
    a = make_campaign(pw, start=D(2025, 6, 1), end=D(2025, 6, 30), region=pw.town_a, agency=pw.gov_a,
                      name="城关夏季整治")
    b = make_campaign(pw, start=D(2025, 6, 1), end=D(2025, 6, 30), region=pw.town_b, agency=pw.gov_b,
                      name="颍桥夏季整治")
    assert_scoped(pw.users["officer_a"], a, b, list_url="/patrols/campaigns/", api_url="/api/v1/campaigns/")
    county = make_campaign(pw, start=D(2025, 10, 1), end=D(2025, 11, 30))
    assert client_for(pw.users["officer_b"]).get(county.get_absolute_url()).status_code == 200
    # Read-only for the township: the county's campaign is not theirs to change.
    assert client_for(pw.users["leader_a"]).get(f"/patrols/campaigns/{county.pk}/edit/").status_code == 404


def test_campaign_list_keeps_a_fixed_number_of_queries(seasons):
    client = client_for(seasons.users["bureau"])
    api = api_client_for(seasons.users["bureau"])

    def count(fn):
        with CaptureQueriesContext(connection) as ctx:
            assert fn().status_code == 200
        return len(ctx)

    pages = [lambda: client.get("/patrols/campaigns/"), lambda: api.get("/api/v1/campaigns/")]
    for page in pages:
        page()
    before = [count(page) for page in pages]
    for year in range(2015, 2021):
        make_campaign(seasons, start=D(year, 10, 1), end=D(year, 11, 30))
    assert [count(page) for page in pages] == before
