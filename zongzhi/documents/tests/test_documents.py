"""Templates, numbering, issuing, voiding and verification of documents."""

import hashlib
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from docx import Document as DocxDocument

from zongzhi.documents import services
from zongzhi.documents.choices import KIND_ABBREVIATIONS, DocumentKind, DocumentStatus
from zongzhi.documents.models import DocumentTemplate, GeneratedDocument
from zongzhi.documents.rendering import BLANK, parse_blocks
from zongzhi.documents.seed_templates import TEMPLATES
from zongzhi.utilities.documents import Heading, Paragraph, Table
from zongzhi.utilities.testing import client_for


def issue(world, kind=DocumentKind.CORRECTION_ORDER, agency=None, **context):
    return services.issue_document(kind, agency=agency or world.squad_a, target=world.gov_a,
                                   context={"party": {"name": "欧阳明华"}, **context}, by=world.users["officer_a"])


def test_every_kind_has_an_abbreviation_and_a_seed_template():
    assert set(KIND_ABBREVIATIONS) == set(DocumentKind.values) == set(TEMPLATES)
    assert len(set(KIND_ABBREVIATIONS.values())) == len(KIND_ABBREVIATIONS)


def test_body_syntax():
    blocks, signatures = parse_blocks("## 一、事实\n> 当事人：张三\n正文一段。\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n"
                                      "@@ 执法机关（印章） | 城关街道办事处 | 2025年9月28日\n")
    assert blocks[0] == Heading("一、事实")
    assert blocks[1] == Paragraph("当事人：张三", indent=False) and blocks[2] == Paragraph("正文一段。")
    assert blocks[3] == Table(["甲", "乙"], [["1", "2"]])
    assert signatures[0].party == "城关街道办事处" and signatures[0].date == "2025年9月28日"


@pytest.mark.django_db
def test_seed_is_idempotent_and_cites_the_rights(seeded):
    from django.core.management import call_command

    assert DocumentTemplate.objects.filter(region__isnull=True).count() == len(DocumentKind.values)
    call_command("seed_document_templates", verbosity=0)
    assert DocumentTemplate.objects.count() == len(DocumentKind.values)
    decision = DocumentTemplate.objects.get(kind=DocumentKind.PENALTY_DECISION).body
    for text in ("六十日", "六个月", "第六十七条", "第七十二条", "第七十三条"):
        assert text in decision, text
    notice = DocumentTemplate.objects.get(kind=DocumentKind.PENALTY_NOTICE).body
    assert "陈述和申辩" in notice and "第四十四条" in notice and "五个工作日" in notice and "第六十三条" in notice


@pytest.mark.django_db
def test_numbers_run_per_body_year_and_kind(world, seeded):
    first, second = issue(world), issue(world)
    other_kind = issue(world, DocumentKind.PENALTY_NOTICE)
    other_body = issue(world, agency=world.squad_b)
    year = first.year
    assert first.number == f"城关街综执责改字〔{year}〕第1号" and second.number == f"城关街综执责改字〔{year}〕第2号"
    assert other_kind.number == f"城关街综执罚告字〔{year}〕第1号"
    assert other_body.number == f"颍桥镇综执责改字〔{year}〕第1号"
    assert first.agency == world.gov_a  # the squad issues in its township's name


@pytest.mark.django_db
def test_issue_stores_files_with_hashes_and_code(world, seeded):
    doc = issue(world)
    pdf, docx = doc.pdf.read(), doc.docx.read()
    assert hashlib.sha256(pdf).hexdigest() == doc.pdf_sha256 and pdf.startswith(b"%PDF")
    assert hashlib.sha256(docx).hexdigest() == doc.docx_sha256
    assert len(doc.verification_code) == services.CODE_LENGTH
    assert set(doc.verification_code) <= set(services.CODE_ALPHABET)
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(docx)).paragraphs)
    assert "责令（限期）改正通知书" in text and doc.number in text and doc.verification_code in text
    assert "当事人：欧阳明华" in text and BLANK in text  # missing variables are blanks to fill in by hand
    assert doc.target == world.gov_a and doc.template.version == doc.template_version == 1


@pytest.mark.django_db
def test_region_template_overrides_its_subtree_and_versions(world, seeded):
    kind = DocumentKind.CORRECTION_ORDER
    national = DocumentTemplate.objects.get(kind=kind, region=None)
    county = DocumentTemplate.objects.create(kind=kind, region=world.county, version=1, title="襄城县责令改正通知书",
                                             body="县级文本 {{ party.name }}")
    assert services.resolve_template(kind, world.town_a) == county
    assert services.resolve_template(kind, world.city) == national
    v2 = DocumentTemplate.objects.create(kind=kind, region=world.county, version=2, title="襄城县责令改正通知书（二）",
                                         body="第二版 {{ party.name }}")
    assert services.resolve_template(kind, world.town_b) == v2
    town = DocumentTemplate.objects.create(kind=kind, region=world.town_a, version=1, title="城关街道责令改正通知书",
                                           body="街道文本")
    assert services.resolve_template(kind, world.town_a) == town
    assert services.resolve_template(kind, world.town_b) == v2
    v2.active = False
    v2.save()
    assert services.resolve_template(kind, world.town_b) == county
    doc = issue(world, agency=world.squad_b)
    assert doc.title == "襄城县责令改正通知书" and doc.content["blocks"][0]["text"] == "县级文本 欧阳明华"


@pytest.mark.django_db
def test_template_clean_refuses_duplicates_and_bad_syntax(world, seeded):
    bad = DocumentTemplate(kind=DocumentKind.CORRECTION_ORDER, version=2, title="x", body="{% for %}")
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "body" in error.value.message_dict
    dup = DocumentTemplate(kind=DocumentKind.CORRECTION_ORDER, version=1, title="x", body="y")
    with pytest.raises(ValidationError) as error:
        dup.full_clean()
    assert "version" in error.value.message_dict


@pytest.mark.django_db
def test_no_template_is_a_clear_refusal(world, seeded):
    DocumentTemplate.objects.filter(kind=DocumentKind.DEMAND_NOTICE).update(active=False)
    with pytest.raises(ValidationError, match="催告书"):
        issue(world, DocumentKind.DEMAND_NOTICE)


@pytest.mark.django_db
def test_void_needs_a_reason_and_happens_once(world, seeded):
    doc = issue(world)
    with pytest.raises(ValidationError):
        services.void_document(doc, reason=" ", by=world.users["officer_a"])
    doc = services.void_document(doc, reason="当事人名称有误", by=world.users["officer_a"])
    assert doc.status == DocumentStatus.VOID and doc.voided_at
    with pytest.raises(ValidationError):
        services.void_document(doc, reason="again", by=world.users["officer_a"])
    assert issue(world).serial == 2  # a void number is never reused


@pytest.mark.django_db
def test_verification_page(world, seeded, client):
    doc = issue(world)
    url = "/documents/verify/"
    ok = client.get(url, {"number": doc.number, "code": doc.verification_code.lower()})
    body = ok.content.decode()
    assert ok.status_code == 200 and 'data-testid="verify-genuine"' in body
    assert doc.number in body and "城关街道办事处" in body and "欧阳明华" not in body  # no personal data
    wrong = client.get(url, {"number": doc.number, "code": "ABCDEFGHJK"})
    assert wrong.status_code == 404 and 'data-testid="verify-unknown"' in wrong.content.decode()
    assert client.get(url, {"number": "", "code": ""}).status_code == 400
    assert client.get(url).status_code == 200  # the empty form
    services.void_document(doc, reason="文号错误", by=world.users["officer_a"])
    void = client.get(url, {"number": doc.number, "code": doc.verification_code})
    assert void.status_code == 200 and 'data-testid="verify-void"' in void.content.decode()
    assert doc.get_verify_url().startswith(url)


@pytest.mark.django_db
def test_verification_is_throttled_after_failures(world, seeded, client):
    from zongzhi.documents.views import VERIFY_LIMIT

    doc = issue(world)
    for i in range(VERIFY_LIMIT):
        assert client.get("/documents/verify/", {"number": doc.number, "code": f"WRONG{i}"}).status_code == 404
    blocked = client.get("/documents/verify/", {"number": doc.number, "code": doc.verification_code})
    assert blocked.status_code == 429 and 'data-testid="verify-throttled"' in blocked.content.decode()
    other = client.get("/documents/verify/", {"number": doc.number, "code": doc.verification_code},
                       REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_distinct_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the row lock matters on PostgreSQL")
    from django.core.management import call_command

    from zongzhi.utilities.testing import build_world

    call_command("seed_document_templates", verbosity=0)
    world = build_world()
    numbers, errors = [], []

    def run():
        try:
            numbers.append(issue(world).number)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(numbers)) == 8
    assert sorted(GeneratedDocument.objects.values_list("serial", flat=True)) == list(range(1, 9))


@pytest.mark.django_db
def test_download_is_scoped(world, seeded):
    doc = issue(world)
    own = client_for(world.users["officer_a"]).get(f"/documents/{doc.pk}/document.pdf")
    assert own.status_code == 200 and own.content == doc.pdf.open("rb").read()
    assert client_for(world.users["officer_b"]).get(f"/documents/{doc.pk}/document.pdf").status_code == 404
    assert client_for(world.users["officer_b"]).get(f"/documents/{doc.pk}/document.docx").status_code == 404


def test_bench_case_file_reaches_thirty_pages_quickly():
    from zongzhi.documents.bench import PAGES, bench_case_file

    lines = []
    section = bench_case_file(lines.append)
    pages = int(lines[0].split(" pages")[0].split()[-1])
    assert pages >= PAGES and "within" in section


def test_qr_code_and_verification_line_in_both_formats():
    from zongzhi.utilities.documents import Document, Verification, qr_modules, to_docx, to_pdf, to_pdf_many

    url = "https://zongzhi.example.gov.cn/documents/verify/?number=x&code=7KQ2M9XW4T"
    modules = qr_modules(url)
    assert len(modules) == len(modules[0]) and (len(modules) - 21) % 4 == 0 and any(map(any, modules))
    doc = Document("行政处罚决定书", number="城关街综执罚决字〔2025〕第1号", body=["正文。"],
                   verification=Verification("7KQ2M9XW4T", url))
    docx = DocxDocument(io.BytesIO(to_docx(doc)))
    assert len(docx.inline_shapes) == 1
    assert any("核验码：7KQ2M9XW4T" in p.text for p in docx.paragraphs)
    single, joined = to_pdf(doc), to_pdf_many([doc, Document("送达回证")])
    from zongzhi.documents.bench import page_count

    assert single.startswith(b"%PDF") and page_count(single) == 1 and page_count(joined) == 2
