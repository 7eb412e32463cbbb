"""The map's (一图) inspection and case layers: points, colours, scope, filters, caps and a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zongzhi.cases.models import Case
from zongzhi.cases.testing import filed_case, person
from zongzhi.utilities.testing import api_client_for

from .conftest import CENTRE_A, inspection

pytestmark = pytest.mark.django_db


def layer(data, name):
    return {f["id"]: f for f in data[name]["features"]}


def test_township_a_sees_its_recent_inspections_and_open_cases_and_none_of_township_b(mapped):
    w = mapped
    data = api_client_for(w.users["officer_a"]).get("/api/v1/map/").json()
    inspections = layer(data, "inspections")
    assert list(inspections) == [f"inspection-{w.today_a2.pk}", f"inspection-{w.recent_a.pk}"], \
        "newest first; not the old, the cancelled nor township B's"
    recent = inspections[f"inspection-{w.recent_a.pk}"]
    assert recent["geometry"]["coordinates"] == [w.subject_a.longitude, w.subject_a.latitude]
    props = recent["properties"]
    assert props["color"] == "#d63939" and props["findings"] == 2 and props["agency"] == w.squad_a.name
    assert props["inspectors"] == "、".join(sorted([w.officer_a.name, w.officer_a2.name]))
    assert props["url"] == w.recent_a.get_absolute_url() and props["date"] == w.recent_a.date.isoformat()
    assert inspections[f"inspection-{w.today_a2.pk}"]["properties"]["color"] == "#4299e1", "not finished yet"

    cases = layer(data, "cases")
    assert set(cases) == {f"case-{w.clue_case.pk}", f"case-{w.party_case.pk}"}
    at_clue = cases[f"case-{w.clue_case.pk}"]
    assert at_clue["geometry"]["coordinates"] == pytest.approx([CENTRE_A[1] - 0.002, CENTRE_A[0] + 0.002])
    assert at_clue["properties"]["number"] == w.clue_case.number and at_clue["properties"]["cause"] == "涉嫌露天焚烧秸秆案"
    assert at_clue["properties"]["url"] == w.clue_case.get_absolute_url() and at_clue["properties"]["stage"]
    assert cases[f"case-{w.party_case.pk}"]["geometry"]["coordinates"] == [w.subject_a2.longitude,
                                                                             w.subject_a2.latitude]
    unlocated = data["cases"]["without_location"]
    assert unlocated["count"] == 1 and [c["number"] for c in unlocated["cases"]] == [w.nowhere_case.number]

    county = api_client_for(w.users["bureau"]).get("/api/v1/map/").json()
    assert f"inspection-{w.recent_b.pk}" in layer(county, "inspections")
    assert f"case-{w.case_b.pk}" in layer(county, "cases")


def test_the_layers_follow_the_filters_and_the_box(mapped):
    w = mapped
    api = api_client_for(w.users["bureau"])
    town_b = api.get("/api/v1/map/", {"region": w.town_b.pk}).json()
    assert list(layer(town_b, "inspections")) == [f"inspection-{w.recent_b.pk}"]
    assert list(layer(town_b, "cases")) == [f"case-{w.case_b.pk}"]
    assert town_b["cases"]["without_location"]["count"] == 0
    year = api.get("/api/v1/map/", {"region": w.town_a.pk, "days": 365}).json()
    assert f"inspection-{w.old_a.pk}" in layer(year, "inspections") and year["inspections"]["days"] == 365
    catering = api.get("/api/v1/map/", {"category": "catering"}).json()
    assert list(layer(catering, "inspections")) == [f"inspection-{w.today_a2.pk}"]
    box = f"{CENTRE_A[1] - 0.004},{CENTRE_A[0] - 0.004},{CENTRE_A[1] + 0.004},{CENTRE_A[0] + 0.004}"
    boxed = api.get("/api/v1/map/", {"bbox": box}).json()
    assert list(layer(boxed, "inspections")) == [f"inspection-{w.recent_a.pk}"]
    assert list(layer(boxed, "cases")) == [f"case-{w.clue_case.pk}"]
    assert api.get("/api/v1/map/", {"days": 0}).status_code == 400


def test_closed_cases_leave_the_map_and_overdue_ones_are_marked(mapped):
    w = mapped
    Case.objects.filter(pk=w.party_case.pk).update(status="closed")
    Case.objects.filter(pk=w.clue_case.pk).update(next_due_on=timezone.localdate() - datetime.timedelta(days=1),
                                                  next_due_label="调查终结")
    data = api_client_for(w.users["officer_a"]).get("/api/v1/map/").json()
    cases = layer(data, "cases")
    assert list(cases) == [f"case-{w.clue_case.pk}"]
    props = cases[f"case-{w.clue_case.pk}"]["properties"]
    assert props["overdue"] and props["color"] == "#d63939" and props["next_due_label"] == "调查终结"


def test_each_layer_is_capped_newest_first(mapped, monkeypatch):
    from zongzhi.subjects import maplayers

    monkeypatch.setattr(maplayers, "LIMIT", 1)
    data = api_client_for(mapped.users["officer_a"]).get("/api/v1/map/").json()
    assert data["inspections"]["truncated"] and data["inspections"]["limit"] == 1
    assert list(layer(data, "inspections")) == [f"inspection-{mapped.today_a2.pk}"]
    assert data["cases"]["truncated"] and len(data["cases"]["features"]) == 1


def test_the_map_data_takes_a_fixed_number_of_queries(mapped, django_assert_max_num_queries):
    w = mapped
    api = api_client_for(w.users["officer_a"])
    api.get("/api/v1/map/")  # session and grants warmed up
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/map/")
    for n in range(12):
        inspection(w, w.subject_a2 if n % 2 else w.subject_a, days_ago=n)
        filed_case(w, parties=[person(f"张{n}", 40 + n, subject=w.subject_a)], cause=f"案件{n}")
        filed_case(w, parties=[person(f"赵{n}", 60 + n)], cause=f"无位置案件{n}")
    with django_assert_max_num_queries(len(few)):
        data = api.get("/api/v1/map/").json()
    assert len(data["inspections"]["features"]) == 14 and len(data["cases"]["features"]) == 14
    assert data["cases"]["without_location"]["count"] == 13
