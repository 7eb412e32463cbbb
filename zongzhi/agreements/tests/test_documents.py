"""The document renderer (zongzhi/utilities/documents.py) and the versioned wording of agreements."""

import datetime
import io
import os
import shutil
import subprocess

import pytest
from docx import Document as DocxDocument
from docx.oxml.ns import qn
from PIL import Image, ImageChops

from zongzhi.agreements.documents import TEMPLATES, build_document, wording
from zongzhi.utilities.documents import (
    Document,
    Heading,
    Signature,
    Table,
    TemplateLibrary,
    chinese_date,
    to_docx,
    to_pdf,
)

SAMPLE = Document(
    "行政执法委托协议书", number="襄农委〔2026〕1号",
    body=["为推进乡镇综合行政执法，订立本协议。", Heading("第一条　委托事项"),
          Table(["编码", "名称"], [["NY-001", "露天焚烧秸秆"]])],
    signatures=[Signature("委托机关（甲方）（盖章）", "襄城县农业农村局", "2026年1月5日"),
                Signature("受委托机关（乙方）（盖章）", "城关街道办事处")],
)


def need(tool):
    """Skip when a poppler tool is missing on a developer machine; in CI (CI=true) it must be there."""
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: install poppler-utils")
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils)")


def raster(pdf: bytes, tmp_path, name) -> Image.Image:
    need("pdftoppm")
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(source),
                    str(tmp_path / name)], check=True)
    return Image.open(tmp_path / f"{name}.png").convert("L")


def test_chinese_date():
    assert chinese_date(datetime.date(2026, 1, 5)) == "2026年1月5日" and chinese_date(None) == ""


def test_docx_opens_and_names_chinese_fonts():
    docx = DocxDocument(io.BytesIO(to_docx(SAMPLE)))
    text = [p.text for p in docx.paragraphs]
    assert "行政执法委托协议书" in text and "襄农委〔2026〕1号" in text and "第一条　委托事项" in text
    grid, signatures = docx.tables
    assert [c.text for c in grid.rows[1].cells] == ["NY-001", "露天焚烧秸秆"]
    assert [c.text for c in signatures.rows[1].cells] == ["襄城县农业农村局", "城关街道办事处"]
    assert signatures.rows[2].cells[0].text == "2026年1月5日"
    assert docx.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    title_run = docx.paragraphs[0].runs[0]
    assert title_run.element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_pdf_text_is_extractable_chinese(tmp_path):
    need("pdftotext")
    source = tmp_path / "doc.pdf"
    source.write_bytes(to_pdf(SAMPLE))
    text = subprocess.run(["pdftotext", str(source), "-"], check=True, capture_output=True, text=True).stdout
    for expected in ("行政执法委托协议书", "襄农委〔2026〕1号", "露天焚烧秸秆", "NY-001", "城关街道办事处", "2026年1月5日"):
        assert expected in text, expected
    fonts = subprocess.run(["pdffonts", str(source)], check=True, capture_output=True, text=True).stdout
    droid = next(line for line in fonts.splitlines() if "DroidSansFallback" in line)
    assert "yes yes yes" in droid  # the shipped CJK font is embedded, subset, with a Unicode map


def test_pdf_renders_chinese_glyphs_not_blank_boxes(tmp_path):
    """Two different Chinese titles of the same length: with missing glyphs (tofu) both pages would be alike."""
    first = raster(to_pdf(Document("行政执法委托协议书")), tmp_path, "first")
    second = raster(to_pdf(Document("乡镇街道综合执法队")), tmp_path, "second")
    assert ImageChops.difference(first, second).getbbox() is not None
    for image in (first, second):
        title = image.crop((0, 0, image.width, image.height // 4))
        assert sum(title.histogram()[:128]) > 100  # dark pixels where the title is


def test_wording_is_versioned_and_overridden_per_jurisdiction(tmp_path):
    root = tmp_path / "templates"
    shutil.copytree(TEMPLATES.root, root)
    (root / "v1" / "411025.toml").write_text(
        'jurisdiction = "411025"\n[entrustment]\ntitle = "襄城县行政执法委托书"\n', encoding="utf-8")
    library = TemplateLibrary(root)
    assert library.versions() == ["v1"]
    county = library.wording("v1", ["41", "4110", "411025", "411025001"])
    assert county["jurisdiction"] == "411025" and county["entrustment"]["title"] == "襄城县行政执法委托书"
    assert county["entrustment"]["clauses"] == TEMPLATES.wording("v1")["entrustment"]["clauses"]  # the rest stays
    assert library.wording("v1", ["41", "4101"])["entrustment"]["title"] == "行政执法委托协议书"
    (root / "v1" / "41.toml").write_text('jurisdiction = "national"\n', encoding="utf-8")
    with pytest.raises(ValueError):
        library.wording("v1", ["41"])
    with pytest.raises(LookupError):
        library.wording("v9")


@pytest.mark.django_db
def test_agreement_document_fills_every_placeholder(world, agreement_a):
    for kind in ("entrustment", "delegation"):
        agreement_a.kind = kind
        doc = build_document(agreement_a)
        text = " ".join(b if isinstance(b, str) else getattr(b, "text", "") for b in doc.body)
        assert "{" not in text and "城关街道办事处" in text and "2026年1月1日" in text and "襄城县司法局" in text
        assert doc.title == wording(agreement_a)[kind]["title"]
        table = next(b for b in doc.body if isinstance(b, Table))
        assert table.rows == [["1", "NY-001", "露天焚烧秸秆",
                               "违法依据：《中华人民共和国大气污染防治法》第七十七条；"
                               "处罚依据：《中华人民共和国大气污染防治法》第一百一十九条第一款"]]
