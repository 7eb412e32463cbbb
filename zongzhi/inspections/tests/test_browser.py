"""A random draw and a finding that opens a clue, through the pages, in Debian's Chromium."""

import datetime

import pytest
from playwright.sync_api import expect

from zongzhi.cases.models import Clue
from zongzhi.utilities.testing import PASSWORD

from ..models import Draw, Inspection

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_random_draw_then_a_finding_opens_a_clue(page, setup, tmp_path):
    page.goto("/login/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"/inspections/draws/add/?plan={setup.plan_a.pk}")
    page.fill("#id_name", "城关第二季度双随机抽查")
    page.select_option("#id_region", label="城关街道")
    page.fill("#id_count", "2")
    page.fill("#id_scheduled_for", (datetime.date.today() + datetime.timedelta(days=2)).isoformat())
    page.click("form.card button[type=submit]")
    page.get_by_test_id("run").locator("button").click()
    expect(page.get_by_test_id("status")).to_contain_text("已抽取")
    seed = page.get_by_test_id("seed").inner_text()
    draw = Draw.objects.get()
    assert str(draw.seed) == seed and draw.inspections.count() == 2
    page.get_by_test_id("verify").locator("button").click()
    expect(page.locator(".alert-success")).to_contain_text("结果一致")
    page.screenshot(path=str(tmp_path / "draw.png"), full_page=True)
    page.get_by_test_id("draw-result").locator("a", has_text="城关某某农资店").click()
    finding = page.get_by_test_id("finding-form")
    finding.locator("#id_description").fill("店内销售过期农药两瓶")
    finding.locator("button[type=submit]").click()
    expect(page.get_by_test_id("findings")).to_contain_text("店内销售过期农药两瓶")
    page.get_by_test_id("open-clue").locator("button").click()
    clue = Clue.objects.get()
    expect(page).to_have_url(f"{page.url.split('/cases/')[0]}{clue.get_absolute_url()}")
    assert clue.subject_name == "城关某某农资店" and "过期农药" in clue.description
    inspection = Inspection.objects.get(subject=setup.subject_a)
    assert inspection.findings.get().clue == clue
    page.goto(inspection.get_absolute_url())
    expect(page.get_by_test_id("clue-link")).to_have_text(clue.number)
    page.screenshot(path=str(tmp_path / "inspection.png"), full_page=True)
    assert not page.errors
