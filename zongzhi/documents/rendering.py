"""From a template's text and a context to the renderer's ``Document`` (utilities/documents.py).

A template body is Django template text (no HTML escaping) whose output is read line by line:

- ``## 一、违法事实`` — a heading;
- ``> 当事人：某某`` — a paragraph without first-line indent (forms: names, addresses, dates);
- ``| 序号 | 名称 |`` — consecutive lines form a table, the first row is its header (``|-`` rows are skipped);
- ``@@ 执法机关（印章） | 襄城镇人民政府 | 2025年9月28日`` — a signature (side by side at the end);
- any other non-empty line — an indented paragraph.

A variable missing from the context prints as a blank line ``＿＿＿＿`` to be filled in by hand.
"""

import functools

from django.template import Context, Engine

from zongzhi.utilities.documents import Document, Heading, Paragraph, Signature, Table, Verification

BLANK = "＿＿＿＿"


@functools.cache
def engine() -> Engine:
    return Engine(autoescape=False, string_if_invalid=BLANK)


def compile_body(text: str):
    return engine().from_string(text or "")


def render_text(text: str, context: dict) -> str:
    return compile_body(text).render(Context(context, autoescape=False))


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def parse_blocks(text: str) -> tuple[list, list[Signature]]:
    """The rendered text as renderer blocks and signatures."""
    blocks, signatures, table = [], [], None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            if set(line) <= set("|-: "):
                continue
            if table is None:
                table = Table(_cells(line), [])
                blocks.append(table)
            else:
                table.rows.append(_cells(line))
            continue
        table = None
        if not line:
            continue
        if line.startswith("@@"):
            parts = _cells(line[2:]) + ["", ""]
            signatures.append(Signature(parts[0], parts[1], parts[2]))
        elif line.startswith("##"):
            blocks.append(Heading(line.lstrip("#").strip()))
        elif line.startswith(">"):
            blocks.append(Paragraph(line[1:].strip(), indent=False))
        else:
            blocks.append(Paragraph(line))
    return blocks, signatures


def blocks_to_json(blocks, signatures) -> dict:
    out = []
    for b in blocks:
        if isinstance(b, Table):
            out.append({"t": "table", "columns": b.columns, "rows": b.rows, "widths": b.widths})
        elif isinstance(b, Heading):
            out.append({"t": "heading", "text": b.text})
        else:
            out.append({"t": "p", "text": b.text, "indent": b.indent})
    return {"blocks": out, "signatures": [[s.label, s.party, s.date] for s in signatures]}


def document_from_json(title: str, number: str, content: dict, verification: Verification | None = None):
    blocks = []
    for b in content.get("blocks", []):
        if b["t"] == "table":
            blocks.append(Table(b["columns"], b["rows"], b.get("widths")))
        elif b["t"] == "heading":
            blocks.append(Heading(b["text"]))
        else:
            blocks.append(Paragraph(b["text"], b.get("indent", True)))
    signatures = [Signature(*s) for s in content.get("signatures", [])]
    return Document(title, number=number, body=blocks, signatures=signatures, verification=verification)


def render(template, context: dict) -> tuple[str, dict]:
    """``(title, content)``: the template filled with ``context``, as JSON-ready blocks."""
    title = render_text(template.title, context).strip()
    blocks, signatures = parse_blocks(render_text(template.body, context))
    return title, blocks_to_json(blocks, signatures)
