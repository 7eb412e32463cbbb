"""Every state change of evidence, registered preservation, seizure and seized items (STYLE.md §4).

Each runs in a transaction with the audit context of ``by``, checks the case's state and the law (errors name the
article), and writes the typed event on the case's timeline through ``zongzhi.cases.services.log_event``.
Deadlines go on the case through ``set_deadline`` / ``meet_deadline``, so the overdue lists see them.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zongzhi.cases import services as case_services
from zongzhi.cases.choices import LIVE_STATUSES, CaseEventKind, CaseStatus
from zongzhi.cases.guards import Refused
from zongzhi.cases.models import Case
from zongzhi.cases.services.clues import _acting
from zongzhi.utilities.files import hash_stored

from .choices import (
    ITEM_STATUS_CITATIONS,
    ITEM_TRANSITIONS,
    EvidenceKind,
    ItemStatus,
    PreservationDecision,
    PreservationStatus,
    SeizureKind,
    SeizureStatus,
)
from .models import (
    MAX_EXTENSION_DAYS,
    MAX_SEIZURE_DAYS,
    Evidence,
    EvidenceFile,
    Preservation,
    PreservationItem,
    SeizedItem,
    SeizedItemEvent,
    Seizure,
)
from .uploads import HashingFile, check_files

ART_47 = "《行政处罚法》第四十七条"
ART_56 = "《行政处罚法》第五十六条"
ART_25 = "《行政强制法》第二十五条"
ART_18 = "《行政强制法》第十八条、第二十四条"


# --- helpers --------------------------------------------------------------------------------------------------

def _locked(case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _require_case(case, statuses=LIVE_STATUSES):
    if case.status not in statuses:
        raise Refused(_("Case %(number)s is %(status)s: this step is not possible now.") % {
            "number": case.number, "status": case.get_status_display()})


def _require_head(user, case, citation):
    if not case_services.may_approve(user, case):
        raise Refused(_("Only the head of the agency may approve this step."), citation=citation)


def _next_serial(queryset) -> int:
    return (queryset.aggregate(n=Max("serial"))["n"] or 0) + 1


def is_decided(case) -> bool:
    return bool(case.decided_on or case.outcome)


def _check_items(items, model, exclude):
    """Validate the item rows (dicts or unsaved instances); errors keyed ``items`` with the row number."""
    if not items:
        raise ValidationError({"items": _("List at least one item.")})
    rows, errors = [], []
    for n, item in enumerate(items, start=1):
        if isinstance(item, dict):
            item = model(**{k: v for k, v in item.items() if k in {f.name for f in model._meta.fields}})
        try:
            item.full_clean(exclude=exclude)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                label = model._meta.get_field(field).verbose_name if field != "__all__" else ""
                errors.extend(_("Item %(n)s, %(field)s: %(message)s") % {"n": n, "field": label, "message": m}
                              for m in messages)
        rows.append(item)
    if errors:
        raise ValidationError({"items": errors})
    return rows


def parse_item_lines(text):
    """Items typed one per line: ``name, quantity, unit, specification, place kept`` (comma, full-width comma or
    tab). Returns dicts; ValidationError keyed ``items`` for a bad line."""
    items, errors = [], []
    for n, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace("，", ",").replace("\t", ",").split(",")]
        parts += [""] * (5 - len(parts))
        try:
            quantity = Decimal(parts[1] or "1")
        except InvalidOperation:
            errors.append(_("Line %(n)s: the quantity “%(value)s” is not a number.") % {"n": n, "value": parts[1]})
            continue
        items.append({"name": parts[0], "quantity": quantity, "unit": parts[2] or "件", "specification": parts[3],
                      "kept_at": parts[4]})
    if errors:
        raise ValidationError({"items": errors})
    return items


# --- evidence -------------------------------------------------------------------------------------------------

def _store_files(evidence, checked, by, stored) -> list[EvidenceFile]:
    """Stream each checked upload into storage, hashing on the way; ``stored`` collects what was written so the
    caller can remove it if the transaction fails."""
    rows = []
    for item in checked:
        row = EvidenceFile(evidence=evidence, original_name=item.name, content_type=item.content_type,
                           uploaded_by=by)
        content = HashingFile(item.upload, item.name)
        row.file.save(item.name, content, save=False)
        stored.append((row.file.storage, row.file.name))
        if content.bytes_read != item.size:
            raise ValidationError({"files": _("%(name)s was not stored completely; try again.") % {"name": item.name}})
        row.size, row.sha256 = content.bytes_read, content.sha256
        row.save()
        rows.append(row)
    return rows


def _discard(stored):
    for storage, name in stored:
        try:
            storage.delete(name)
        except OSError:
            pass


def add_evidence(case, *, by, kind, title, collected_by, files=(), collected_at=None, place="", source="",
                 description="", check_state=True) -> Evidence:
    """Record an item of evidence (行政处罚法 第四十六条) collected by one of the case's handling officers, with its
    files (type, content and size checked; SHA-256 kept). Writes EVIDENCE_ADDED on the case's timeline.

    The case must be live (pending, open or suspended); ``check_state=False`` is only for the demo data of cases
    already decided or closed (never offered by a page or the API)."""
    title = (title or "").strip()
    errors = {}
    if kind not in EvidenceKind.values:
        errors["kind"] = [_("Choose the kind of evidence (《行政处罚法》第四十六条).")]
    if not title:
        errors["title"] = [_("Give the evidence a title.")]
    if collected_by is None:
        errors["collected_by"] = [_("Who collected the evidence?")]
    try:
        checked = check_files(list(files or []))
    except ValidationError as error:
        errors.update(error.message_dict)
        checked = []
    if errors:
        raise ValidationError(errors)
    written = []
    try:
        return _add_evidence(case, by, kind, title, collected_by, checked, collected_at, place, source, description,
                             written, check_state)
    except BaseException:
        _discard(written)
        raise


def _add_evidence(case, by, kind, title, collected_by, checked, collected_at, place, source, description, written,
                  check_state=True):
    with _acting(by):
        case = _locked(case)
        if check_state:
            _require_case(case)
        if not case.officers.filter(pk=collected_by.pk).exists():
            raise Refused(_("Evidence is collected by the case's handling officers."), field="collected_by",
                          citation="《行政处罚法》第四十二条、第五十五条")
        evidence = Evidence(case=case, serial=_next_serial(case.evidence.all()), kind=kind, title=title,
                            description=description or "", collected_by=collected_by,
                            collected_at=collected_at or timezone.now(), place=place or "", source=source or "",
                            added_by=by)
        evidence.full_clean(exclude=["case", "collected_by", "added_by"])
        evidence.save()
        stored = _store_files(evidence, checked, by, written)
        case_services.log_event(case, CaseEventKind.EVIDENCE_ADDED, by=by, note=title, evidence=evidence.pk,
                                serial=evidence.serial, evidence_kind=kind,
                                files=[{"name": f.original_name, "sha256": f.sha256, "size": f.size} for f in stored])
    return evidence


def add_files(evidence, *, by, files) -> list[EvidenceFile]:
    """More files for an item of evidence (never replacing the stored ones) while the case is being handled."""
    checked = check_files(list(files or []))
    if not checked:
        raise ValidationError({"files": _("Choose at least one file.")})
    written = []
    try:
        with _acting(by):
            case = _locked(evidence.case)
            _require_case(case)
            if is_decided(case):
                raise Refused(_("The case is decided: its evidence is closed."), field="files", citation=ART_47)
            stored = _store_files(evidence, checked, by, written)
            case_services.log_event(case, CaseEventKind.EVIDENCE_ADDED, by=by, note=evidence.title,
                                    evidence=evidence.pk, serial=evidence.serial,
                                    files=[{"name": f.original_name, "sha256": f.sha256, "size": f.size}
                                           for f in stored])
    except BaseException:
        _discard(written)
        raise
    return stored


def delete_evidence(evidence, *, by, reason):
    """Withdraw an item of evidence entered by mistake, before the case is decided; the reason and the hashes of
    its files stay on the timeline. The evidence of a decided case is part of the record and stays."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for deleting this evidence.")})
    with _acting(by):
        case = _locked(evidence.case)
        if is_decided(case) or case.status not in LIVE_STATUSES:
            raise Refused(_("The evidence of a decided or ended case is part of the case file and cannot be "
                            "deleted."), citation=ART_47)
        files = list(evidence.files.all())
        names = [(f.file.storage, f.file.name) for f in files]
        case_services.log_event(case, CaseEventKind.NOTE, by=by, note=reason, action="evidence_deleted",
                                evidence=evidence.pk, serial=evidence.serial, title=evidence.title,
                                files=[{"name": f.original_name, "sha256": f.sha256} for f in files])
        for f in files:
            f.delete()
        evidence.delete()

        def remove():
            for storage, name in names:
                storage.delete(name)
        transaction.on_commit(remove)


def verify_file(evidence_file) -> bool:
    """Whether the stored file still has the SHA-256 recorded when it was uploaded (False when missing)."""
    try:
        return hash_stored(evidence_file.file) == evidence_file.sha256
    except (FileNotFoundError, OSError):
        return False


def evidence_list(case):
    """The evidence of a case in the order of the case file (for the case-file PDF): collector and files loaded."""
    return (Evidence.objects.filter(case=case).select_related("collected_by")
            .prefetch_related(Prefetch("files", queryset=EvidenceFile.objects.order_by("id")))
            .order_by("serial"))


# --- registered preservation (先行登记保存) --------------------------------------------------------------------

def register_preservation(case, *, by, items, place, reason, registered_on=None) -> Preservation:
    """Evidence that may be lost or hard to obtain later is registered and kept, for the head to approve
    (行政处罚法 第五十六条)."""
    registered_on = registered_on or timezone.localdate()
    errors = {}
    if not (place or "").strip():
        errors["place"] = [_("Where is the evidence registered?")]
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason: why may the evidence be lost or hard to obtain later?")]
    if registered_on > timezone.localdate():
        errors["registered_on"] = [_("The date cannot lie in the future.")]
    try:
        rows = _check_items(items, PreservationItem, ["preservation"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with _acting(by):
        case = _locked(case)
        _require_case(case, (CaseStatus.PENDING, CaseStatus.OPEN))
        preservation = Preservation.objects.create(
            case=case, serial=_next_serial(case.preservations.all()), registered_on=registered_on, place=place,
            reason=reason, proposed_by=by)
        for row in rows:
            row.preservation = preservation
            row.save()
        case_services.log_event(case, CaseEventKind.PRESERVATION, by=by, note=reason, action="registered",
                                preservation=preservation.pk, items=[str(r) for r in rows])
    return preservation


def approve_preservation(preservation, *, by, approve=True, reason="") -> Preservation:
    """The head approves (the seven working days to decide start from the registration) or refuses."""
    with _acting(by):
        case = _locked(preservation.case)
        preservation = Preservation.objects.select_for_update().get(pk=preservation.pk)
        if preservation.status != PreservationStatus.PROPOSED:
            raise Refused(_("This preservation is %(status)s.") % {"status": preservation.get_status_display()})
        _require_case(case, (CaseStatus.PENDING, CaseStatus.OPEN))
        _require_head(by, case, ART_56)
        if not approve:
            if not (reason or "").strip():
                raise ValidationError({"reason": _("Give the reason for not approving.")})
            preservation.status = PreservationStatus.REFUSED
            preservation.decision_note = reason
            preservation.save()
            case_services.log_event(case, CaseEventKind.PRESERVATION, by=by, note=reason, action="refused",
                                    preservation=preservation.pk)
            return preservation
        deadline = case_services.set_deadline(case, preservation.deadline_key, rule="evidence-preservation-decision",
                                              start=preservation.registered_on)
        preservation.status = PreservationStatus.IN_FORCE
        preservation.approved_by, preservation.approved_on = by, timezone.localdate()
        preservation.due_on = deadline.due_on
        preservation.save()
        case_services.log_event(case, CaseEventKind.PRESERVATION, by=by, note=reason, action="approved",
                                preservation=preservation.pk, due_on=deadline.due_on.isoformat())
    return preservation


def decide_preservation(preservation, *, by, decision, note="", decided_on=None) -> Preservation:
    """The decision on preserved evidence (return, testing, seizure, confiscation, transfer …), approved by the
    head; it meets the seven-working-day deadline (a late decision is recorded as late)."""
    decided_on = decided_on or timezone.localdate()
    if decision not in PreservationDecision.values:
        raise ValidationError({"decision": _("Choose the decision.")})
    with _acting(by):
        case = _locked(preservation.case)
        preservation = Preservation.objects.select_for_update().get(pk=preservation.pk)
        if preservation.status != PreservationStatus.IN_FORCE:
            raise Refused(_("This preservation is %(status)s: there is nothing to decide.") % {
                "status": preservation.get_status_display()})
        _require_head(by, case, ART_56)
        if decided_on < preservation.registered_on or decided_on > timezone.localdate():
            raise ValidationError({"decided_on": _("The date lies between the registration and today.")})
        preservation.status, preservation.decision = PreservationStatus.DECIDED, decision
        preservation.decision_note, preservation.decided_on, preservation.decided_by = note or "", decided_on, by
        preservation.save()
        case_services.meet_deadline(case, preservation.deadline_key, on=decided_on)
        late = bool(preservation.due_on and decided_on > preservation.due_on)
        case_services.log_event(case, CaseEventKind.PRESERVATION, by=by, note=note, action="decided",
                                preservation=preservation.pk, decision=decision, decided_on=decided_on.isoformat(),
                                late=late)
    return preservation


# --- seizure (查封扣押) ----------------------------------------------------------------------------------------

ITEM_FIELDS = ("name", "quantity", "unit", "specification")


def register_seizure(case, *, by, items, place, reason, custody_place, custodian, seized_on=None,
                     term_days=MAX_SEIZURE_DAYS, kind=SeizureKind.IMPOUND) -> Seizure:
    """A seizure or impoundment for the head to approve (行政强制法 第十八条、第二十四条), at most 30 days
    (第二十五条). The items enter the ledger when it is approved."""
    seized_on = seized_on or timezone.localdate()
    errors = {}
    for field, value, message in (("place", place, _("Where is the seizure?")),
                                  ("reason", reason, _("Give the reason and legal basis.")),
                                  ("custody_place", custody_place, _("Where are the items kept?")),
                                  ("custodian", custodian, _("Who keeps the items?"))):
        if not (value or "").strip():
            errors[field] = [message]
    try:
        term_days = int(term_days)
    except (TypeError, ValueError):
        term_days = 0
    if not 1 <= term_days <= MAX_SEIZURE_DAYS:
        errors["term_days"] = [_("A seizure lasts at most 30 days (%(citation)s).") % {"citation": ART_25}]
    if kind not in SeizureKind.values:
        errors["kind"] = [_("Choose sealing up or impoundment.")]
    if seized_on > timezone.localdate():
        errors["seized_on"] = [_("The date cannot lie in the future.")]
    try:
        rows = _check_items(items, SeizedItem, ["seizure", "case", "custody_place", "custodian", "seized_on",
                                                 "status_on"])
    except ValidationError as error:
        errors.update(error.message_dict)
        rows = []
    if errors:
        raise ValidationError(errors)
    with _acting(by):
        case = _locked(case)
        _require_case(case, (CaseStatus.PENDING, CaseStatus.OPEN))
        seizure = Seizure(case=case, serial=_next_serial(case.seizures.all()), kind=kind, seized_on=seized_on,
                          place=place, reason=reason, term_days=term_days, custody_place=custody_place,
                          custodian=custodian, proposed_by=by)
        seizure.proposed_items = [{"name": r.name, "quantity": str(r.quantity), "unit": r.unit,
                                   "specification": r.specification} for r in rows]
        seizure.save()
        case_services.log_event(case, CaseEventKind.SEIZURE, by=by, note=reason, action="registered",
                                seizure=seizure.pk, items=[str(r) for r in rows], term_days=term_days)
    return seizure


def _seizure_deadline(case, seizure):
    """The end of the term: the national rule for a full 30 days, else the shorter term decided; plus any
    extension and the testing days, which are not counted (行政强制法 第二十五条)."""
    if seizure.term_days == MAX_SEIZURE_DAYS:
        return case_services.set_deadline(case, seizure.deadline_key, rule="seizure", start=seizure.seized_on)
    due_on = seizure.seized_on + datetime.timedelta(days=seizure.term_days)
    return case_services.set_deadline(case, seizure.deadline_key, due_on=due_on, start=seizure.seized_on,
                                      label=_("Seizure term"), citation=ART_25)


def approve_seizure(seizure, *, by, approve=True, reason="") -> Seizure:
    """The head approves the seizure (行政强制法 第十八条): the term starts from the decision date and its items
    enter the ledger, in custody; or refuses it with a reason."""
    with _acting(by):
        case = _locked(seizure.case)
        seizure = Seizure.objects.select_for_update().get(pk=seizure.pk)
        if seizure.status != SeizureStatus.PROPOSED:
            raise Refused(_("This seizure is %(status)s.") % {"status": seizure.get_status_display()})
        _require_case(case, (CaseStatus.PENDING, CaseStatus.OPEN))
        _require_head(by, case, ART_18)
        if not approve:
            if not (reason or "").strip():
                raise ValidationError({"reason": _("Give the reason for not approving.")})
            seizure.status = SeizureStatus.REFUSED
            seizure.save()
            case_services.log_event(case, CaseEventKind.SEIZURE, by=by, note=reason, action="refused",
                                    seizure=seizure.pk)
            return seizure
        deadline = _seizure_deadline(case, seizure)
        seizure.status, seizure.approved_by, seizure.approved_on = SeizureStatus.IN_FORCE, by, timezone.localdate()
        seizure.due_on = deadline.due_on
        seizure.save()
        for row in seizure.proposed_items:
            item = SeizedItem.objects.create(
                seizure=seizure, case=case, name=row["name"], quantity=Decimal(row["quantity"]), unit=row["unit"],
                specification=row.get("specification", ""), custody_place=seizure.custody_place,
                custodian=seizure.custodian, seized_on=seizure.seized_on, status_on=seizure.seized_on)
            SeizedItemEvent.objects.create(item=item, to_status=ItemStatus.IN_CUSTODY, on=seizure.seized_on, actor=by,
                                           actor_name=str(by), custody_place=item.custody_place,
                                           custodian=item.custodian, note=reason or "")
        case_services.log_event(case, CaseEventKind.SEIZURE, by=by, note=reason, action="approved",
                                seizure=seizure.pk, due_on=deadline.due_on.isoformat())
    return seizure


def _require_in_force(seizure):
    if seizure.status != SeizureStatus.IN_FORCE:
        raise Refused(_("This seizure is %(status)s.") % {"status": seizure.get_status_display()})


def extend_seizure(seizure, *, by, days, reason, on=None) -> Seizure:
    """One extension of at most 30 days, approved by the head with a reason, before the term ends
    (行政强制法 第二十五条). A second extension is refused."""
    on = on or timezone.localdate()
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the extension; the party is told it in writing.")})
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValidationError({"days": _("An extension is 1 to 30 days (%(citation)s).") % {"citation": ART_25}})
    with _acting(by):
        case = _locked(seizure.case)
        seizure = Seizure.objects.select_for_update().get(pk=seizure.pk)
        _require_in_force(seizure)
        _require_head(by, case, ART_25)
        if seizure.extension_days:
            raise Refused(_("A seizure may be extended only once."), field="days", citation=ART_25)
        if seizure.due_on and on > seizure.due_on:
            raise Refused(_("The term ended on %(date)s: release the items instead of extending.") % {
                "date": seizure.due_on}, field="days", citation="《行政强制法》第二十五条、第二十八条第一款第四项")
        if days == MAX_EXTENSION_DAYS:
            deadline = case_services.set_deadline(case, seizure.deadline_key, rule="seizure-extension",
                                                  start=seizure.due_on)
        else:
            deadline = case_services.set_deadline(case, seizure.deadline_key,
                                                  due_on=seizure.due_on + datetime.timedelta(days=days),
                                                  start=seizure.due_on, label=_("Seizure term (extended)"),
                                                  citation=ART_25)
        seizure.extension_days, seizure.extension_reason = days, reason
        seizure.extended_by, seizure.extended_on, seizure.due_on = by, on, deadline.due_on
        seizure.save()
        case_services.log_event(case, CaseEventKind.SEIZURE, by=by, note=reason, action="extended",
                                seizure=seizure.pk, days=days, due_on=deadline.due_on.isoformat())
    return seizure


def add_testing_period(seizure, *, by, days, note) -> Seizure:
    """Testing, inspection, quarantine or technical appraisal: its days are not counted, so the term ends that
    much later; the period is stated and the party told in writing (行政强制法 第二十五条第三款)."""
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    if days <= 0 or days > 365:
        raise ValidationError({"days": _("Give the testing period in days.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("What is tested, by whom?")})
    with _acting(by):
        case = _locked(seizure.case)
        seizure = Seizure.objects.select_for_update().get(pk=seizure.pk)
        _require_in_force(seizure)
        current = case.deadlines.filter(key=seizure.deadline_key, state="open").first()
        due_on = seizure.due_on + datetime.timedelta(days=days)
        case_services.set_deadline(case, seizure.deadline_key, due_on=due_on, start=seizure.seized_on,
                                   label=current.label if current else _("Seizure term"),
                                   citation=f"{ART_25}第三款")
        seizure.testing_days += days
        seizure.due_on = due_on
        seizure.save()
        case_services.log_event(case, CaseEventKind.SEIZURE, by=by, note=note, action="testing",
                                seizure=seizure.pk, days=days, due_on=due_on.isoformat())
    return seizure


def change_item_status(item, *, by, status, document_ref, on=None, note="") -> SeizedItem:
    """Release (return), confiscate, auction, destroy or transfer a seized item, by the head's decision with its
    document number. When nothing of a seizure stays in custody, the seizure ends and its deadline is met."""
    on = on or timezone.localdate()
    document_ref = (document_ref or "").strip()
    if status not in ItemStatus.values or status == ItemStatus.IN_CUSTODY:
        raise ValidationError({"status": _("Choose what happens to the item.")})
    if not document_ref:
        raise ValidationError({"document_ref": _("Give the number of the decision or record behind this change.")})
    with _acting(by):
        case = _locked(item.case)
        item = SeizedItem.objects.select_for_update().select_related("seizure").get(pk=item.pk)
        allowed = ITEM_TRANSITIONS.get(item.status, ())
        if status not in allowed:
            raise Refused(_("An item that is %(current)s cannot become %(new)s.") % {
                "current": item.get_status_display(), "new": ItemStatus(status).label}, field="status")
        citation = ITEM_STATUS_CITATIONS[status]
        _require_head(by, case, citation)
        if on < item.status_on or on > timezone.localdate():
            raise ValidationError({"on": _("The date lies between %(start)s and today.") % {"start": item.status_on}})
        previous = item.status
        item.status, item.status_on, item.document_ref = status, on, document_ref
        item.save()
        SeizedItemEvent.objects.create(item=item, from_status=previous, to_status=status, on=on, actor=by,
                                       actor_name=str(by), document_ref=document_ref, note=note or "")
        seizure = item.seizure
        case_services.log_event(case, CaseEventKind.SEIZURE_RELEASED, by=by, note=note, seizure=seizure.pk,
                                item=item.pk, name=str(item), status=status, document_ref=document_ref,
                                on=on.isoformat())
        if (seizure.status == SeizureStatus.IN_FORCE
                and not seizure.items.filter(status=ItemStatus.IN_CUSTODY).exists()):
            seizure.status, seizure.ended_on = SeizureStatus.ENDED, on
            seizure.save()
            case_services.meet_deadline(case, seizure.deadline_key, on=on)
    return item


def move_item(item, *, by, custody_place, custodian, on=None, note="") -> SeizedItem:
    """A change of custody place or custodian (行政强制法 第二十六条), recorded on the item's history."""
    on = on or timezone.localdate()
    if not (custody_place or "").strip() or not (custodian or "").strip():
        raise ValidationError({"custody_place": _("Give the new custody place and custodian.")})
    with _acting(by):
        item = SeizedItem.objects.select_for_update().get(pk=item.pk)
        if item.status not in (ItemStatus.IN_CUSTODY, ItemStatus.CONFISCATED):
            raise Refused(_("The item is no longer held."))
        item.custody_place, item.custodian = custody_place, custodian
        item.save()
        SeizedItemEvent.objects.create(item=item, from_status=item.status, to_status=item.status, on=on, actor=by,
                                       actor_name=str(by), custody_place=custody_place, custodian=custodian,
                                       note=note or "")
    return item


# --- the case page ----------------------------------------------------------------------------------------------

def case_records(case):
    """Everything the case section shows, in a fixed number of queries."""
    deadlines = {d.key: d for d in case.deadlines.filter(Q(key__startswith="preservation:")
                                                         | Q(key__startswith="seizure:")).order_by("id")}
    preservations = list(case.preservations.prefetch_related("items").order_by("serial"))
    seizures = list(case.seizures.prefetch_related(
        Prefetch("items", queryset=SeizedItem.objects.order_by("id"))).order_by("serial"))
    for p in preservations:
        p.deadline = deadlines.get(p.deadline_key)
    for s in seizures:
        s.deadline = deadlines.get(s.deadline_key)
    return {"evidence": list(evidence_list(case)), "preservations": preservations, "seizures": seizures}
