"""Key flows in a real browser (Debian's Chromium, never a downloaded one) against the live server."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from zongzhi.deadlines.models import DeadlineRule
from zongzhi.deadlines.services import compute
from zongzhi.users.models import ApiToken
from zongzhi.utilities.testing import PASSWORD

pytestmark = pytest.mark.browser







def log_in(page, username, password=PASSWORD):
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def test_login_in_chinese_with_wrong_password_and_lockout(page, world, settings):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.locator("h2.card-title")).to_have_text("登录")
    log_in(page, "officer_a", "wrong")
    expect(page.get_by_test_id("login-error")).to_contain_text("密码")
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        log_in(page, "officer_a", "wrong")
    log_in(page, "officer_a")  # even the right password is refused while locked
    expect(page.get_by_test_id("login-error")).to_contain_text("登录失败次数过多，账户已锁定至")
    expect(page).to_have_url(re.compile(r"/login/"))


@pytest.mark.parametrize("username, shown", [
    ("officer_a", "乡镇(街道)执法队员 · 城关街道综合行政执法队"), ("leader_a", "乡镇(街道)领导 · 城关街道办事处"),
    ("reviewer_a", "法制审核员 · 城关街道综合行政执法队"), ("justice_office_a", "司法所 · 城关司法所"),
    ("bureau", "县司法局 · 襄城县司法局"), ("dept", "县直部门联络员 · 襄城县农业农村局"),
    ("supervisor", "特邀行政执法监督员 · 襄城县人民政府"), ("admin", "系统管理员"),
])
def test_home_page_per_role(page, world, username, shown):
    log_in(page, username)
    expect(page.locator("h2.page-title")).to_have_text("我的工作台")
    expect(page.locator(".page-body")).to_contain_text(shown)
    expect(page.get_by_test_id("tasks")).to_be_visible()


def test_agency_list_filter_search_export_detail_and_history(page, world, tmp_path):
    log_in(page, "bureau")
    page.goto("/agencies/")
    table = page.get_by_test_id("object-table")
    expect(table).to_contain_text("颍桥回族镇人民政府")
    page.select_option("select[name=kind]", "enforcement_squad")
    page.fill("input[name=q]", "城关")
    page.locator(".filter-form button[type=submit]").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("城关街道综合行政执法队")
    with page.expect_download() as download:
        page.get_by_test_id("export").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    path = tmp_path / "export.xlsx"
    download.value.save_as(path)
    assert path.read_bytes()[:2] == b"PK"  # a zip: the xlsx container
    table.get_by_role("link", name="城关街道综合行政执法队").click()
    expect(page.locator("h2.page-title")).to_have_text("城关街道综合行政执法队")
    page.get_by_test_id("history-tab").click()
    expect(page.get_by_test_id("history-table")).to_be_visible()
    page.screenshot(path="/tmp/demo/agency-history.png", full_page=True)


def test_region_tree_expands_a_node(page, world):
    log_in(page, "bureau")
    page.goto("/regions/tree/")
    tree = page.get_by_test_id("region-tree")
    expect(tree).to_contain_text("河南省")
    expect(tree).not_to_contain_text("许昌市")
    tree.get_by_role("button", name="展开").first.click()
    expect(tree).to_contain_text("许昌市")


def test_api_token_created_then_revoked(page, world):
    log_in(page, "officer_a")
    page.goto("/account/tokens/")
    page.fill("input[name=name]", "12345 热线")
    page.get_by_role("button", name="创建令牌").click()
    key = page.get_by_test_id("new-key").inner_text()
    token = ApiToken.find(key)
    assert token is not None and token.is_valid
    page.get_by_role("button", name="撤销").click()
    expect(page.locator(".alert-success")).to_contain_text("令牌已撤销：12345 热线")
    token.refresh_from_db()
    assert not token.is_valid


def test_phone_sized_menu_toggles(browser, live_server, world):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    log_in(page, "bureau")
    menu_link = page.locator("#sidebar-menu").get_by_role("link", name="执法主体与单位", exact=True)
    expect(menu_link).to_be_hidden()
    page.locator(".navbar-toggler").click()
    expect(menu_link).to_be_visible()
    page.screenshot(path="/tmp/demo/phone-menu.png", full_page=True)
    menu_link.click()
    expect(page).to_have_url(re.compile(r"/agencies/$"))
    context.close()


def test_township_officer_gets_404_on_another_townships_agency(page, world):
    log_in(page, "officer_a")
    response = page.goto(world.squad_a.get_absolute_url())
    assert response.status == 200
    response = page.goto(world.squad_b.get_absolute_url())
    assert response.status == 404
    assert "颍桥" not in page.content()


def test_officer_list_in_scope(page, world):
    log_in(page, "officer_a")
    page.goto("/force/officers/")
    table = page.get_by_test_id("object-table")
    expect(table).to_contain_text(world.officer_a.name)
    expect(table).not_to_contain_text(world.officer_b.name)
    table.get_by_role("link", name=world.officer_a.name).click()
    expect(page.locator("h2.page-title")).to_have_text(world.officer_a.name)


def test_deadline_calculator_counts_working_days_over_a_holiday(page, world):
    call_command("seed_deadline_rules", stdout=io.StringIO())
    rule = DeadlineRule.objects.get(code="hearing-request", region=None)
    expected = compute(rule, datetime.date(2026, 9, 30)).due
    log_in(page, "officer_a")
    page.goto("/deadlines/")
    form = page.get_by_test_id("calculator-form")
    form.locator("select[name=rule]").select_option("hearing-request")
    form.locator("input[name=start]").fill("2026-09-30")
    form.locator("button[type=submit]").click()
    result = page.get_by_test_id("calculator-result")
    expect(result.get_by_test_id("due")).to_contain_text(f"{expected:%Y-%m-%d}")
    expect(result.get_by_test_id("citation")).to_contain_text("《行政处罚法》第六十四条")
    expect(result.get_by_test_id("skipped")).to_contain_text("国庆")
    page.screenshot(path="/tmp/demo/calculator.png", full_page=True)
