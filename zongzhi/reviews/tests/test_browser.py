"""The legal review from the queue to the opinion, in a real browser (Debian's Chromium) against the live server."""

import pytest
from playwright.sync_api import expect

from zongzhi.cases.choices import StageCode
from zongzhi.utilities.testing import PASSWORD

from .helpers import at_review

pytestmark = pytest.mark.browser


def test_reviewer_finds_the_case_in_the_queue_and_sends_it_back(page, cw, tmp_path):
    case = at_review(cw)
    page.goto("/login/")
    page.fill("#id_username", "reviewer_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto("/reviews/legal-reviews/")
    page.get_by_role("link", name=case.number).click()
    form = page.get_by_test_id("opinion-form")
    form.locator("#id_officer").select_option(str(cw.officer_a2.pk))
    form.locator("input[name=check_facts][value=problem]").check()
    form.locator("#id_opinion").select_option("agree")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("form-error").first).to_contain_text("存在的问题")
    form = page.get_by_test_id("opinion-form")
    form.locator("input[name=note_facts]").fill("缺少现场照片")
    form.locator("#id_opinion").select_option("disagree")
    form.locator("#id_reasons").fill("违法事实证据不足，请补充调查。")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("checklist")).to_contain_text("缺少现场照片")
    page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
    case.refresh_from_db()
    assert case.stage == StageCode.INVESTIGATION
    assert not page.errors
