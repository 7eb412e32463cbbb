"""Every state change of a document or a publication goes through here: pages, API, demo and tests alike.

``issue_document`` numbers (per numbering body, year and kind, on a locked counter row), renders the template
that applies in the agency's region, stores DOCX and PDF with their SHA-256 and a verification code;
``void_document`` withdraws a wrong one (it stays, marked void, and the verification page says so).
"""

import contextlib
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zongzhi.audit.context import audit_context, current
from zongzhi.utilities.documents import Verification, to_docx, to_pdf
from zongzhi.utilities.scope import ancestor_paths

from . import rendering
from .choices import KIND_ABBREVIATIONS, PUBLISHED_KINDS, DocumentKind, DocumentStatus, PublicationStatus
from .masking import mask_name, mask_text
from .models import DocumentCounter, DocumentTemplate, GeneratedDocument, Publication

# Unambiguous characters (no 0/O, 1/I/L): 10 of them give 32**10 ≈ 10**15 codes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


@contextlib.contextmanager
def acting(by):
    _user, source, request_id = current()
    with transaction.atomic(), audit_context(user=by, source=source, request_id=request_id or None):
        yield


def numbering_body(agency):
    """Documents are numbered in the name of the body the agency acts for (a squad numbers as its township)."""
    return agency.deciding_body or agency


def format_number(body, kind, year, serial) -> str:
    """襄城镇综执罚决字〔2025〕第12号: the body's short name, the kind's abbreviation, the year and the serial."""
    return f"{body.short_name or body.name}{KIND_ABBREVIATIONS[kind]}字〔{year}〕第{serial}号"


def take_number(body, kind, year) -> int:
    """The next serial of ``body`` for ``kind`` in ``year``; the counter row is locked until the transaction ends,
    so concurrent issuers on PostgreSQL wait for each other and never share a number."""
    DocumentCounter.objects.get_or_create(agency=body, year=year, kind=kind)
    counter = DocumentCounter.objects.select_for_update().get(agency=body, year=year, kind=kind)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def resolve_template(kind, region=None) -> DocumentTemplate:
    """The template of ``kind`` that applies in ``region``: among active templates, the one of the nearest region
    at or above ``region`` (else the national default), and of that jurisdiction the highest version."""
    paths = [*ancestor_paths(region.path), region.path] if region is not None else []
    candidates = (DocumentTemplate.objects.select_related("region")
                  .filter(kind=kind, active=True).filter(Q(region__isnull=True) | Q(region__path__in=paths)))
    best = max(candidates, key=lambda t: (len(t.region.path) if t.region_id else 0, t.version), default=None)
    if best is None:
        raise ValidationError(_("There is no active template for %(kind)s; the county justice bureau can add one "
                                "(or run seed_document_templates).") % {"kind": DocumentKind(kind).label})
    return best


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def verification_for(doc) -> Verification:
    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    return Verification(code=doc.verification_code, url=base + doc.get_verify_url())


def build(doc):
    """The renderer's ``Document`` of an issued document (from its stored content)."""
    return rendering.document_from_json(doc.title, doc.number, doc.content, verification_for(doc))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def issue_document(kind, *, agency, target=None, context=None, by, case=None, issued_at=None) -> GeneratedDocument:
    """Number, render and store a document of ``kind`` issued by ``agency`` (numbered in its deciding body's
    name) about ``target`` (any record; a case's documents also pass ``case``)."""
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose a valid kind of document.")})
    body = numbering_body(agency)
    if body is None:
        raise ValidationError({"agency": _("%(agency)s acts in no enforcement body's name and cannot issue "
                                           "documents (行政处罚法 Art. 17).") % {"agency": agency}})
    region = (case.region if case is not None else None) or agency.region
    template = resolve_template(kind, region)
    issued_at = issued_at or timezone.now()
    year = timezone.localtime(issued_at).year
    with acting(by):
        serial = take_number(body, kind, year)
        doc = GeneratedDocument(kind=kind, agency=body, year=year, serial=serial,
                                number=format_number(body, kind, year, serial), template=template,
                                template_version=template.version, issued_by=by,
                                issued_by_name=str(by) if by else "", issued_at=issued_at,
                                verification_code=new_code())
        if case is not None:
            doc.case = case
        if target is not None:
            doc.target = target
        values = {**(context or {}), "number": doc.number, "agency": (context or {}).get("agency", body.name)}
        doc.title, doc.content = rendering.render(template, values)
        doc.content["private_names"] = list((context or {}).get("private_names", []))
        document = build(doc)
        docx, pdf = to_docx(document), to_pdf(document)
        doc.docx_sha256, doc.pdf_sha256 = _sha256(docx), _sha256(pdf)
        stem = f"{kind}-{year}-{serial}-{secrets.token_hex(6)}"  # never the code: the path must not reveal it
        doc.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
        doc.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        doc.save()
        _on_issued(doc, by)
    return doc


def _on_issued(doc, by):
    """A case's document is an event on the case's timeline (全过程记录)."""
    case_id = getattr(doc, "case_id", None)
    if case_id:
        from zongzhi.cases.choices import CaseEventKind
        from zongzhi.cases.services import log_event

        log_event(doc.case, CaseEventKind.DOCUMENT_ISSUED, by=by, note=doc.number, document=doc.pk,
                  document_kind=doc.kind)


def void_document(doc, *, reason, by) -> GeneratedDocument:
    """Mark an issued document void (it is kept; its number is not reused; verification shows it void)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for voiding the document.")})
    with acting(by):
        locked = GeneratedDocument.objects.select_for_update().get(pk=doc.pk)
        if locked.status != DocumentStatus.ISSUED:
            raise ValidationError(_("Document %(number)s is already void.") % {"number": locked.number})
        if locked.publications.filter(status=PublicationStatus.PUBLISHED).exists():
            raise ValidationError(_("Document %(number)s is published: withdraw the publication first "
                                    "(行政处罚法 Art. 48).") % {"number": locked.number})
        locked.status = DocumentStatus.VOID
        locked.voided_at = timezone.now()
        locked.voided_by = by
        locked.void_reason = reason
        locked.save()
    return locked


def verify(number: str, code: str):
    """The document with this number and code, or None. Constant-time comparison of the code."""
    number, code = (number or "").strip(), (code or "").strip().upper()
    if not number or not code:
        return None
    for doc in GeneratedDocument.objects.select_related("agency").filter(number=number):
        if secrets.compare_digest(doc.verification_code, code):
            return doc
    return None


@transaction.atomic
def seed_document_templates() -> dict:
    """Load the national default wording (``seed_templates.TEMPLATES``) of every kind. Idempotent: a kind whose
    national templates already include this exact wording is left alone; changed wording becomes a new version."""
    from .seed_templates import TEMPLATES

    counts = {"created": 0, "unchanged": 0}
    for kind in DocumentKind.values:
        title, body = TEMPLATES[kind]
        body = body.strip("\n") + "\n"
        national = DocumentTemplate.objects.filter(kind=kind, region__isnull=True)
        if national.filter(title=title, body=body).exists():
            counts["unchanged"] += 1
            continue
        latest = national.order_by("-version").first()
        DocumentTemplate.objects.create(kind=kind, region=None, version=(latest.version + 1) if latest else 1,
                                        active=True, title=title, body=body,
                                        note="国家默认文本" if latest is None else "国家默认文本更新")
        counts["created"] += 1
    return counts


# --- publication (公示) ----------------------------------------------------------------------------------------

PUBLICATION_KEY = "publication"  # the case deadline opened when the decision is issued
PUBLICATION_RULE = "penalty-publication"  # 7 working days (国办发〔2018〕118号)
WITHDRAWAL_RULE = "publication-withdrawal"  # 3 working days (行政处罚法 Art. 48)


def publishable_decision(case):
    """The case's latest issued penalty decision (general or on the spot), or None."""
    return (GeneratedDocument.objects.filter(case=case, kind__in=PUBLISHED_KINDS, status=DocumentStatus.ISSUED)
            .order_by("-issued_at", "-id").first())


def published_text(doc, names) -> str:
    """The decision's text for the public: every paragraph and table row, with personal data masked."""
    lines = []
    for block in doc.content.get("blocks", []):
        if block["t"] == "table":
            lines += ["　".join(map(str, row)) for row in [block["columns"], *block["rows"]] if any(row)]
        else:
            lines.append(block["text"])
    for label, party, date in doc.content.get("signatures", []):
        lines.append("　".join(x for x in (party or label, date) if x))
    return mask_text("\n".join(lines), names)


def publish(case, *, by, published_at=None):
    """Publish the case's penalty decision: the text with individuals' names, identity and mobile numbers masked
    (organisations are named), due 7 working days after the decision; a later publication is flagged late."""
    from zongzhi.deadlines.services import compute

    doc = publishable_decision(case)
    if doc is None:
        raise ValidationError(_("There is no issued penalty decision to publish."))
    published_at = published_at or timezone.now()
    decision_date = case.decided_on or timezone.localtime(doc.issued_at).date()
    deadline = compute(PUBLICATION_RULE, decision_date, region=case.region)
    parties = list(case.parties.all())
    names = [*doc.content.get("private_names", []), *(p.name for p in parties if p.is_person)]
    with acting(by):
        if Publication.objects.select_for_update().filter(document=doc, status=PublicationStatus.PUBLISHED).exists():
            raise ValidationError(_("Decision %(number)s is already published.") % {"number": doc.number})
        publication = Publication.objects.create(
            case=case, agency=doc.agency, document=doc,
            title=f"{doc.agency.name}{doc.title}（{doc.number}）",
            party="、".join(mask_name(p.name) if p.is_person else p.name for p in parties),
            text=published_text(doc, names), decision_date=decision_date, due_date=deadline.due,
            due_citation=deadline.citation, published_at=published_at, published_by=by,
            late=timezone.localtime(published_at).date() > deadline.due)
        from zongzhi.cases.choices import CaseEventKind
        from zongzhi.cases.services import log_event, meet_deadline

        meet_deadline(case, PUBLICATION_KEY, on=timezone.localtime(published_at).date())
        log_event(case, CaseEventKind.PUBLISHED, by=by, note=doc.number, publication=publication.pk,
                  late=publication.late, due=deadline.due.isoformat())
    return publication


def withdraw(publication, *, reason, by, changed_on=None):
    """Take a publication down because the decision was changed, revoked, or found unlawful or void: due within 3
    working days of that change (行政处罚法 Art. 48); a later withdrawal is recorded as late."""
    from zongzhi.deadlines.services import compute

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for withdrawing the publication.")})
    today = timezone.localdate()
    changed_on = changed_on or today
    if changed_on > today:
        raise ValidationError({"changed_on": _("The date cannot be in the future.")})
    with acting(by):
        locked = Publication.objects.select_for_update().select_related("case").get(pk=publication.pk)
        if locked.status != PublicationStatus.PUBLISHED:
            raise ValidationError(_("This publication is already withdrawn."))
        if changed_on < locked.decision_date:
            raise ValidationError({"changed_on": _("The decision cannot change before it was made.")})
        due = compute(WITHDRAWAL_RULE, changed_on, region=locked.case.region).due
        locked.status = PublicationStatus.WITHDRAWN
        locked.changed_on, locked.withdrawal_due = changed_on, due
        locked.withdrawn_at, locked.withdrawn_by, locked.withdrawal_reason = timezone.now(), by, reason
        locked.withdrawn_late = today > due
        locked.save()
        from zongzhi.cases.choices import CaseEventKind
        from zongzhi.cases.services import log_event

        log_event(locked.case, CaseEventKind.PUBLICATION_WITHDRAWN, by=by, note=reason, publication=locked.pk,
                  due=due.isoformat(), late=locked.withdrawn_late)
    return locked
