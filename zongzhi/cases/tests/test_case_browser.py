"""A case in a real browser (Debian's Chromium): filed from a clue by the officer, approved by the leader, the
investigation report submitted with the discretion band shown. (The end-to-end walk to archive is the lead's.)"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from zongzhi.utilities.testing import PASSWORD, fake_id_number

from .. import services, views
from ..choices import CaseStatus, ClueSource, StageCode
from ..models import Case, Clue

pytestmark = pytest.mark.browser


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("user-roles")).to_be_attached()


@pytest.fixture
def band(cw):
    from zongzhi.discretion.models import DiscretionBand, DiscretionStandard
    from zongzhi.discretion.services import file_standard

    standard = DiscretionStandard.objects.create(matter=cw.straw, issuing_region=cw.county, issuer="襄城县农业农村局",
                                                 title="襄城县农业行政处罚裁量基准", version="2024",
                                                 effective_from=datetime.date(2024, 1, 1))
    DiscretionBand.objects.create(standard=standard, level="ordinary", conditions="焚烧面积一亩以上",
                                  penalty_types=["fine"], fine_min=800, fine_max=1500, item="第一项")
    file_standard(standard, by=cw.users["admin"], filed_on=datetime.date(2024, 1, 1))
    return standard


def test_file_from_a_clue_approve_and_report(page, cw, band, monkeypatch, tmp_path):
    monkeypatch.setattr(views, "SECTION_APPS", [])  # the other apps' sections are not this test's concern
    clue = services.register_clue(Clue(agency=cw.squad_a, source=ClueSource.PATROL, matter=cw.straw,
                                       description="巡查发现田间焚烧秸秆", address="东关村北地", subject_name="赵田",
                                       subject_identifier=fake_id_number(41)), by=cw.users["officer_a"])
    log_in(page, "officer_a")
    page.goto(clue.get_absolute_url())
    page.get_by_test_id("file-as-case").click()
    expect(page.locator("#id_act_place")).to_have_value("东关村北地")
    expect(page.locator("#id_parties-0-name")).to_have_value("赵田")
    page.fill("#id_act_on", (datetime.date.today() - datetime.timedelta(days=1)).isoformat())
    page.get_by_label(re.compile("林晓东")).check()
    page.get_by_test_id("file-submit").click()
    expect(page.get_by_test_id("field-error")).to_contain_text("第四十二条")  # one officer is not enough
    page.get_by_label(re.compile("林晓东")).check()
    page.get_by_label(re.compile("周明远")).check()
    page.get_by_test_id("file-submit").click()
    expect(page.get_by_test_id("status")).to_contain_text("待立案审批")
    case = Case.objects.get()
    assert case.clue == clue and case.parties.get().name == "赵田"
    expect(page.get_by_test_id("steps")).to_contain_text("您目前没有可办理的步骤")

    log_in(page, "leader_a")
    page.goto(case.get_absolute_url())
    page.get_by_test_id("step-approve_filing").click()
    form = page.get_by_test_id("step-form-approve_filing")
    expect(form).to_be_visible()  # loaded by HTMX into the page
    form.locator("#id_approve_filing-reason").fill("同意立案调查")
    form.get_by_test_id("step-submit").click()
    expect(page.get_by_test_id("stage")).to_contain_text("调查取证")
    expect(page.get_by_test_id("deadlines")).to_contain_text("《行政处罚法》第六十条")

    log_in(page, "officer_a")
    page.goto(case.get_absolute_url())
    page.get_by_test_id("step-report").click()
    form = page.get_by_test_id("step-form-report")
    form.locator("#id_report-facts").fill("当事人在东关村北地露天焚烧秸秆约两亩。")
    form.locator("#id_report-proposed_outcome").select_option("penalty")
    form.get_by_label("罚款", exact=True).check()
    form.locator("#id_report-level").select_option("ordinary")
    expect(page.get_by_test_id("band")).to_contain_text("800")  # the benchmark band of the level
    expect(page.get_by_test_id("band")).to_contain_text("1500")
    form.locator("#id_report-fine_amount").fill("1000")
    form.get_by_test_id("step-submit").click()
    expect(page.get_by_test_id("stage")).to_contain_text("法制审核")
    expect(page.get_by_test_id("timeline")).to_contain_text("调查终结报告")
    page.screenshot(path=str(tmp_path / "case.png"), full_page=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.stage == StageCode.LEGAL_REVIEW and case.fine_amount == 1000
    assert case.discretion_level == "ordinary" and not page.errors
