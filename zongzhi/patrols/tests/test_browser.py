"""A subject answers a non-site task through its public link, and the officer reviews it, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from zongzhi.cases.choices import ClueSource
from zongzhi.utilities.testing import PASSWORD

from ..choices import NonSiteStatus
from ..models import NonSiteTask
from .conftest import png_bytes

pytestmark = pytest.mark.browser


def log_in(page, username):
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_subject_answers_through_the_link_and_the_officer_opens_a_clue(page, pw):
    page.goto(f"/patrols/nonsite/{pw.token_a}/")
    expect(page.get_by_test_id("public-subject")).to_have_text(pw.subject_a.name)
    expect(page.locator("body")).not_to_contain_text(pw.subject_b.name)
    page.set_input_files("#id_photos", files=[
        {"name": "后厨.png", "mimeType": "image/png", "buffer": png_bytes()},
        {"name": "仓库.png", "mimeType": "image/png", "buffer": png_bytes()},
    ])
    page.set_input_files("#id_files", files=[{"name": "执照.pdf", "mimeType": "application/pdf",
                                               "buffer": b"%PDF-1.4\n%%EOF\n"}])
    page.fill("#id_note", "后厨已整改，请审核")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_test_id("submitted")).to_be_visible()
    page.goto(f"/patrols/nonsite/{pw.token_a}/")
    expect(page.get_by_test_id("refused")).to_contain_text("不能再次使用")

    log_in(page, "officer_a")
    page.goto("/patrols/tasks/")
    page.get_by_role("link", name=pw.subject_a.name).click()
    expect(page.get_by_test_id("status")).to_contain_text("已提交，等待审核")
    expect(page.get_by_test_id("attachments").locator("img")).to_have_count(2)
    expect(page.get_by_test_id("subject-note")).to_have_text("后厨已整改，请审核")
    form = page.get_by_test_id("review-form")
    form.locator("input[value=finding]").check()
    form.locator("#id_note").fill("后厨未设防蝇设施")
    form.locator("#id_category").select_option(str(pw.domains["urban"].pk))
    form.get_by_role("button", name="保存审核结果").click()
    expect(page.get_by_test_id("status")).to_contain_text("发现问题，已登记线索")
    page.get_by_test_id("clue-link").click()
    expect(page).to_have_url(re.compile(r"/cases/clues/\d+/$"))
    task = NonSiteTask.objects.get(pk=pw.task_a.pk)
    assert task.status == NonSiteStatus.CLUE_OPENED and task.clue.source == ClueSource.NON_SITE
    assert task.attachments.count() == 3
    assert page.errors == []


def test_the_campaign_page_draws_this_year_beside_last_year(page, pw):
    import datetime

    from django.utils import timezone

    from .conftest import make_campaign, make_patrol

    today = timezone.localdate()
    campaign = make_campaign(pw, start=today - datetime.timedelta(days=10), end=today + datetime.timedelta(days=10))
    make_patrol(pw, pw.squad_a, pw.area_a, pw.users["admin"], campaign=campaign)
    log_in(page, "bureau")
    page.goto(campaign.get_absolute_url())
    expect(page.get_by_test_id("campaign-chart")).to_have_attribute("data-ready", "1")
    expect(page.get_by_test_id("campaign-chart").locator("svg")).to_have_count(1)
    expect(page.get_by_test_id("comparison")).to_contain_text("上年同期")
    assert page.errors == []
