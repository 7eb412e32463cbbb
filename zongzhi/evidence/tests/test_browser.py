"""Evidence and the ledger in a real browser (Debian's Chromium) against the live server."""

import pytest
from playwright.sync_api import expect

from zongzhi.cases.testing import filed_case
from zongzhi.evidence import services
from zongzhi.evidence.demo import png_bytes
from zongzhi.evidence.models import EvidenceFile
from zongzhi.utilities.testing import PASSWORD

pytestmark = pytest.mark.browser


def login(page, username):
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def test_upload_evidence_then_seize_and_return(page, cw, tmp_path):
    case = filed_case(cw)
    photo = tmp_path / "现场照片.png"
    photo.write_bytes(png_bytes())
    fake = tmp_path / "伪装.jpg"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    login(page, "officer_a")
    page.goto(f"/evidence/case/{case.pk}/add/?next=/evidence/%3Fcase%3D{case.pk}")
    page.select_option("#id_kind", "audiovisual")
    page.fill("#id_title", "现场照片")
    page.select_option("#id_collected_by", label="林晓东")
    page.set_input_files("#id_files", [str(photo), str(fake)])
    page.get_by_test_id("step-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("field-error")).to_contain_text("伪装.jpg")
    page.set_input_files("#id_files", [str(photo)])
    page.get_by_test_id("step-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("object-table")).to_contain_text("现场照片")
    stored = EvidenceFile.objects.get()
    page.get_by_test_id("object-table").get_by_role("link", name="现场照片").click()
    expect(page.locator("body")).to_contain_text(stored.sha256)
    page.screenshot(path=str(tmp_path / "evidence.png"), full_page=True)
    seizure = services.register_seizure(case, by=cw.users["officer_a"], place="人民路12号", reason="占道经营",
                                        custody_place="执法队仓库", custodian="周明远",
                                        items=[{"name": "电动三轮车", "quantity": 1, "unit": "辆"}])
    services.approve_seizure(seizure, by=cw.users["leader_a"])
    login(page, "leader_a")
    page.goto("/evidence/items/")
    page.get_by_test_id("object-table").get_by_role("link", name="电动三轮车").click()
    page.select_option("#id_status", "returned")
    page.fill("#id_document_ref", "城关街综执解扣〔2026〕1号")
    page.locator("form[action$='/status/'] button[type=submit]").click()
    expect(page.get_by_test_id("item-events")).to_contain_text("城关街综执解扣〔2026〕1号")
    expect(page.get_by_test_id("item-events")).to_contain_text("已退还")
    page.screenshot(path=str(tmp_path / "item.png"), full_page=True)
    page.goto("/evidence/seizures/")
    expect(page.get_by_test_id("object-table")).to_contain_text("已解除")
