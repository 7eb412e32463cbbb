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
