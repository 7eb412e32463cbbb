"""The clue flow in a real browser (Debian's Chromium) against the live server."""

import re

import pytest
from playwright.sync_api import expect

from zongzhi.utilities.testing import PASSWORD

from ..models import Clue

pytestmark = pytest.mark.browser




def test_register_anonymously_then_triage(page, world, tmp_path):
    page.goto("/login/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto("/cases/clues/add/")
    phone = page.locator("#id_reporter_phone")
    expect(phone).to_be_visible()
    page.check("#id_anonymous")
    expect(phone).to_be_hidden()
    page.select_option("#id_source", "public_report")
    page.select_option("#id_agency", label="城关街道综合行政执法队")
    page.select_option("#id_category", label="城市管理")
    page.fill("#id_description", "商户占道经营")
    page.fill("#id_address", "人民路12号")
    page.click("form.card button[type=submit]")
    expect(page.get_by_test_id("reporter")).to_have_text("匿名举报")
    page.screenshot(path=str(tmp_path / "clue.png"), full_page=True)
    triage = page.get_by_test_id("triage-form")
    triage.locator("#id_outcome").select_option("transferred")
    triage.locator("#id_reason").fill("属农业部门管辖")
    triage.locator("button[type=submit]").click()
    expect(page.get_by_test_id("field-error")).to_contain_text("移送需要指定接收单位")
    page.get_by_test_id("triage-form").locator("#id_transferred_to").select_option(label="襄城县农业农村局")
    page.get_by_test_id("triage-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("status")).to_contain_text("移送有管辖权的单位")
    expect(page.get_by_test_id("timeline")).to_contain_text("属农业部门管辖")
    clue = Clue.objects.get()
    assert clue.anonymous and clue.transferred_to == world.dept
    page.goto("/cases/clues/")
    expect(page.get_by_test_id("object-table")).to_contain_text(re.compile(r"城关街综执线〔\d{4}〕1号"))
    page.screenshot(path=str(tmp_path / "ledger.png"), full_page=True)
