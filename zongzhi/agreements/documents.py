"""The agreement as a document: versioned wording (``document_templates/``) filled with the agreement's data."""

from pathlib import Path

from zongzhi.catalog.models import Matter
from zongzhi.laws.citation import chinese_number
from zongzhi.utilities.documents import Document, Heading, Signature, Table, TemplateLibrary, chinese_date

TEMPLATES = TemplateLibrary(Path(__file__).resolve().parent / "document_templates")
MATTER_COLUMNS = ["序号", "事项编码", "事项名称", "法律依据"]


def latest_template_version() -> str:
    return TEMPLATES.latest()


def defaults(kind: str, version: str | None = None) -> dict:
    """The standard basis, procedure, supervision and remedies texts that pre-fill a new agreement."""
    return TEMPLATES.wording(version or latest_template_version())[kind]["defaults"]


def wording(agreement) -> dict:
    """The wording for the agreement's version, with the overrides of every region from its province down."""
    codes = [c for c in agreement.territory.path.split("/") if c]
    return TEMPLATES.wording(agreement.template_version, codes)


def matter_basis(matter) -> str:
    parts = []
    if matter.violated_citation:
        parts.append(f"违法依据：{matter.violated_citation}")
    if matter.penalty_citation:
        parts.append(f"处罚依据：{matter.penalty_citation}")
    return "；".join(parts) or "—"


def build_document(agreement) -> Document:
    words = wording(agreement)[agreement.kind]
    matters = list(Matter.objects.filter(delegation_agreements=agreement).select_related(
        "violated_article__version__law", "penalty_article__version__law"))
    county = agreement.territory.administrative_parent
    values = {
        "delegating": agreement.delegating_agency.name,
        "receiving": agreement.receiving_agency.name,
        "territory": agreement.territory.name,
        "county": county.name if county else "",
        "basis": agreement.basis,
        "matter_count": len(matters),
        "valid_from": chinese_date(agreement.valid_from) or "　　年　　月　　日",
        "valid_to": chinese_date(agreement.valid_to) or "　　年　　月　　日",
        "procedure": agreement.procedure,
        "supervision": agreement.supervision,
        "remedies": agreement.remedies,
    }
    body = [words["preamble"].format_map(values)]
    for n, clause in enumerate(words["clauses"], start=1):
        body += [Heading(f"第{chinese_number(n)}条　{clause['heading']}"), clause["text"].format_map(values)]
        if clause.get("table"):
            rows = [[str(i), m.code, m.name, matter_basis(m)] for i, m in enumerate(matters, start=1)]
            body.append(Table(MATTER_COLUMNS, rows, widths=[1.3, 3, 5, 7]))
    signed = chinese_date(agreement.signed_on)
    return Document(
        title=words["title"].format_map(values),
        number=agreement.number,
        body=body,
        signatures=[Signature(words["delegating_label"], agreement.delegating_agency.name, signed),
                    Signature(words["receiving_label"], agreement.receiving_agency.name, signed)],
    )


def filename(agreement, extension: str) -> str:
    return f"{agreement.number or agreement.pk}-{agreement.receiving_agency.name}.{extension}"
