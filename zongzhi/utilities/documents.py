"""Official documents (文书) as DOCX (editable: printed and stamped) and PDF (fixed, with an embedded CJK font).

A document is plain data: a title, an optional document number (文号), a body of blocks (paragraphs, headings,
tables) and a signature block. Apps build it from their records and their versioned wording (see
``TemplateLibrary``), then call ``to_docx`` or ``to_pdf``::

    doc = Document("行政执法委托协议书", number="襄农委〔2026〕1号",
                   body=["为……，订立本协议。", Heading("一、委托事项"), Table(["编码", "名称"], [["A1", "……"]])],
                   signatures=[Signature("甲方（委托机关）", "襄城县农业农村局", "2026年1月5日")])
    to_pdf(doc)

Layout follows 党政机关公文格式 (GB/T 9704-2012) loosely: A4, title in 宋体 22 pt, body in 仿宋 16 pt with
two-character first-line indent. The PDF embeds Droid Sans Fallback (Apache 2.0, shipped in ``fonts/``), so it
renders the same on any machine; the DOCX names Windows' Chinese fonts for East Asian text.
"""

import datetime
import functools
import io
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

FONT_FILE = Path(__file__).resolve().parent / "fonts" / "DroidSansFallbackFull.ttf"
PDF_FONT = "ZongzhiCJK"
LATIN_PDF_FONT = "Times-Roman"  # one of the PDF standard fonts: every viewer has it
TITLE_FONT, BODY_FONT, HEADING_FONT = "宋体", "仿宋", "黑体"
TITLE_SIZE, BODY_SIZE, TABLE_SIZE = 22, 16, 12  # points: 二号, 三号, 小四


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True  # first-line indent of two characters


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # relative column widths


@dataclass(frozen=True)
class Signature:
    label: str  # e.g. 甲方（委托机关）（盖章）
    party: str
    date: str = ""


@dataclass(frozen=True)
class Verification:
    """A line printed at the foot of a document so anyone can check it is genuine: the code and the address of
    the public verification page, with a QR code of ``url`` (reportlab's own encoder: no extra package)."""

    code: str
    url: str
    label: str = "核验码"
    hint: str = "扫描二维码或访问核验页面，输入文书编号和核验码，可查验本文书真伪。"


@dataclass(frozen=True)
class Document:
    title: str
    number: str = ""
    body: list = field(default_factory=list)  # str (a paragraph), Paragraph, Heading or Table
    signatures: list[Signature] = field(default_factory=list)
    verification: Verification | None = None

    def blocks(self):
        return [Paragraph(b) if isinstance(b, str) else b for b in self.body]

    def signature_table(self) -> Table:
        """The parties side by side: role and name (where the seal goes) above, the date below (blank lines for a
        hand-written date)."""
        return Table([], [[s.label for s in self.signatures], [s.party for s in self.signatures],
                          [s.date or "　　年　　月　　日" for s in self.signatures]])


def qr_modules(text: str) -> list[list[bool]]:
    """The dark/light modules of a QR code of ``text`` (error correction M)."""
    widget = QrCodeWidget(text, barLevel="M")
    widget.qr.make()
    return [[bool(cell) for cell in row] for row in widget.qr.modules]


def qr_png(text: str, *, scale: int = 4, border: int = 2) -> bytes:
    """A PNG image of the QR code of ``text`` (for the DOCX)."""
    from PIL import Image

    modules = qr_modules(text)
    size = (len(modules) + 2 * border) * scale
    image = Image.new("1", (size, size), 1)
    pixels = image.load()
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    for dx in range(scale):
                        pixels[(c + border) * scale + dx, (r + border) * scale + dy] = 0
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def chinese_date(value: datetime.date | None) -> str:
    """2026-01-05 -> 2026年1月5日 (GB/T 9704 writes dates in Arabic numerals, without leading zeros)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


# --- DOCX --------------------------------------------------------------------------------------------------


def _east_asian(style_or_run, name):
    style_or_run.font.name = name
    rpr = style_or_run.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _docx_run(paragraph, text, *, font=None, size=None, bold=False):
    run = paragraph.add_run(text)
    if font:
        _east_asian(run, font)
    if size:
        run.font.size = Pt(size)
    run.bold = bold
    return run


def _docx_table(docx_doc, table: Table, *, grid=True):
    rows = ([table.columns] if table.columns else []) + table.rows
    t = docx_doc.add_table(rows=len(rows), cols=len(rows[0]))
    if grid:
        t.style = "Table Grid"
    for r, values in enumerate(rows):
        header = r == 0 and bool(table.columns)
        for c, value in enumerate(values):
            p = t.cell(r, c).paragraphs[0]
            _docx_run(p, str(value), size=TABLE_SIZE if grid else BODY_SIZE, bold=header,
                      font=HEADING_FONT if header else None)
    return t


def to_docx(doc: Document) -> bytes:
    out = DocxDocument()
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = out.styles["Normal"]
    _east_asian(normal, BODY_FONT)
    normal.font.size = Pt(BODY_SIZE)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)

    title = out.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _docx_run(title, doc.title, font=TITLE_FONT, size=TITLE_SIZE, bold=True)
    if doc.number:
        number = out.add_paragraph()
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _docx_run(number, doc.number)
    out.add_paragraph()
    for block in doc.blocks():
        if isinstance(block, Table):
            _docx_table(out, block)
            continue
        p = out.add_paragraph()
        if isinstance(block, Heading):
            _docx_run(p, block.text, font=HEADING_FONT)
        else:
            if block.indent:
                p.paragraph_format.first_line_indent = Pt(BODY_SIZE * 2)
            _docx_run(p, block.text)
    if doc.signatures:
        out.add_paragraph()
        _docx_table(out, doc.signature_table(), grid=False)
    if doc.verification:
        out.add_paragraph()
        out.add_picture(io.BytesIO(qr_png(doc.verification.url)), width=Mm(25))
        p = out.add_paragraph()
        _docx_run(p, f"{doc.verification.label}：{doc.verification.code}　{doc.verification.url}", size=TABLE_SIZE - 2)
        p = out.add_paragraph()
        _docx_run(p, doc.verification.hint, size=TABLE_SIZE - 2)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


# --- PDF ---------------------------------------------------------------------------------------------------


@functools.cache
def pdf_font() -> str:
    """Register the shipped CJK TrueType font with reportlab once per process."""
    pdfmetrics.registerFont(TTFont(PDF_FONT, str(FONT_FILE)))
    return PDF_FONT


def _pdf_styles():
    font = pdf_font()
    body = ParagraphStyle("body", fontName=font, fontSize=BODY_SIZE - 2, leading=BODY_SIZE + 8, wordWrap="CJK",
                          firstLineIndent=(BODY_SIZE - 2) * 2)
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=TITLE_SIZE - 2, leading=TITLE_SIZE + 10,
                                alignment=TA_CENTER, wordWrap="CJK"),
        "number": ParagraphStyle("number", parent=body, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=12),
        "heading": ParagraphStyle("heading", parent=body, firstLineIndent=0, spaceBefore=4),
        "body": body,
        "plain": ParagraphStyle("plain", parent=body, firstLineIndent=0),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=TABLE_SIZE - 2, leading=TABLE_SIZE + 4,
                               wordWrap="CJK"),
    }


def _pdf_markup(text: str) -> str:
    """Escape ``text`` for reportlab and set Latin runs in a standard PDF font: the CJK font has no Latin glyphs."""
    return "".join(
        f'<font name="{LATIN_PDF_FONT}">{escape(run)}</font>' if ascii_run else escape(run)
        for run, ascii_run in _runs(str(text))
    ).replace("\n", "<br/>")


def _runs(text):
    """Split into (run, is_ascii) pieces: 'A1 号' -> [('A1 ', True), ('号', False)]."""
    return [(m.group(), m.group()[0].isascii()) for m in re.finditer(r"[\x00-\x7f]+|[^\x00-\x7f]+", text)]


def _pdf_text(text, style):
    return PdfParagraph(_pdf_markup(text), style)


def _pdf_table(table: Table, styles, width, *, grid=True):
    style = styles["cell"] if grid else styles["plain"]
    rows = ([table.columns] if table.columns else []) + table.rows
    data = [[_pdf_text(v, style) for v in row] for row in rows]
    weights = table.widths or [1] * len(rows[0])
    widths = [width * w / sum(weights) for w in weights]
    t = PdfTable(data, colWidths=widths, repeatRows=1 if table.columns else 0)
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if grid:
        commands += [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                     ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]
    t.setStyle(TableStyle(commands))
    return t


def _pdf_qr(url: str, size: float):
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def pdf_flow(doc: Document, styles=None, width=A4[0] - 54 * mm) -> list:
    """The flowables of one document (title, number, body, signatures, verification) for ``SimpleDocTemplate``;
    ``to_pdf_many`` joins several with page breaks."""
    styles = styles or _pdf_styles()
    flow = [_pdf_text(doc.title, styles["title"])]
    if doc.number:
        flow.append(_pdf_text(doc.number, styles["number"]))
    flow.append(Spacer(1, 6 * mm))
    for block in doc.blocks():
        if isinstance(block, Table):
            flow += [Spacer(1, 2 * mm), _pdf_table(block, styles, width), Spacer(1, 2 * mm)]
        elif isinstance(block, Heading):
            flow.append(_pdf_text(block.text, styles["heading"]))
        else:
            flow.append(_pdf_text(block.text, styles["body" if block.indent else "plain"]))
    if doc.signatures:
        flow += [Spacer(1, 12 * mm), _pdf_table(doc.signature_table(), styles, width, grid=False)]
    if doc.verification:
        v = doc.verification
        note = _pdf_text(f"{v.label}：{v.code}\n{v.url}\n{v.hint}", styles["cell"])
        box = PdfTable([[_pdf_qr(v.url, 22 * mm), note]], colWidths=[26 * mm, width - 26 * mm])
        box.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        flow += [Spacer(1, 8 * mm), box]
    return flow


def _page_number(canvas, document):
    canvas.setFont(LATIN_PDF_FONT, 10)
    canvas.drawCentredString(A4[0] / 2, 15 * mm, f"- {document.page} -")


def _pdf_template(buffer, title):
    return SimpleDocTemplate(buffer, pagesize=A4, title=title, topMargin=30 * mm, bottomMargin=28 * mm,
                             leftMargin=28 * mm, rightMargin=26 * mm)


def to_pdf(doc: Document) -> bytes:
    buffer = io.BytesIO()
    pdf = _pdf_template(buffer, doc.title)
    pdf.build(pdf_flow(doc, _pdf_styles(), pdf.width), onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()


def to_pdf_many(docs: list[Document], *, title: str = "") -> bytes:
    """Several documents as ONE PDF, each starting on a new page (e.g. a whole case file), in one pass."""
    buffer = io.BytesIO()
    pdf = _pdf_template(buffer, title or (docs[0].title if docs else ""))
    styles = _pdf_styles()
    flow = []
    for i, doc in enumerate(docs):
        if i:
            flow.append(PageBreak())
        flow += pdf_flow(doc, styles, pdf.width)
    pdf.build(flow or [Spacer(1, 1)], onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()


FORMATS = {  # extension: (renderer, media type)
    "docx": (to_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (to_pdf, "application/pdf"),
}


# --- versioned wording per jurisdiction ---------------------------------------------------------------------


class TemplateLibrary:
    """Document wording kept as versioned files: ``<root>/<version>/<jurisdiction>.toml``.

    ``national.toml`` holds the full wording of a version; a region's file (named by its code, e.g.
    ``411025.toml`` for a county) holds only the keys it changes; each file names itself in its ``jurisdiction``
    key. ``wording(version, codes)`` merges national, then each code from the widest region to the narrowest, so
    a township's file wins over its county's and ``jurisdiction`` ends as the narrowest one that applied.
    """

    NATIONAL = "national"

    def __init__(self, root: Path):
        self.root = Path(root)

    def versions(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir() if (p / f"{self.NATIONAL}.toml").exists())

    def latest(self) -> str:
        return self.versions()[-1]

    def wording(self, version: str, codes=()) -> dict:
        merged: dict = {}
        for name in (self.NATIONAL, *codes):
            path = self.root / version / f"{name}.toml"
            if path.exists():
                data = tomllib.loads(path.read_text(encoding="utf-8"))
                if data.get("jurisdiction") != name:
                    raise ValueError(f"{path}: its jurisdiction key must be {name!r}")
                _merge(merged, data)
        if not merged:
            raise LookupError(f"no document template {version!r} in {self.root}")
        return merged


def _merge(into: dict, other: dict):
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value
