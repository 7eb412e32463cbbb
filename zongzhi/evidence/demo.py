"""Demo evidence for the case demo (``add_demo_evidence``): small generated files, nothing real."""

import datetime
import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from .choices import EvidenceKind


def png_bytes(width=160, height=120, seed=0) -> bytes:
    """A small generated "photo" (a field at dusk): with Pillow when it is installed, else written by hand."""
    try:
        from PIL import Image, ImageDraw
    except ImportError:  # pragma: no cover - Pillow comes with reportlab
        return _plain_png(width, height, seed)
    image = Image.new("RGB", (width, height), (135, 170 + seed % 40, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 2 // 3, width, height], fill=(150, 120, 60))
    for n in range(6):
        x = 10 + n * (width // 6) + seed % 7
        draw.polygon([(x, height * 2 // 3), (x + 12, height // 3), (x + 24, height * 2 // 3)], fill=(200, 80, 30))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _plain_png(width, height, seed):
    rows = b"".join(b"\x00" + b"".join(bytes([(x * 3 + seed) % 256, (y * 2) % 256, 120]) for x in range(width))
                    for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def pdf_bytes(title="询问笔录") -> bytes:
    """A one-page PDF with a Chinese title (reportlab's built-in CJK font)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont("STSong-Light", 18)
    page.drawString(72, 760, title)
    page.setFont("STSong-Light", 11)
    page.drawString(72, 730, "（演示文件，内容虚构）")
    page.showPage()
    page.save()
    return buffer.getvalue()


def add_demo_evidence(case, *, by, count=None):
    """Attach 1–3 items of generated evidence to ``case`` (a scene photo, an inquiry record, an on-site record)
    through ``services.add_evidence``, collected by the case's officers, whatever the case's stage. Idempotent: a
    case that already has evidence gets nothing new. Returns the evidence added."""
    from . import services

    officers = list(case.officers.order_by("pk"))
    if not officers or case.evidence.exists():
        return []
    count = count or 1 + case.pk % 3
    when = timezone.now() - datetime.timedelta(hours=2)
    specs = [
        (EvidenceKind.AUDIOVISUAL, "现场照片", "现场拍摄，显示违法行为发生时的状况。",
         lambda: SimpleUploadedFile("现场照片.png", png_bytes(seed=case.pk), content_type="image/png")),
        (EvidenceKind.PARTY_STATEMENT, "询问笔录", "对当事人的询问笔录，当事人签字确认。",
         lambda: SimpleUploadedFile("询问笔录.pdf", pdf_bytes("询问笔录"), content_type="application/pdf")),
        (EvidenceKind.ONSITE_RECORD, "现场检查笔录", "执法人员现场检查情况记录。",
         lambda: SimpleUploadedFile("现场检查笔录.txt", "现场检查笔录（演示）：执法人员二名到场，出示执法证件。".encode(),
                                    content_type="text/plain")),
    ]
    added = []
    for n, (kind, title, description, make) in enumerate(specs[:count]):
        added.append(services.add_evidence(
            case, by=by, kind=kind, title=title, description=description, collected_by=officers[n % len(officers)],
            collected_at=when, place=case.act_place, source="执法人员现场收集" if n != 1 else "当事人",
            files=[make()], check_state=False))
    return added
