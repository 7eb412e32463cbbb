"""Documents of a case, the case file PDF (Chinese must render), publication with masking and deadlines."""

import datetime
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image, ImageChops

from zongzhi.documents import services
from zongzhi.documents.case_integration import case_context, case_file_pdf, issue_for_case
from zongzhi.documents.choices import DocumentKind, PublicationStatus
from zongzhi.documents.models import GeneratedDocument, Publication
from zongzhi.utilities.testing import assert_scoped, client_for

from .conftest import make_case

AWARE = timezone.get_current_timezone()


def at(y, m, d, hour=10):
    return datetime.datetime(y, m, d, hour, tzinfo=AWARE)


def raster(pdf: bytes, tmp_path, name, page=1) -> Image.Image:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: install poppler-utils (make system-deps)")
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(source),
                    str(tmp_path / name)], check=True)
    return Image.open(tmp_path / f"{name}.png").convert("L")


def ink(image) -> float:
    return sum(image.histogram()[:128]) / (image.width * image.height)


def test_case_context_has_parties_officers_law_and_amounts(world, case_a):
    context = case_context(case_a)
    assert context["agency"] == "城关街道办事处" and context["party"]["name"] == "欧阳明华"
    assert context["private_names"] == ["欧阳明华"]
    assert "林晓东（执法证号：豫A-0001）" in context["officer_names"]
    assert context["penalty_text"] == "罚款人民币500元" and context["decided_date"] == "2025年9月28日"
    assert context["court"] == "襄城县人民法院" and context["review_body"] == "襄城县人民政府"


def test_issue_for_case_logs_the_event_and_opens_the_publication_deadline(world, case_a):
    doc = issue_for_case(case_a, DocumentKind.PENALTY_DECISION, by=world.users["officer_a"])
    assert doc.case == case_a and doc.target == case_a
    text = " ".join(b.get("text", "") for b in doc.content["blocks"])
    assert "欧阳明华" in text and "罚款人民币500元" in text and "襄城县人民政府申请行政复议" in text
    assert case_a.events.filter(kind="document_issued", note=doc.number).exists()
    deadline = case_a.deadlines.get(key="publication", state="open")
    assert deadline.due_on == datetime.date(2025, 10, 14)  # 7 working days over the National Day week


def test_case_file_is_one_pdf_in_legal_order_and_chinese_renders(world, case_a, tmp_path):
    by = world.users["officer_a"]
    for kind in (DocumentKind.PENALTY_DECISION, DocumentKind.FILING_APPROVAL, DocumentKind.PENALTY_NOTICE):
        issue_for_case(case_a, kind, by=by)
    from zongzhi.documents.case_integration import case_file_documents

    titles = [d.title for d in case_file_documents(case_a)]
    assert titles == ["城关街道办事处行政处罚案卷", "卷内目录", "立案审批表", "行政处罚事先告知书", "行政处罚决定书",
                      "证据目录"]
    pdf = case_file_pdf(case_a)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    for expected in ("行政处罚案卷", "卷内目录", "立案审批表", "行政处罚决定书", "欧阳明华", "证据目录"):
        assert expected in text, expected
    cover = raster(pdf, tmp_path, "cover", 1)
    index = raster(pdf, tmp_path, "index", 2)
    other = make_case(world, agency=world.squad_b, number="颍桥镇综执罚立〔2025〕9号", person=False,
                      cause="违法占用耕地建房案")
    other_cover = raster(case_file_pdf(other), tmp_path, "other", 1)
    # Different Chinese strings give different pictures: with tofu boxes or blank pages they would look alike.
    assert ImageChops.difference(cover, other_cover).getbbox() is not None
    assert ImageChops.difference(cover, index).getbbox() is not None
    for image in (cover, index, other_cover):
        assert 0.002 < ink(image) < 0.25
    # The title row at the top: glyphs, not empty.
    title = cover.crop((0, 0, cover.width, cover.height // 5))
    assert sum(title.histogram()[:128]) > 100


def test_issued_pdf_page_is_chinese_not_boxes(world, case_a, tmp_path):
    decision = issue_for_case(case_a, DocumentKind.PENALTY_DECISION, by=world.users["officer_a"])
    notice = issue_for_case(case_a, DocumentKind.PENALTY_NOTICE, by=world.users["officer_a"])
    first, second = (raster(d.pdf.read(), tmp_path, d.kind) for d in (decision, notice))
    assert ImageChops.difference(first, second).getbbox() is not None
    assert 0.005 < ink(first) < 0.3 and 0.005 < ink(second) < 0.3


def test_case_documents_page_issues_and_lists(world, case_a, case_b):
    client = client_for(world.users["officer_a"])
    url = f"/documents/case/{case_a.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and 'data-testid="issue-form"' in page.content.decode()
    response = client.post(url, {"kind": DocumentKind.INQUIRY_RECORD})
    assert response.status_code == 302
    doc = GeneratedDocument.objects.get(case=case_a)
    assert doc.number in client.get(url).content.decode()
    assert client.post(url, {"kind": "nonsense"}).status_code == 400
    assert client.get(f"/documents/case/{case_b.pk}/").status_code == 404
    assert client.post(f"/documents/case/{case_b.pk}/", {"kind": DocumentKind.INQUIRY_RECORD}).status_code == 404
    readonly = client_for(world.users["supervisor"]).get(url)
    assert readonly.status_code == 200 and 'data-testid="issue-form"' not in readonly.content.decode()
    pdf = client.get(f"/documents/case/{case_a.pk}/case-file.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_publish_masks_the_individual_and_flags_lateness(world, case_a):
    by = world.users["officer_a"]
    with pytest.raises(ValidationError):
        services.publish(case_a, by=by)  # no decision issued yet
    issue_for_case(case_a, DocumentKind.PENALTY_DECISION, by=by)
    publication = services.publish(case_a, by=by, published_at=at(2025, 10, 14))
    assert publication.due_date == datetime.date(2025, 10, 14) and not publication.late
    assert publication.party == "欧阳某某" and "欧阳明华" not in publication.text and "欧阳某某" in publication.text
    assert publication.due_citation.startswith("《国务院办公厅")
    assert "13812345678" not in publication.text
    assert case_a.events.filter(kind="published").exists()
    assert case_a.deadlines.get(key="publication").state == "met"
    with pytest.raises(ValidationError):
        services.publish(case_a, by=by)  # once


def test_late_publication_and_organisations_named(world, seeded):
    case = make_case(world, person=False)
    by = world.users["officer_a"]
    issue_for_case(case, DocumentKind.PENALTY_DECISION, by=by)
    publication = services.publish(case, by=by, published_at=at(2025, 10, 15))
    assert publication.late
    assert publication.party == "襄城县丰收农业合作社" and "襄城县丰收农业合作社" in publication.text
    listed = client_for(world.users["officer_a"]).get("/documents/publications/?late=true")
    assert publication.title in listed.content.decode()
    assert publication.title not in client_for(world.users["officer_a"]).get(
        "/documents/publications/?late=false").content.decode()


def test_withdrawal_within_three_working_days(world, case_a):
    by = world.users["officer_a"]
    issue_for_case(case_a, DocumentKind.PENALTY_DECISION, by=by)
    publication = services.publish(case_a, by=by, published_at=at(2025, 9, 29))
    with pytest.raises(ValidationError):
        services.withdraw(publication, reason="", by=by)
    with pytest.raises(ValidationError):
        services.withdraw(publication, reason="复议撤销", by=by, changed_on=datetime.date(2025, 9, 1))
    done = services.withdraw(publication, reason="行政复议决定撤销原处罚决定", by=by,
                             changed_on=datetime.date(2025, 9, 30))
    assert done.status == PublicationStatus.WITHDRAWN
    assert done.withdrawal_due == datetime.date(2025, 10, 11)  # 10-09, 10-10 and the make-up Saturday 10-11
    assert done.withdrawn_late  # it is withdrawn now, long after
    assert case_a.events.filter(kind="publication_withdrawn").exists()
    with pytest.raises(ValidationError):
        services.withdraw(done, reason="again", by=by)
    public = client_for(world.users["officer_a"])
    assert public.get(f"/documents/public/{done.pk}/").status_code == 404
    # After the withdrawal the decision can be voided and a new one issued and published.
    again = services.publish(case_a, by=by)
    assert again.status == PublicationStatus.PUBLISHED and not again.withdrawn_late


def test_withdrawal_today_is_on_time(world, case_a):
    by = world.users["officer_a"]
    issue_for_case(case_a, DocumentKind.PENALTY_DECISION, by=by)
    publication = services.publish(case_a, by=by)
    done = services.withdraw(publication, reason="决定变更", by=by)
    assert done.changed_on == timezone.localdate() and not done.withdrawn_late
    assert done.withdrawal_due > done.changed_on


def test_public_pages_need_no_login_and_show_masked_text(world, case_a, client):
    by = world.users["officer_a"]
    issue_for_case(case_a, DocumentKind.PENALTY_DECISION, by=by)
    publication = services.publish(case_a, by=by)
    listing = client.get("/documents/public/")
    assert listing.status_code == 200 and publication.get_public_url() in listing.content.decode()
    detail = client.get(publication.get_public_url()).content.decode()
    assert "欧阳某某" in detail and "欧阳明华" not in detail


def test_publication_and_document_views_via_client(world, case_a):
    by = world.users["officer_a"]
    client = client_for(by)
    issue_for_case(case_a, DocumentKind.PENALTY_DECISION, by=by)
    assert client.post(f"/documents/case/{case_a.pk}/publish/").status_code == 302
    publication = Publication.objects.get(case=case_a)
    page = client.get(publication.get_absolute_url()).content.decode()
    assert 'data-testid="withdraw-form"' in page
    response = client.post(f"/documents/publications/{publication.pk}/withdraw/",
                           {"reason": "决定撤销", "changed_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.WITHDRAWN
    bad = client.post(f"/documents/publications/{publication.pk}/withdraw/", {"reason": ""}, follow=True)
    assert bad.status_code == 200 and any("该字段是必填项" in str(m) for m in bad.context["messages"])
    doc = GeneratedDocument.objects.get(case=case_a)
    assert client.post(f"/documents/{doc.pk}/void/", {"reason": "错误"}).status_code == 302
    doc.refresh_from_db()
    assert doc.status == "void"


def test_scoping(world, case_a, case_b):
    by_a, by_b = world.users["officer_a"], world.users["officer_b"]
    doc_a = issue_for_case(case_a, DocumentKind.PENALTY_DECISION, by=by_a)
    doc_b = issue_for_case(case_b, DocumentKind.PENALTY_DECISION, by=by_b)
    assert_scoped(by_a, doc_a, doc_b, list_url="/documents/", api_url="/api/v1/documents/")
    pub_a, pub_b = services.publish(case_a, by=by_a), services.publish(case_b, by=by_b)
    assert_scoped(by_a, pub_a, pub_b, list_url="/documents/publications/", api_url="/api/v1/publications/")


def test_lists_keep_a_fixed_number_of_queries(world, case_a, django_assert_max_num_queries):
    by = world.users["officer_a"]
    client = client_for(by)
    client.get("/documents/")
    for kind in (DocumentKind.PENALTY_DECISION, DocumentKind.PENALTY_NOTICE, DocumentKind.INQUIRY_RECORD):
        issue_for_case(case_a, kind, by=by)
    services.publish(case_a, by=by)
    for url in ("/documents/", "/documents/publications/", "/documents/templates/", "/documents/public/",
                f"/documents/case/{case_a.pk}/"):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200, url
    for _ in range(5):
        issue_for_case(case_a, DocumentKind.INQUIRY_RECORD, by=by)
    for url in ("/documents/", f"/documents/case/{case_a.pk}/"):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200, url


def test_template_permissions(world, seeded):
    bureau, officer = client_for(world.users["bureau"]), client_for(world.users["officer_a"])
    data = {"kind": DocumentKind.CORRECTION_ORDER, "region": world.county.pk, "version": 1, "active": "on",
            "title": "襄城县责令改正通知书", "body": "{{ party.name }}", "note": "县级文本"}
    assert officer.get("/documents/templates/add/").status_code == 404
    assert bureau.post("/documents/templates/add/", data).status_code == 302
    national = {**data, "region": "", "version": 5}
    assert bureau.post("/documents/templates/add/", national).status_code == 400  # national: not the county's
    assert officer.get("/documents/templates/").status_code == 200  # everyone reads the wording


def test_every_kind_can_be_issued_for_a_case(world, case_a):
    from zongzhi.documents.choices import CASE_FILE_KINDS

    by = world.users["officer_a"]
    for kind in DocumentKind.values:
        if kind in CASE_FILE_KINDS:
            continue
        doc = issue_for_case(case_a, kind, by=by)
        text = " ".join(str(b.get("text", "")) + str(b.get("rows", "")) for b in doc.content["blocks"])
        assert "{" not in text and "}" not in text, kind
        assert doc.title and doc.number, kind


def test_notice_states_the_rights_with_defaults(world, case_a):
    by = world.users["officer_a"]
    notice = issue_for_case(case_a, DocumentKind.PENALTY_NOTICE, by=by)
    text = " ".join(b.get("text", "") for b in notice.content["blocks"])
    assert "三个工作日内向本机关提出陈述、申辩意见" in text and "要求举行听证" not in text  # no hearing rights
    case_a.hearing_rights = True
    case_a.save()
    heard = issue_for_case(case_a, DocumentKind.PENALTY_NOTICE, by=by)
    assert "五个工作日内向本机关提出" in " ".join(b.get("text", "") for b in heard.content["blocks"])
    decision = issue_for_case(case_a, DocumentKind.PENALTY_DECISION, by=by)
    text = " ".join(b.get("text", "") for b in decision.content["blocks"])
    assert f"本机关于{notice.issued_at.year}年" in text or "本机关于" + heard.issued_at.strftime("%Y") in text
    assert "六十日内向襄城县人民政府申请行政复议" in text and "六个月内依法向襄城县人民法院提起行政诉讼" in text


def test_evidence_reaches_the_documents_and_the_case_file(world, case_a):
    from zongzhi.documents.case_integration import case_file_documents
    from zongzhi.evidence.models import Evidence

    Evidence.objects.create(case=case_a, serial=1, kind="physical", title="焚烧现场照片", description="证明焚烧事实",
                            collected_by=world.officer_a)
    Evidence.objects.create(case=case_a, serial=2, kind="documentary", title="土地承包合同",
                            collected_by=world.officer_a2)
    context = case_context(case_a)
    assert context["evidence_names"] == "焚烧现场照片、土地承包合同"
    notice = issue_for_case(case_a, DocumentKind.PENALTY_NOTICE, by=world.users["officer_a"])
    assert any("以上事实有焚烧现场照片、土地承包合同等证据为证" in b.get("text", "") for b in notice.content["blocks"])
    evidence_list = case_file_documents(case_a)[-1]
    assert [row[1] for row in evidence_list.body[0].rows] == ["焚烧现场照片", "土地承包合同"]
    assert evidence_list.body[0].rows[0][3] == "林晓东"


def test_case_page_shows_the_documents_section(world, case_a):
    by = world.users["officer_a"]
    doc = issue_for_case(case_a, DocumentKind.PENALTY_DECISION, by=by)
    services.publish(case_a, by=by)
    page = client_for(by).get(case_a.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-testid="documents-section"' in body and doc.number in body
    assert f"/documents/case/{case_a.pk}/case-file.pdf" in body
