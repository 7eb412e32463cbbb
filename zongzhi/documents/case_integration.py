"""What documents take from a case: the template variables (``case_context``), issuing a kind for a case
(``issue_for_case``), the timeline entry, and the whole case file as one PDF (``case_file_pdf``)."""

import datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone, translation

from zongzhi.utilities.documents import Document, Table, chinese_date, pdf_font, to_pdf_many

from . import rendering, services
from .choices import CASE_FILE_ORDER, PUBLISHED_KINDS, DocumentKind, DocumentStatus
from .models import GeneratedDocument
from .services import PUBLICATION_KEY, PUBLICATION_RULE

DOCUMENT_LANGUAGE = "zh-hans"  # documents are written in Chinese whatever the user's interface language
EVIDENCE_COLUMNS = ["序号", "证据名称", "种类", "来源或收集人", "收集日期"]


def _money(value) -> str:
    value = Decimal(value or 0)
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value else "0"


def _party(p) -> dict:
    return {"name": p.name, "kind": p.get_kind_display(), "is_person": p.is_person, "identifier": p.identifier,
            "representative": p.representative, "address": p.address, "phone": p.phone}


def penalty_text(case) -> str:
    from zongzhi.catalog.choices import PenaltyType

    labels = dict(PenaltyType.choices)
    parts = []
    for code in case.penalty_types or []:
        if code == PenaltyType.FINE:
            parts.append(f"罚款人民币{_money(case.fine_amount)}元")
        elif code == PenaltyType.CONFISCATE_GAINS:
            parts.append(f"没收违法所得人民币{_money(case.confiscated_amount)}元")
        else:
            parts.append(str(labels.get(code, code)))
    if not parts and case.fine_amount:
        parts.append(f"罚款人民币{_money(case.fine_amount)}元")
    return "；".join(parts)


def _officers(case) -> list[dict]:
    today = timezone.localdate()
    rows = []
    for officer in case.officers.all():
        certs = [c for c in officer.certificates.all() if c.is_valid_on(today)] or list(officer.certificates.all())
        rows.append({"name": officer.name, "certificate": certs[0].number if certs else ""})
    return rows


def _related(case, name):
    """A reverse relation of the case provided by another app (evidence), or None when it is not there."""
    try:
        return getattr(case, name)
    except Exception:  # the app or relation does not exist (yet)
        return None


def _evidence(case) -> list[dict]:
    """The case's evidence items (evidence app: ``Evidence`` related as ``case.evidence``), in file order."""
    manager = _related(case, "evidence")
    if manager is None or not hasattr(manager, "all"):
        return []
    rows = []
    for item in manager.all():
        collected = getattr(item, "collected_at", None)
        by = getattr(item, "collected_by", None)
        rows.append({"name": str(getattr(item, "title", "") or item),
                     "kind": item.get_kind_display() if hasattr(item, "get_kind_display") else "",
                     "description": getattr(item, "description", "") or "",
                     "by": getattr(by, "name", "") or getattr(item, "source", "") or "",
                     "date": chinese_date(timezone.localtime(collected).date() if collected else None)})
    return rows


def _item(name, quantity, unit, spec, place) -> dict:
    return {"name": name, "spec": spec or "", "quantity": f"{_money(quantity)}{unit or ''}", "place": place or ""}


def measure_context(case, kind) -> dict:
    """For a notice of preservation or a seizure decision: the latest measure's item list and dates."""
    with translation.override(DOCUMENT_LANGUAGE):
        if kind == DocumentKind.PRESERVATION_NOTICE:
            manager = _related(case, "preservations")
            latest = manager.order_by("-id").first() if manager is not None else None
            if latest is None:
                return {}
            return {"items": [_item(i.name, i.quantity, i.unit, i.specification, i.kept_at)
                              for i in latest.items.all()]}
        if kind == DocumentKind.SEIZURE_DECISION:
            manager = _related(case, "seizures")
            latest = manager.order_by("-id").first() if manager is not None else None
            if latest is None:
                return {}
            items = [_item(i.name, i.quantity, i.unit, i.specification, i.custody_place) for i in latest.items.all()]
            items = items or [_item(r.get("name", ""), r.get("quantity"), r.get("unit"), r.get("specification"),
                                    latest.custody_place) for r in latest.proposed_items or []]
            end = latest.due_on or (latest.seized_on + datetime.timedelta(days=latest.term_days))
            return {"items": items, "seizure_from": chinese_date(latest.seized_on), "seizure_to": chinese_date(end)}
    return {}


def case_context(case, **extra) -> dict:
    """The template variables of a case: parties, matter, facts, law, officers with certificate numbers,
    amounts, dates, and the documents already issued (their numbers and dates)."""
    with translation.override(DOCUMENT_LANGUAGE):
        body = case.deciding_body
        parties = list(case.parties.all())
        county = case.region.administrative_parent if hasattr(case.region, "administrative_parent") else None
        county_name = county.name if county else ""
        officers = _officers(case)
        evidence = _evidence(case)
        matter = case.matter
        issued = {}
        for doc in GeneratedDocument.objects.filter(case=case, status=DocumentStatus.ISSUED).order_by("issued_at"):
            issued[doc.kind] = doc
        notice = issued.get(DocumentKind.PENALTY_NOTICE)
        decision = issued.get(DocumentKind.PENALTY_DECISION) or issued.get(DocumentKind.SUMMARY_DECISION)
        context = {
            "agency": body.name,
            "agency_address": body.address,
            "agency_phone": body.phone,
            "contact": body.liaison_name,
            "case_number": case.number,
            "cause": case.cause,
            "matter_name": matter.name,
            "source": case.clue.get_source_display() if case.clue_id else "",
            "party": _party(parties[0]) if parties else {},
            "parties": [_party(p) for p in parties],
            "party_names": "、".join(p.name for p in parties),
            "private_names": [p.name for p in parties if p.is_person]
            + [p.representative for p in parties if p.representative and not p.is_person and p.kind != "organisation"],
            "act_place": case.act_place,
            "act_date": chinese_date(case.act_on),
            "discovered_date": chinese_date(case.discovered_on),
            "filed_date": chinese_date(case.filed_on),
            "decided_date": chinese_date(case.decided_on),
            "closed_date": chinese_date(case.closed_on),
            "archived_date": chinese_date(case.archived_on),
            "facts": case.facts,
            "violated": matter.violated_citation,
            "penalty_basis": matter.penalty_citation,
            "penalty_text": penalty_text(case),
            "fine_amount": _money(case.fine_amount),
            "outcome": case.get_outcome_display() if case.outcome else "",
            "hearing_rights": case.hearing_rights,
            "officers": officers,
            "officer_names": "、".join(f"{o['name']}（执法证号：{o['certificate']}）" if o["certificate"] else o["name"]
                                       for o in officers),
            "evidence": evidence,
            "evidence_names": "、".join(e["name"] for e in evidence),
            "review_body": f"{county_name}人民政府" if county_name else "",
            "court": f"{county_name}人民法院" if county_name else "",
            "notice_date": chinese_date(timezone.localtime(notice.issued_at).date()) if notice else "",
            "decision_number": decision.number if decision else "",
            "date": chinese_date(timezone.localdate()),
            "retention": "长期",
        }
    context.update(extra)
    return without_empty(context)


def without_empty(value):
    """Empty strings dropped (in nested dicts too), so the template prints a blank to fill in by hand."""
    if isinstance(value, dict):
        return {k: without_empty(v) for k, v in value.items() if v != "" and v is not None}
    if isinstance(value, list):
        return [without_empty(v) for v in value]
    return value


def issue_for_case(case, kind, *, by, **extra) -> GeneratedDocument:
    """Issue a document of ``kind`` for ``case`` with the case's variables (plus ``extra``), in the name of the
    case's deciding body. Issuing a penalty decision opens the 7-working-day publication deadline."""
    doc = services.issue_document(kind, agency=case.agency, target=case, case=case, by=by,
                                  context=case_context(case, **{**measure_context(case, kind), **extra}))
    if kind in PUBLISHED_KINDS:
        from zongzhi.cases.services import set_deadline

        set_deadline(case, PUBLICATION_KEY, rule=PUBLICATION_RULE,
                     start=case.decided_on or timezone.localdate())
    return doc


# --- the case file (案卷) --------------------------------------------------------------------------------------


def _case_documents(case):
    docs = list(GeneratedDocument.objects.filter(case=case, status=DocumentStatus.ISSUED)
                .exclude(kind__in=(DocumentKind.CASE_COVER, DocumentKind.CASE_INDEX)))
    return sorted(docs, key=lambda d: (CASE_FILE_ORDER[d.kind], d.issued_at, d.pk))


def _estimate_pages(doc: Document) -> int:
    """A cheap page count for the index: about 24 lines of body text per page."""
    lines = 6
    for block in doc.blocks():
        if isinstance(block, Table):
            lines += sum(1 + max(len(str(c)) for c in row) // 30 for row in [block.columns, *block.rows] if row)
        else:
            lines += 1 + len(getattr(block, "text", "")) // 28
    return max(1, -(-lines // 24))


def case_file_documents(case) -> list[Document]:
    """The case file in the legal order: cover, index, every issued document, the evidence list."""
    pdf_font()
    case = (type(case).objects.select_related("agency", "deciding_body", "region", "matter", "clue")
            .prefetch_related("parties", Prefetch("officers__certificates")).get(pk=case.pk))
    context = case_context(case)
    docs = [services.build(d) for d in _case_documents(case)]
    evidence = context["evidence"]
    evidence_doc = Document("证据目录", body=[Table(EVIDENCE_COLUMNS, [
        [str(i), e["name"], e["kind"], e["by"], e["date"]] for i, e in enumerate(evidence, start=1)
    ] or [["—", "（无）", "", "", ""]], widths=[1, 5, 2, 3, 2])])
    page = 3  # cover and index come first
    index = []
    for n, doc in enumerate([*docs, evidence_doc], start=1):
        index.append({"n": n, "title": doc.title, "number": doc.number, "date": "", "page": page})
        page += _estimate_pages(doc)
    for row, stored in zip(index, _case_documents(case), strict=False):
        row["date"] = chinese_date(timezone.localtime(stored.issued_at).date())
    cover_template = services.resolve_template(DocumentKind.CASE_COVER, case.region)
    index_template = services.resolve_template(DocumentKind.CASE_INDEX, case.region)
    title, content = rendering.render(cover_template, context)
    cover = rendering.document_from_json(title, case.number, content)
    title, content = rendering.render(index_template, {**context, "index": index})
    return [cover, rendering.document_from_json(title, "", content), *docs, evidence_doc]


def case_file_pdf(case) -> bytes:
    """The whole case file as ONE PDF, built in one pass by the renderer."""
    return to_pdf_many(case_file_documents(case), title=f"{case.number} 案卷")
