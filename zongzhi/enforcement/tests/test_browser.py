"""Payment in a real browser (Debian's Chromium) against the live server."""

import pytest
from playwright.sync_api import expect

from zongzhi.cases.choices import StageCode
from zongzhi.utilities.testing import PASSWORD

from .helpers import served_case

pytestmark = pytest.mark.browser


def test_pay_a_fine_refused_on_the_spot_then_at_the_bank(page, cw, tmp_path):
    case = served_case(cw, fine=1000, served_days_ago=20)
    page.goto("/login/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto("/enforcement/payments/awaiting/")
    expect(page.get_by_test_id("awaiting-table")).to_contain_text(case.number)
    page.screenshot(path=str(tmp_path / "awaiting.png"), full_page=True)
    page.goto(f"/enforcement/cases/{case.pk}/payment/")
    form = page.get_by_test_id("enforcement-form")
    form.locator("#id_channel").select_option("on_the_spot")
    form.locator("#id_receipt_number").fill("豫财罚0001")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("field-error").first).to_contain_text("第六十八条")
    form = page.get_by_test_id("enforcement-form")
    form.locator("#id_channel").select_option("bank")
    owed = form.locator("#id_amount").input_value()
    assert float(owed) > 1000  # the surcharge is included
    form.locator("#id_bank_receipt_number").fill("YH20260001")
    form.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("已保存")
    page.screenshot(path=str(tmp_path / "payment.png"), full_page=True)
    case.refresh_from_db()
    assert case.stage == StageCode.CLOSURE


def test_serve_the_decision_from_the_case_page(page, cw, tmp_path):
    from zongzhi.cases.testing import decided_case

    from .helpers import backdate

    case = decided_case(cw)
    backdate(case, 2)
    page.goto("/login/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(case.get_absolute_url())
    form = page.get_by_test_id("enforcement-section").get_by_test_id("enforcement-form").first
    form.locator("[name=method]").select_option("electronic")
    form.locator("[name=electronic_address]").fill("wang@example.cn")
    form.locator("[name=receipt_number]").fill("DZ-0001")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("field-error").first).to_contain_text("第六十一条第二款")
    page.screenshot(path=str(tmp_path / "refused.png"), full_page=True)
    form = page.get_by_test_id("enforcement-form")
    form.locator("[name=consent_reference]").fill("送达地址确认书（当事人签字）")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("enforcement-section")).to_contain_text("电子送达")
    page.screenshot(path=str(tmp_path / "served.png"), full_page=True)
    case.refresh_from_db()
    assert case.stage == StageCode.EXECUTION
