"""The map and the polygon editor in a real browser (Debian's Chromium) against the live server."""

import re

import pytest
from playwright.sync_api import expect

from zongzhi.subjects.models import Area
from zongzhi.utilities.testing import PASSWORD

pytestmark = pytest.mark.browser







def log_in(page, username):
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_the_map_shows_the_subjects_of_ones_township_without_base_tiles(page, places):
    log_in(page, "officer_a")
    page.goto("/subjects/map/")
    expect(page.locator("#map-status")).to_have_text("已显示监管对象 2 个。")
    expect(page.locator(".leaflet-container.no-tiles")).to_be_visible()
    expect(page.locator(".leaflet-tile")).to_have_count(0)
    page.locator("input[name=risk_class][value=a]").uncheck()
    page.locator("#map-filters button[type=submit]").click()
    expect(page.locator("#map-status")).to_have_text("已显示监管对象 1 个。")
    page.goto(places.subject_a.get_absolute_url())
    expect(page.locator("#subject-map.leaflet-container")).to_be_visible()
    assert page.errors == []


def test_an_area_is_drawn_by_clicking_and_closing_the_polygon(page, places):
    log_in(page, "leader_a")
    page.goto("/subjects/areas/add/")
    page.fill("#id_name", "新绘区域")
    page.select_option("#id_region", str(places.town_a.pk))
    page.wait_for_load_state("networkidle")
    page.locator(".polygon-editor-map").scroll_into_view_if_needed()
    box = page.locator(".polygon-editor-map").bounding_box()
    for dx, dy in [(0.3, 0.3), (0.7, 0.3), (0.7, 0.7), (0.3, 0.7)]:
        page.mouse.click(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
    page.get_by_role("button", name="闭合多边形").click()
    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/subjects/areas/\d+/$"))
    area = Area.objects.get(name="新绘区域")
    ring = area.boundary["coordinates"][0]
    assert len(ring) == 5 and ring[0] == ring[-1]
    assert area.contains(*(lambda s: (s.latitude, s.longitude))(places.subject_a)), "drawn around township A's areas"
    assert page.errors == []


def test_the_map_layers_of_recent_inspections_and_open_cases(page, mapped):
    log_in(page, "officer_a")
    page.goto("/subjects/map/")
    expect(page.locator("#map-status")).to_have_text("已显示监管对象 2 个。")
    control = page.locator(".leaflet-control-layers-overlays")
    expect(control.locator("[data-layer=inspections]")).to_have_text("近期检查")
    expect(control.locator("[data-layer=cases]")).to_have_text("在办案件")
    expect(page.get_by_test_id("inspection-note")).to_have_text("已显示近 90 天的检查 2 次。")
    expect(page.get_by_test_id("case-note")).to_have_text("已显示在办案件 2 件。")
    expect(page.get_by_test_id("unlocated-note")).to_contain_text("1 件在办案件没有位置")
    # Open cases are diamonds (DOM markers); the inspections rings on the canvas, counted in their layer.
    cases = page.locator(".leaflet-marker-icon.case-marker")
    expect(cases).to_have_count(2)
    count = "name => window.zongzhiMaps.overview.groups[name].getLayers()[0].getLayers().length"
    assert page.evaluate(count, "inspections") == 2
    cases.first.click(force=True)
    expect(page.locator(".leaflet-popup-content")).to_contain_text("案由")
    # Each layer is a toggle of the layer control.
    control.locator("label", has=page.locator("[data-layer=cases]")).locator("input").uncheck()
    expect(cases).to_have_count(0)
    control.locator("label", has=page.locator("[data-layer=cases]")).locator("input").check()
    expect(cases).to_have_count(2)
    assert page.evaluate("() => window.zongzhiMaps.overview.map.hasLayer(window.zongzhiMaps.overview.groups.inspections)")
    control.locator("label", has=page.locator("[data-layer=inspections]")).locator("input").uncheck()
    assert not page.evaluate(
        "() => window.zongzhiMaps.overview.map.hasLayer(window.zongzhiMaps.overview.groups.inspections)")
    # The period is a filter: a year brings back the older inspection.
    page.select_option("#f-days", "365")
    page.locator("#map-filters button[type=submit]").click()
    expect(page.get_by_test_id("inspection-note")).to_have_text("已显示近 365 天的检查 3 次。")
    assert page.errors == []
