"""One general-procedure case from a citizen's report to the archive, in a real browser (Debian's Chromium)
against the live server, as the people who do it would: the citizen reports on the public page, the township's
officer files the clue as a case, the leader approves the filing, the officer gathers evidence and reports, the
legal reviewer answers the checklist, the officer notifies the party and records the written waiver, the leader
decides, the officer issues the penalty decision (its PDF is checked, and it is verified on the public page),
publishes it (masked on the public page), records service and payment, the leader closes the case and the
officer archives it (issue #4, first "Done when")."""

import datetime
import hashlib
import pathlib
import re
import subprocess

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation
from playwright.sync_api import expect

from zongzhi.documents.choices import DocumentKind, PublicationStatus
from zongzhi.documents.models import GeneratedDocument, Publication
from zongzhi.enforcement.models import Payment, ServiceRecord
from zongzhi.evidence.demo import png_bytes
from zongzhi.evidence.models import EvidenceFile
from zongzhi.officers.choices import StaffingKind
from zongzhi.officers.models import Officer
from zongzhi.reviews.choices import ReviewStatus
from zongzhi.reviews.models import LegalReview
from zongzhi.utilities.testing import PASSWORD, fake_id_number

from ..choices import CaseEventKind, CaseOutcome, CaseStatus, ClueSource, ClueStatus, Outcome, Procedure, StageCode
from ..models import Case, Clue
from ..testing import build_case_world

pytestmark = pytest.mark.browser

PARTY = "张立新"  # invented; published as 张某某
PARTY_ID = fake_id_number(57)
FINE = 1000  # within 露天焚烧秸秆's 500–2,000 元 and below the 2,000 元 hearing threshold for a person


@pytest.fixture
def cw(world):
    w = build_case_world(world)
    call_command("seed_document_templates", verbosity=0)
    # The township's legal reviewer signs with her own officer record (legal professional qualification,
    # not one of the handling officers).
    w.reviewer_officer = Officer.objects.create(name="孙雅琴", id_number=fake_id_number(61), agency=w.squad_a,
                                                post="法制审核员", staffing=StaffingKind.ADMINISTRATIVE,
                                                legal_qualification=True)
    cache.clear()  # the public pages throttle per address
    return w


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("user-roles")).to_be_attached()


def open_step(page, code):
    """Click a step button of the case page; its form is loaded into the page by HTMX."""
    page.get_by_test_id(f"step-{code}").click()
    form = page.get_by_test_id(f"step-form-{code}")
    expect(form).to_be_visible()
    expect(page).to_have_url(re.compile(r"/cases/cases/\d+/$"))  # a fragment swapped in, not a new page
    return form


def test_a_report_becomes_a_case_decided_published_paid_and_archived(browser, live_server, page, cw, tmp_path):
    today = timezone.localdate()
    public = browser.new_context(base_url=live_server.url, locale="zh-CN")  # the citizen: never logged in
    citizen = public.new_page()
    citizen.set_default_timeout(10_000)
    citizen_errors = []
    citizen.on("pageerror", lambda error: citizen_errors.append(error))
    try:
        # --- 1. A citizen reports anonymously on the public page. ----------------------------------------------
        citizen.goto("/report/")
        form = citizen.get_by_test_id("public-report")
        form.locator("#id_township").select_option(label="城关街道")
        form.locator("#id_category").select_option(str(cw.domains["agriculture"].pk))
        form.locator("#id_description").fill("东关村北地有人露天焚烧秸秆，浓烟很大。")
        form.locator("#id_address").fill("东关村北地")
        form.locator("#id_anonymous").check()
        form.locator("button[type=submit]").click()
        received = citizen.get_by_test_id("report-received")
        expect(received).to_be_visible()
        clue = Clue.objects.get()
        assert clue.source == ClueSource.PUBLIC_REPORT and clue.anonymous and clue.region == cw.town_a
        expect(received).to_contain_text(clue.number)

        # --- 2. The township's officer finds the clue and files it as a case. ----------------------------------
        log_in(page, "officer_a")
        page.goto("/cases/clues/")
        page.get_by_test_id("object-table").get_by_role("link", name=clue.number).click()
        expect(page.get_by_test_id("reporter")).to_contain_text("匿名举报")
        page.get_by_test_id("file-as-case").click()
        expect(page.locator("#id_act_place")).to_have_value("东关村北地")
        page.locator("#id_matter").select_option(str(cw.straw.pk))
        page.fill("#id_act_on", (today - datetime.timedelta(days=2)).isoformat())
        page.locator("#id_procedure").select_option(Procedure.GENERAL)
        page.get_by_label(re.compile("林晓东")).check()
        page.get_by_label(re.compile("周明远")).check()
        page.locator("#id_parties-0-kind").select_option("person")
        page.fill("#id_parties-0-name", PARTY)
        page.fill("#id_parties-0-identifier", PARTY_ID)
        page.fill("#id_parties-0-address", "襄城县城关街道东关村")
        page.get_by_test_id("file-submit").click()
        expect(page.get_by_test_id("status")).to_contain_text("待立案审批")
        case = Case.objects.get()
        case_url = case.get_absolute_url()
        assert case.clue == clue and case.matter == cw.straw and case.procedure == Procedure.GENERAL
        clue.refresh_from_db()
        assert clue.status == ClueStatus.TRIAGED and clue.outcome == Outcome.FILED

        # --- 3. The leader approves the filing. ----------------------------------------------------------------
        log_in(page, "leader_a")
        page.goto(case_url)
        form = open_step(page, "approve_filing")
        form.locator("#id_approve_filing-decision").select_option("approve")
        form.locator("#id_approve_filing-reason").fill("同意立案调查。")
        form.get_by_test_id("step-submit").click()
        expect(page.get_by_test_id("stage")).to_contain_text("调查取证")

        # --- 4. The officer adds evidence with a photo and reports, proposing a fine. ---------------------------
        log_in(page, "officer_a")
        page.goto(case_url)
        photo = tmp_path / "现场照片.png"
        photo.write_bytes(png_bytes())
        section = page.get_by_test_id("evidence-section")
        section.get_by_test_id("add-evidence").click()
        form = section.get_by_test_id("evidence-form")
        form.locator("#id_kind").select_option("audiovisual")
        form.locator("#id_title").fill("焚烧现场照片")
        form.locator("#id_collected_by").select_option(label="林晓东")
        form.locator("#id_files").set_input_files(str(photo))
        form.locator("button[type=submit]").click()
        expect(page.get_by_test_id("evidence-table")).to_contain_text("焚烧现场照片")
        expect(page.get_by_test_id("evidence-file")).to_contain_text("现场照片.png")
        assert EvidenceFile.objects.filter(evidence__case=case).count() == 1

        page.goto(case_url)
        form = open_step(page, "report")
        form.locator("#id_report-facts").fill(f"{PARTY}于东关村北地露天焚烧秸秆约两亩，有现场照片为证。")
        form.locator("#id_report-proposed_outcome").select_option(CaseOutcome.PENALTY)
        form.get_by_label("罚款", exact=True).check()
        form.locator("#id_report-fine_amount").fill(str(FINE))
        form.get_by_test_id("step-submit").click()
        expect(page.get_by_test_id("stage")).to_contain_text("法制审核")

        # --- 5. The legal reviewer finds the case in the queue, answers the checklist and agrees. ---------------
        log_in(page, "reviewer_a")
        page.goto("/reviews/legal-reviews/")
        page.get_by_role("link", name=case.number).click()
        form = page.get_by_test_id("opinion-form")
        form.locator("#id_officer").select_option(str(cw.reviewer_officer.pk))
        checks = form.locator("input[type=radio][value=pass]")
        expect(checks).to_have_count(8)  # the eight points
        for n in range(8):
            checks.nth(n).check()
        form.locator("#id_opinion").select_option("agree")
        form.locator("#id_reasons").fill("事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。")
        form.locator("button[type=submit]").click()
        expect(page.get_by_test_id("checklist")).to_be_visible()
        review = LegalReview.objects.get(case=case)
        assert review.status == ReviewStatus.DONE and review.reviewer_officer == cw.reviewer_officer
        assert len(review.checklist) == 8

        # --- 6. The officer gives the notice; the party waives in writing; the statement stage ends. ------------
        log_in(page, "officer_a")
        page.goto(case_url)
        expect(page.get_by_test_id("stage")).to_contain_text("告知")
        form = open_step(page, "notice")
        form.locator("#id_notice-notified_on").fill(today.isoformat())
        form.get_by_test_id("step-submit").click()
        expect(page.get_by_test_id("stage")).to_contain_text("陈述")
        # The time to answer runs: ending the stage now is refused with the article.
        form = open_step(page, "end_statement")
        form.get_by_test_id("step-submit").click()
        expect(page.get_by_test_id("form-error")).to_contain_text("第四十五条")
        page.goto(case_url)
        form = open_step(page, "statement")
        form.locator("#id_statement-text").fill("当事人书面表示放弃陈述、申辩权利（放弃陈述申辩声明书附卷）。")
        form.locator("#id_statement-waived").check()
        form.get_by_test_id("step-submit").click()
        expect(page.get_by_test_id("timeline")).to_contain_text("放弃陈述")
        form = open_step(page, "end_statement")
        form.get_by_test_id("step-submit").click()
        expect(page.get_by_test_id("stage")).to_contain_text("决定")

        # --- 7. The leader decides. -----------------------------------------------------------------------------
        log_in(page, "leader_a")
        page.goto(case_url)
        form = open_step(page, "decide")
        form.locator("#id_decide-outcome").select_option(CaseOutcome.PENALTY)
        form.locator("#id_decide-decision_text").fill(f"对{PARTY}罚款人民币{FINE}元。")
        form.get_by_test_id("step-submit").click()
        expect(page.get_by_test_id("stage")).to_contain_text("送达")
        case.refresh_from_db()
        assert case.outcome == CaseOutcome.PENALTY and case.fine_amount == FINE and case.decided_on == today

        # --- 8. The officer issues the penalty decision and downloads its PDF. ----------------------------------
        log_in(page, "officer_a")
        page.goto(case_url)
        page.get_by_test_id("documents-link").click()
        form = page.get_by_test_id("issue-form")
        form.locator("#id_kind").select_option(DocumentKind.PENALTY_DECISION)
        form.locator("button[type=submit]").click()
        decision = GeneratedDocument.objects.get(case=case, kind=DocumentKind.PENALTY_DECISION)
        assert re.fullmatch(r"城关街综执罚决字〔\d{4}〕第\d+号", decision.number), decision.number
        table = page.get_by_test_id("case-documents")
        expect(table).to_contain_text(decision.number)
        table.get_by_role("link", name=decision.number).click()
        expect(page.get_by_test_id("number")).to_have_text(decision.number)
        code = page.locator("dd code").first.inner_text().strip()
        assert code == decision.verification_code
        with page.expect_download() as download:
            page.get_by_test_id("download-pdf").click()
        assert download.value.suggested_filename.endswith(".pdf")
        response = page.request.get(f"/documents/{decision.pk}/document.pdf")
        assert response.status == 200
        assert response.headers["content-type"].startswith("application/pdf")
        pdf = response.body()
        assert pathlib.Path(download.value.path()).read_bytes() == pdf
        assert pdf.startswith(b"%PDF")
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        flat = re.sub(r"\s+", "", text)
        assert decision.number in flat and PARTY in flat and code in flat  # the code is printed on it
        assert "罚款人民币1,000元" in flat, flat

        # --- 9. Anyone verifies the document on the public page with its number and code. -----------------------
        citizen.goto("/documents/verify/")
        form = citizen.get_by_test_id("verify-form")
        form.locator("#id_number").fill(decision.number)
        form.locator("#id_code").fill(code)
        form.locator("button[type=submit]").click()
        expect(citizen.get_by_test_id("verify-genuine")).to_be_visible()
        expect(citizen.get_by_test_id("verify-result")).to_contain_text(decision.number)
        expect(citizen.get_by_test_id("verify-result")).to_contain_text(hashlib.sha256(pdf).hexdigest())
        expect(citizen.get_by_test_id("verify-result")).not_to_contain_text(PARTY)

        # --- 10. The officer publishes the decision; the public page shows it masked. ---------------------------
        page.goto(f"/documents/case/{case.pk}/")
        page.get_by_test_id("publish-form").locator("button[type=submit]").click()
        expect(page.get_by_test_id("publish-form")).to_have_count(0)
        publication = Publication.objects.get(case=case)
        assert publication.status == PublicationStatus.PUBLISHED and not publication.late
        citizen.goto("/documents/public/")
        rows = citizen.get_by_test_id("public-publications")
        expect(rows).to_contain_text(decision.number)
        expect(rows).to_contain_text("张某某")
        expect(citizen.locator("body")).not_to_contain_text(PARTY)
        rows.get_by_role("link", name=re.compile(re.escape(decision.number))).click()
        body = citizen.locator("body")
        expect(body).to_contain_text("罚款人民币1,000元")
        expect(body).to_contain_text("张某某")
        expect(body).not_to_contain_text(PARTY)
        expect(body).not_to_contain_text(PARTY_ID)

        # --- 11. The officer records service by hand, then the payment with the bank receipt. -------------------
        page.goto(case_url)
        section = page.get_by_test_id("enforcement-section")
        form = section.get_by_test_id("enforcement-form").first
        form.locator("[name=document_number]").fill(decision.number)
        form.locator("[name=method]").select_option("by_hand")
        expect(form.locator("[name=recipient]")).to_have_value(PARTY)
        form.locator("[name=served_on]").fill(today.isoformat())
        form.locator("[name=receipt_number]").fill("送达回证-001")
        form.locator("button[type=submit]").click()
        expect(page.get_by_test_id("stage")).to_contain_text("执行")
        assert ServiceRecord.objects.get(case=case).method == "by_hand"
        section = page.get_by_test_id("enforcement-section")
        form = section.get_by_test_id("enforcement-form").first
        form.locator("[name=channel]").select_option("bank")
        expect(form.locator("[name=amount]")).to_have_value(re.compile(r"^1000(\.0+)?$"))
        form.locator("[name=bank]").fill("中国农业银行襄城县支行")
        form.locator("[name=bank_receipt_number]").fill("YH20260001")
        form.locator("button[type=submit]").click()
        expect(page.get_by_test_id("stage")).to_contain_text("结案")
        payment = Payment.objects.get(case=case)
        assert payment.amount == FINE and payment.bank_receipt_number == "YH20260001"

        # --- 12. The leader closes the case; the officer archives it. -------------------------------------------
        log_in(page, "leader_a")
        page.goto(case_url)
        form = open_step(page, "close")
        form.locator("#id_close-note").fill("罚款已缴清，同意结案。")
        form.get_by_test_id("step-submit").click()
        expect(page.get_by_test_id("stage")).to_contain_text("归档")
        log_in(page, "officer_a")
        page.goto(case_url)
        form = open_step(page, "archive")
        form.get_by_test_id("step-submit").click()
        expect(page.get_by_test_id("status")).to_contain_text("已归档")
        expect(page.get_by_test_id("steps")).to_contain_text("您目前没有可办理的步骤")

        # The timeline holds the whole process.
        case.refresh_from_db()
        assert case.status == CaseStatus.ARCHIVED and case.stage == StageCode.ARCHIVE
        kinds = set(case.events.values_list("kind", flat=True))
        expected = [CaseEventKind.REGISTERED, CaseEventKind.FILING_APPROVED, CaseEventKind.EVIDENCE_ADDED,
                    CaseEventKind.REPORT, CaseEventKind.REVIEW_OPINION, CaseEventKind.NOTICE,
                    CaseEventKind.STATEMENT, CaseEventKind.DECIDED, CaseEventKind.DOCUMENT_ISSUED,
                    CaseEventKind.PUBLISHED, CaseEventKind.SERVED, CaseEventKind.PAYMENT, CaseEventKind.CLOSED,
                    CaseEventKind.ARCHIVED]
        assert not set(expected) - kinds, set(expected) - kinds
        timeline = page.get_by_test_id("timeline")
        with translation.override("zh-hans"):
            labels = [str(CaseEventKind(k).label) for k in expected]
        for label in labels:
            expect(timeline).to_contain_text(label)
        expect(timeline).to_contain_text(decision.number)
        page.screenshot(path=str(tmp_path / "archived.png"), full_page=True)
        assert not page.errors and not citizen_errors
    finally:
        public.close()
