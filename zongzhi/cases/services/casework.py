"""Every state change of a case (STYLE.md §4-5). Pages, the API, other modules and tests call these.

Each function runs in a transaction, locks the case, checks the current state and the law (``guards``), writes the
typed ``CaseEvent`` and keeps the stage rows (``CaseStage``) and the running time limits (``CaseDeadline``).

Contract for the other case modules (evidence, reviews, enforcement, documents):
``log_event``, ``set_deadline``/``meet_deadline``/``cancel_deadline`` for their own steps, and
``review_done``, ``discussion_done``, ``served``, ``executed``, ``end_by_transfer`` to move the case on.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from zongzhi.deadlines.services import compute
from zongzhi.users import roles

from .. import guards
from ..choices import (
    LIVE_STATUSES,
    CaseEventKind,
    CaseOutcome,
    CaseStatus,
    ClueStatus,
    DeadlineState,
    Outcome,
    Procedure,
    StageCode,
    StageStatus,
)
from ..models import Case, CaseDeadline, CaseEvent, CaseStage, Party, Sequence, Stage
from ..stages_data import STAGES
from .clues import _acting, numbering_body, triage

S = StageCode
DECISION_KEY = "decision"


# --- plumbing -------------------------------------------------------------------------------------------------

def ensure_stages() -> dict:
    """The stage definitions, created from ``stages_data`` when missing (idempotent)."""
    stages = Stage.objects.in_bulk(field_name="code")
    if len(stages) < len(STAGES):
        for order, spec in enumerate(STAGES, start=1):
            if spec["code"] not in stages:
                stages[spec["code"]] = Stage.objects.create(order=order, **spec)
    return stages


def take_number(body, year, kind) -> int:
    """The next serial of ``kind`` for ``body`` in ``year`` (locked row: no two numbers alike)."""
    Sequence.objects.get_or_create(agency=body, year=year, kind=kind)
    seq = Sequence.objects.select_for_update().get(agency=body, year=year, kind=kind)
    seq.last += 1
    seq.save(update_fields=["last"])
    return seq.last


def log_event(case, kind, /, *, by, note="", stage="", **data) -> CaseEvent:
    """Append a typed event to the case's timeline."""
    return CaseEvent.objects.create(case=case, kind=kind, stage=stage or case.stage, actor=by,
                                    actor_name=str(by) if by else "", note=note, data=data)


def _locked(case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _require(case, *, status=(CaseStatus.OPEN,), stage=None):
    if case.status not in status:
        raise guards.Refused(_("Case %(number)s is %(status)s: this step is not possible now.") % {
            "number": case.number, "status": case.get_status_display()})
    if stage is not None and case.stage not in (stage if isinstance(stage, tuple) else (stage,)):
        raise guards.Refused(_("Case %(number)s is at the stage “%(stage)s”: this step is not possible now.") % {
            "number": case.number, "stage": case.get_stage_display()})


def may_approve(user, case) -> bool:
    """The head who approves filing and decisions: a township leader over the place, the liaison of the deciding
    department, or a superuser."""
    if user.is_superuser:
        return True
    for a in user.active_assignments():
        if a.role == roles.LEADER and case.region.path.startswith(a.agency.region.path):
            return True
        if a.role == roles.DEPARTMENT_LIAISON and case.deciding_body.path.startswith(a.agency.path):
            return True
    return False


def _require_head(user, case):
    if not may_approve(user, case):
        raise guards.Refused(_("Only the head of the agency may approve this step."),
                             citation="《行政处罚法》第五十四条、第五十七条")


# --- stages ---------------------------------------------------------------------------------------------------

def enter_stage(case, code, *, by, note="") -> CaseStage:
    """Start stage ``code`` (the case's current stage from now on) and its deadline rule, if it has one."""
    stage = ensure_stages()[code]
    row = CaseStage.objects.create(case=case, stage=stage, started_by=str(by) if by else "", note=note)
    case.stage = code
    case.save(update_fields=["stage", "updated"])
    log_event(case, CaseEventKind.STAGE_STARTED, by=by, stage=code, note=note)
    if stage.deadline_rule:
        set_deadline(case, f"stage:{code}", rule=stage.deadline_rule, start=timezone.localdate())
    return row


def finish_stage(case, code, *, by, status=StageStatus.DONE, note="") -> CaseStage | None:
    """Close the open row of stage ``code`` (done, skipped or sent back) and meet its deadline."""
    row = case.stages.filter(stage__code=code, finished_at__isnull=True).order_by("-started_at").first()
    if row is None:
        row = CaseStage(case=case, stage=ensure_stages()[code], started_by=str(by) if by else "")
    row.status, row.finished_at, row.finished_by = status, timezone.now(), str(by) if by else ""
    row.note = note or row.note
    row.save()
    meet_deadline(case, f"stage:{code}")
    kind = CaseEventKind.STAGE_RETURNED if status == StageStatus.RETURNED else CaseEventKind.STAGE_FINISHED
    log_event(case, kind, by=by, stage=code, note=note, status=status)
    return row


# --- deadlines ------------------------------------------------------------------------------------------------

def set_deadline(case, key, *, rule=None, start=None, due_on=None, label="", citation="",
                 pauses_with_case=False) -> CaseDeadline:
    """Open (or replace) the deadline ``key`` of a case: from a deadline rule counted from ``start`` in the case's
    region, or an explicit ``due_on`` with its ``citation``."""
    start = start or timezone.localdate()
    provisional = False
    if rule:
        # A deadline reaching into a year whose holidays are not published yet is counted provisionally (weekends
        # only) and recounted when the year is entered (``recount_provisional_deadlines``).
        deadline = compute(rule, start, region=case.region)
        due_on = deadline.due if isinstance(deadline.due, datetime.date) else deadline.due.date()
        label = label or deadline.rule.name
        citation = citation or deadline.citation
        provisional = deadline.provisional
    if due_on is None:
        raise ValueError("A deadline needs a rule or a due date.")
    case.deadlines.filter(key=key, state=DeadlineState.OPEN).update(state=DeadlineState.CANCELLED)
    row = CaseDeadline.objects.create(case=case, region_id=case.region_id, key=key, label=label[:100], rule=rule or "", citation=citation,
                                      start=start, due_on=due_on, pauses_with_case=pauses_with_case,
                                      provisional=provisional)
    refresh_next_due(case)
    return row


def recount_provisional_deadlines(**_kwargs) -> int:
    """Recount the open provisional deadlines (after a holiday year was entered), keeping the days a suspension
    or an extension added. Returns how many moved."""
    moved = 0
    rows = CaseDeadline.objects.filter(state=DeadlineState.OPEN, provisional=True).exclude(rule="")
    for row in rows.select_related("case__region"):
        deadline = compute(row.rule, row.start, region=row.case.region)
        due_on = deadline.due if isinstance(deadline.due, datetime.date) else deadline.due.date()
        if row.pauses_with_case:
            due_on += datetime.timedelta(days=row.case.suspended_days)
        if row.key == DECISION_KEY:
            due_on += datetime.timedelta(days=row.case.extended_days)
        moved += due_on != row.due_on
        row.due_on, row.provisional = due_on, deadline.provisional
        row.save(update_fields=["due_on", "provisional"])
        refresh_next_due(row.case)
    return moved


def meet_deadline(case, key, *, on=None):
    n = case.deadlines.filter(key=key, state=DeadlineState.OPEN).update(state=DeadlineState.MET,
                                                                       met_on=on or timezone.localdate())
    if n:
        refresh_next_due(case)
    return n


def cancel_deadline(case, key):
    n = case.deadlines.filter(key=key, state=DeadlineState.OPEN).update(state=DeadlineState.CANCELLED)
    if n:
        refresh_next_due(case)
    return n


def refresh_next_due(case):
    """Keep the nearest open deadline on the case row, for the lists and the overdue query."""
    nearest = case.deadlines.filter(state=DeadlineState.OPEN).order_by("due_on", "id").first()
    case.next_due_on = nearest.due_on if nearest else None
    case.next_due_label = nearest.label if nearest else ""
    Case.objects.filter(pk=case.pk).update(next_due_on=case.next_due_on, next_due_label=case.next_due_label)


# --- filing (立案) --------------------------------------------------------------------------------------------

def _check_parties(parties):
    if not parties:
        raise guards.Refused(_("A case needs at least one party."), field="parties")
    errors = {}
    for n, party in enumerate(parties, start=1):
        try:
            party.full_clean(exclude=["case"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault("parties", []).extend(
                    _("Party %(n)s, %(field)s: %(message)s") % {"n": n, "field": Party._meta.get_field(field).verbose_name
                                                              if field != "__all__" else "", "message": m}
                    for m in messages)
    if errors:
        raise ValidationError(errors)


def file_case(case, *, parties, officers, by) -> Case:
    """Register a case for filing approval (立案审批): the matter must be exercisable by the agency where and
    when the act happened, within the limitation, by at least two certified officers, and not filed first by
    another body. The case gets its number now; the leader approves with ``approve_filing``."""
    if case.pk is not None:
        raise ValidationError(_("This case is already registered."))
    case.full_clean(exclude=["number", "year", "serial", "deciding_body", "officers", "cause"])
    _check_parties(parties)
    answer = guards.check_competence(case.agency, case.matter, case.region, case.act_on)
    case.deciding_body = answer.in_name_of or case.agency.deciding_body
    guards.check_limitation(case)
    guards.check_officers(officers, case.matter.domain, timezone.localdate(), numbering_body(case.agency))
    guards.check_jurisdiction(case, parties)
    if not case.cause:
        case.cause = _("Suspected %(matter)s") % {"matter": case.matter.name}
    with _acting(by):
        body = case.deciding_body
        case.year = timezone.localdate().year
        case.serial = take_number(body, case.year, "case")
        case.number = f"{body.short_name or body.name}立〔{case.year}〕{case.serial}号"
        case.requested_on = timezone.localdate()
        case.status = CaseStatus.PENDING
        case.stage = S.FILING
        case.save()
        case.officers.set(officers)
        for party in parties:
            party.case = case
            party.save()
        log_event(case, CaseEventKind.REGISTERED, by=by, parties=[p.name for p in parties],
                  officers=[o.name for o in officers], competence=str(answer.reason))
        enter_stage(case, S.FILING, by=by)
        if case.clue_id:
            if case.clue.status == ClueStatus.NEW:
                triage(case.clue, outcome=Outcome.FILED, reason=_("Filed as case %(number)s.") % {
                    "number": case.number}, by=by)
            from zongzhi.inspections.services import link_case  # the inspection findings behind the clue

            link_case(case, by=by)
    return case


def approve_filing(case, *, by, approve=True, reason="") -> Case:
    """The leader approves the filing (立案) — the 90-day clock to the decision starts (Art. 60) — or refuses it
    with a reason."""
    with _acting(by):
        case = _locked(case)
        _require(case, status=(CaseStatus.PENDING,))
        _require_head(by, case)
        if not approve:
            if not (reason or "").strip():
                raise ValidationError({"reason": _("Give the reason for not filing.")})
            finish_stage(case, S.FILING, by=by, status=StageStatus.RETURNED, note=reason)
            case.status = CaseStatus.NOT_APPROVED
            case.save(update_fields=["status", "updated"])
            log_event(case, CaseEventKind.FILING_REFUSED, by=by, note=reason)
            return case
        guards.check_officers(case.officers.all(), case.matter.domain, timezone.localdate())
        case.status, case.filed_on, case.filing_approved_by = CaseStatus.OPEN, timezone.localdate(), by
        case.save(update_fields=["status", "filed_on", "filing_approved_by", "updated"])
        finish_stage(case, S.FILING, by=by)
        log_event(case, CaseEventKind.FILING_APPROVED, by=by, note=reason)
        set_deadline(case, DECISION_KEY, rule="penalty-decision", start=case.filed_on, pauses_with_case=True)
        enter_stage(case, S.INVESTIGATION, by=by)
    return case


def set_officers(case, officers, *, by) -> Case:
    with _acting(by):
        case = _locked(case)
        _require(case, status=LIVE_STATUSES)
        guards.check_officers(officers, case.matter.domain, timezone.localdate(), case.deciding_body)
        case.officers.set(officers)
        log_event(case, CaseEventKind.OFFICERS_CHANGED, by=by, officers=[o.name for o in officers])
    return case


# --- investigation report and what it requires ----------------------------------------------------------------

def submit_report(case, *, by, facts, proposed_outcome, fine_amount=0, confiscated_amount=0, penalty_types=(),
                  level="", discretion_facts=None, deviation_reason="", complex_case=False) -> Case:
    """The investigation report (调查终结报告) with the proposed outcome. It decides what the case needs next:
    legal review (Art. 58), collective discussion (Art. 57), the notice and hearing rights (Arts. 44, 63)."""
    facts = (facts or "").strip()
    if not facts:
        raise ValidationError({"facts": _("State the facts found.")})
    if proposed_outcome not in CaseOutcome.values or proposed_outcome == CaseOutcome.TRANSFERRED:
        raise ValidationError({"proposed_outcome": _("Choose the proposed outcome.")})
    fine_amount, confiscated_amount = Decimal(fine_amount or 0), Decimal(confiscated_amount or 0)
    penalty_types = list(penalty_types or [])
    with _acting(by):
        case = _locked(case)
        _require(case, stage=(S.INVESTIGATION, S.REPORT))
        parties = list(case.parties.all())
        flags = []
        if proposed_outcome == CaseOutcome.PENALTY:
            if not penalty_types:
                raise ValidationError({"penalty_types": _("Choose the penalty types.")})
            guards.check_summary(case.procedure, parties, fine_amount, penalty_types)
            flags = check_discretion(case, level, discretion_facts or {}, fine_amount, penalty_types)
            if flags and not deviation_reason.strip():
                raise guards.Refused(_("The proposal deviates from the discretion benchmark: give the reason."),
                                     field="deviation_reason", citation="《行政处罚法》第三十四条")
        else:
            fine_amount, confiscated_amount, penalty_types = Decimal(0), Decimal(0), []
        case.facts = facts
        case.penalty_types, case.fine_amount, case.confiscated_amount = penalty_types, fine_amount, confiscated_amount
        case.discretion_level, case.discretion_flags, case.deviation_reason = level, flags, deviation_reason.strip()
        case.outcome = ""
        case.hearing_rights = (proposed_outcome == CaseOutcome.PENALTY
                               and guards.hearing_rights(case, parties, fine_amount, penalty_types,
                                                         confiscated_amount))
        case.review_reasons = ([] if case.procedure == Procedure.SUMMARY else
                               guards.review_reasons(case, parties, fine_amount, penalty_types, flags,
                                                     complex_case=complex_case))
        case.discussion_required = (case.procedure == Procedure.GENERAL
                                    and guards.discussion_required(case, parties, fine_amount, complex_case))
        case.save()
        if case.stage == S.INVESTIGATION:
            finish_stage(case, S.INVESTIGATION, by=by)
        log_event(case, CaseEventKind.REPORT, by=by, note=facts[:500], proposed_outcome=proposed_outcome,
                  fine_amount=str(fine_amount), penalty_types=penalty_types, flags=flags,
                  review_reasons=case.review_reasons, discussion=case.discussion_required,
                  hearing_rights=case.hearing_rights)
        case.__dict__["proposed_outcome"] = proposed_outcome
        _after_report(case, by, proposed_outcome)
    return case


def proposed_outcome(case):
    """The outcome proposed in the latest investigation report."""
    cached = case.__dict__.get("proposed_outcome")
    if cached:
        return cached
    event = case.events.filter(kind=CaseEventKind.REPORT).order_by("-at", "-id").first()
    return event.data.get("proposed_outcome", "") if event else ""


def check_discretion(case, level, facts, amount, penalty_types):
    """Measure the proposal against the discretion benchmark: an amount the law forbids is refused; a deviation
    is returned as flags (a reason and legal review are then required). No benchmark: the legal range only."""
    from zongzhi.discretion.services import NoApplicableStandard, check_amount

    if not level:
        legal_max = case.matter.fine_max
        if legal_max is not None and amount > legal_max:
            raise guards.Refused(_("%(amount)s yuan is above the legal maximum of %(max)s yuan.") % {
                "amount": amount, "max": legal_max}, field="fine_amount",
                citation=case.matter.penalty_citation or "《行政处罚法》第三十四条")
        return []
    try:
        check = check_amount(case.matter, case.region, case.act_on, level, facts, amount, penalty_types)
    except NoApplicableStandard as error:
        raise ValidationError({"level": str(error)}) from error
    except ValidationError as error:
        if hasattr(error, "error_dict") and "amount" in error.error_dict:
            raise ValidationError({"fine_amount": error.error_dict.pop("amount"), **error.error_dict}) from error
        raise
    return list(check.flags)


def _after_report(case, by, outcome):
    if case.review_reasons:
        enter_stage(case, S.LEGAL_REVIEW, by=by)
    elif case.discussion_required:
        enter_stage(case, S.DISCUSSION, by=by)
    elif outcome == CaseOutcome.PENALTY:
        enter_stage(case, S.NOTICE, by=by)
    else:
        enter_stage(case, S.DECISION, by=by)


def review_done(case, *, passed, by, reason="") -> Case:
    """Called by the legal review: approved, the case moves on; not approved, it goes back to investigation
    with the reviewer's reasons."""
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.LEGAL_REVIEW)
        if not passed:
            finish_stage(case, S.LEGAL_REVIEW, by=by, status=StageStatus.RETURNED, note=reason)
            enter_stage(case, S.INVESTIGATION, by=by, note=reason)
            return case
        finish_stage(case, S.LEGAL_REVIEW, by=by, note=reason)
        notified = case.stages.filter(stage__code=S.NOTICE, status=StageStatus.DONE).exists()
        outcome = proposed_outcome(case)
        if case.discussion_required and not case.stages.filter(stage__code=S.DISCUSSION,
                                                               status=StageStatus.DONE).exists():
            enter_stage(case, S.DISCUSSION, by=by)
        elif outcome == CaseOutcome.PENALTY and not notified:
            enter_stage(case, S.NOTICE, by=by)
        else:
            enter_stage(case, S.DECISION, by=by)
    return case


def discussion_done(case, *, conclusion, by) -> Case:
    """Called by the collective discussion with its conclusion: go on to the notice (or decision), or back."""
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.DISCUSSION)
        if conclusion == "investigate":
            finish_stage(case, S.DISCUSSION, by=by, status=StageStatus.RETURNED)
            enter_stage(case, S.INVESTIGATION, by=by)
            return case
        finish_stage(case, S.DISCUSSION, by=by)
        notified = case.stages.filter(stage__code=S.NOTICE, status=StageStatus.DONE).exists()
        if proposed_outcome(case) == CaseOutcome.PENALTY and not notified:
            enter_stage(case, S.NOTICE, by=by)
        else:
            enter_stage(case, S.DECISION, by=by)
    return case


# --- notice, statement, hearing -------------------------------------------------------------------------------

def give_notice(case, *, by, notified_on=None) -> Case:
    """The notice of intended penalty (行政处罚事先告知书) with the facts, reasons, basis and rights (Art. 44), and
    the hearing rights where Art. 63 applies. The party's time to answer starts."""
    notified_on = notified_on or timezone.localdate()
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.NOTICE)
        finish_stage(case, S.NOTICE, by=by)
        log_event(case, CaseEventKind.NOTICE, by=by, hearing_rights=case.hearing_rights,
                  notified_on=notified_on.isoformat())
        enter_stage(case, S.HEARING, by=by)
        rule = guards.local_rule(case.region)
        from zongzhi.deadlines.services import count_period

        statement = count_period(notified_on, rule.statement_days, "working_days")
        set_deadline(case, "statement", due_on=statement.due, start=notified_on,
                     label=_("Statement and defence"),
                     citation=rule.citation or "《行政处罚法》第四十五条、第八十五条")
        if case.hearing_rights:
            set_deadline(case, "hearing-request", rule="hearing-request", start=notified_on)
    return case


def record_statement(case, *, by, text, waived=False) -> Case:
    """The party's statement and defence (陈述申辩), or their written waiver. Art. 45: the agency must hear it
    and check the facts; a heavier penalty for a defence is forbidden."""
    if not (text or "").strip():
        raise ValidationError({"text": _("Record what the party said, or the waiver.")})
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.HEARING)
        log_event(case, CaseEventKind.STATEMENT, by=by, note=text, waived=waived)
        meet_deadline(case, "statement")
        if waived:
            meet_deadline(case, "hearing-request")
    return case


def request_hearing(case, *, by, requested_on=None) -> Case:
    """The party requests a hearing (within 5 working days of the notice, Art. 64)."""
    requested_on = requested_on or timezone.localdate()
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.HEARING)
        if not case.hearing_rights:
            raise guards.Refused(_("This proposed penalty gives no right to a hearing."),
                                 citation="《行政处罚法》第六十三条")
        deadline = case.deadlines.filter(key="hearing-request").order_by("-id").first()
        if deadline and requested_on > deadline.due_on:
            raise guards.Refused(_("The time to request a hearing ended on %(date)s.") % {"date": deadline.due_on},
                                 citation="《行政处罚法》第六十四条第一项")
        meet_deadline(case, "hearing-request", on=requested_on)
        log_event(case, CaseEventKind.HEARING_REQUESTED, by=by, requested_on=requested_on.isoformat())
    return case


def notify_hearing(case, *, by, hearing_on, notified_on=None) -> Case:
    """Notify the time and place of the hearing at least 7 working days before (Art. 64)."""
    notified_on = notified_on or timezone.localdate()
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.HEARING)
        if not case.events.filter(kind=CaseEventKind.HEARING_REQUESTED).exists():
            raise guards.Refused(_("No hearing was requested."))
        latest = compute("hearing-notice", hearing_on, region=case.region)
        if notified_on > latest.due:
            raise guards.Refused(_("A hearing on %(date)s must be notified by %(latest)s.") % {
                "date": hearing_on, "latest": latest.due}, field="hearing_on", citation=latest.citation)
        log_event(case, CaseEventKind.HEARING_NOTICE, by=by, hearing_on=hearing_on.isoformat())
        set_deadline(case, "hearing", due_on=hearing_on, start=notified_on, label=_("Hearing"),
                     citation="《行政处罚法》第六十四条")
    return case


def record_hearing(case, *, by, minutes) -> Case:
    """The hearing was held (听证笔录). Art. 58: a heard case needs legal review before the decision."""
    if not (minutes or "").strip():
        raise ValidationError({"minutes": _("Record the hearing.")})
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.HEARING)
        if not case.events.filter(kind=CaseEventKind.HEARING_NOTICE).exists():
            raise guards.Refused(_("The parties were not notified of the hearing."),
                                 citation="《行政处罚法》第六十四条第二项")
        log_event(case, CaseEventKind.HEARING_HELD, by=by, note=minutes)
        meet_deadline(case, "hearing")
        meet_deadline(case, "statement")
        reasons = guards.review_reasons(case, list(case.parties.all()), case.fine_amount, case.penalty_types,
                                        case.discretion_flags, heard=True)
        case.review_reasons = reasons
        case.save(update_fields=["review_reasons", "updated"])
    return case


def end_statement(case, *, by) -> Case:
    """Close the statement and hearing stage: the party stated, waived, or the time ran out. A heard case goes
    to legal review again; otherwise to the decision."""
    today = timezone.localdate()
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.HEARING)
        requested = case.events.filter(kind=CaseEventKind.HEARING_REQUESTED).exists()
        heard = case.events.filter(kind=CaseEventKind.HEARING_HELD).exists()
        if requested and not heard:
            raise guards.Refused(_("The party requested a hearing that has not been held."),
                                 citation="《行政处罚法》第六十三条、第六十四条")
        # A statement meets the statement deadline; only a written waiver ends the time to request a hearing.
        open_answer = case.deadlines.filter(key__in=["statement", "hearing-request"], state=DeadlineState.OPEN,
                                            due_on__gte=today).order_by("due_on").first()
        if open_answer is not None and not heard:
            raise guards.Refused(_("The party may still answer until %(date)s (%(what)s).") % {
                "date": open_answer.due_on, "what": open_answer.label}, citation="《行政处罚法》第四十五条、第六十二条")
        meet_deadline(case, "statement")
        meet_deadline(case, "hearing-request")
        finish_stage(case, S.HEARING, by=by)
        enter_stage(case, S.LEGAL_REVIEW if heard else S.DECISION, by=by)
    return case


# --- decision -------------------------------------------------------------------------------------------------

def decide(case, *, by, outcome, decision_text="", fine_amount=None, penalty_types=None, no_penalty_ground="",
           education_record="", decided_on=None) -> Case:
    """The decision (Art. 57), approved by the head. The guards: notice and time to answer, legal review and
    collective discussion where required, the amount within the law and as reviewed, and for leniency the ground
    and the education record (Art. 33)."""
    decided_on = decided_on or timezone.localdate()
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.DECISION)
        _require_head(by, case)
        if outcome not in CaseOutcome.values or outcome == CaseOutcome.TRANSFERRED:
            raise ValidationError({"outcome": _("Choose the outcome.")})
        guards.check_ready_for_decision(case, decided_on, outcome)
        if outcome == CaseOutcome.PENALTY:
            amount = case.fine_amount if fine_amount is None else Decimal(fine_amount)
            types = case.penalty_types if penalty_types is None else list(penalty_types)
            if proposed_outcome(case) != CaseOutcome.PENALTY:
                raise guards.Refused(_("No penalty was proposed and notified: report again first."),
                                     citation="《行政处罚法》第四十四条、第六十二条")
            if amount > case.fine_amount or set(types) - set(case.penalty_types):
                raise guards.Refused(_("The decision cannot be heavier than the notified penalty (%(amount)s yuan): "
                                       "notify the party again.") % {"amount": case.fine_amount},
                                     field="fine_amount", citation="《行政处罚法》第四十五条第二款")
            guards.check_summary(case.procedure, list(case.parties.all()), amount, types)
            case.fine_amount, case.penalty_types = amount, types
        else:
            case.fine_amount, case.confiscated_amount, case.penalty_types = Decimal(0), Decimal(0), []
        if outcome == CaseOutcome.NO_PENALTY:
            if not no_penalty_ground:
                raise ValidationError({"no_penalty_ground": _("Choose the ground for not imposing a penalty.")})
            if not education_record.strip():
                raise guards.Refused(_("A party who is not penalised must be educated: record how."),
                                     field="education_record", citation="《行政处罚法》第三十三条第三款")
        if outcome == CaseOutcome.EDUCATION_PLEDGE and not education_record.strip():
            raise ValidationError({"education_record": _("Record the education and the written pledge.")})
        case.outcome, case.no_penalty_ground = outcome, no_penalty_ground if outcome == CaseOutcome.NO_PENALTY else ""
        case.decision_text, case.decided_on, case.decided_by = decision_text, decided_on, by
        case.save()
        finish_stage(case, S.DECISION, by=by)
        meet_deadline(case, DECISION_KEY, on=decided_on)
        log_event(case, CaseEventKind.DECIDED, by=by, note=education_record or decision_text, outcome=outcome,
                  fine_amount=str(case.fine_amount), penalty_types=case.penalty_types)
        if case.outcome == CaseOutcome.NOT_ESTABLISHED:
            enter_stage(case, S.CLOSURE, by=by)
        else:
            enter_stage(case, S.SERVICE, by=by)
    return case


def decide_on_the_spot(case, *, parties, officers, by, fine_amount, penalty_types, decision_text="") -> Case:
    """Summary procedure (简易程序): decided on the spot and filed afterwards (Arts. 51, 52), only for a warning
    or a fine up to 200 元 (person) / 3,000 元 (organisation); the decision is handed over at once."""
    case.procedure = Procedure.SUMMARY
    guards.check_summary(Procedure.SUMMARY, parties, fine_amount, penalty_types)
    with _acting(by):
        file_case(case, parties=parties, officers=officers, by=by)
        case.status, case.filed_on = CaseStatus.OPEN, timezone.localdate()
        case.fine_amount, case.penalty_types = Decimal(fine_amount or 0), list(penalty_types)
        case.outcome, case.decision_text, case.decided_on, case.decided_by = (
            CaseOutcome.PENALTY, decision_text, timezone.localdate(), by)
        case.save()
        finish_stage(case, S.FILING, by=by)
        finish_stage(case, S.DECISION, by=by, note=_("Decided on the spot."))
        log_event(case, CaseEventKind.DECIDED, by=by, note=decision_text, outcome=CaseOutcome.PENALTY,
                  fine_amount=str(case.fine_amount), penalty_types=case.penalty_types, summary=True)
        enter_stage(case, S.SERVICE, by=by)
    return case


# --- service, execution, closure, archive ---------------------------------------------------------------------

def served(case, *, by, served_on) -> Case:
    """Called by the service record when the decision is served: payment (15 days, Art. 67) runs from now."""
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.SERVICE)
        finish_stage(case, S.SERVICE, by=by)
        log_event(case, CaseEventKind.SERVED, by=by, served_on=served_on.isoformat())
        if case.outcome == CaseOutcome.PENALTY:
            enter_stage(case, S.EXECUTION, by=by)
            cancel_deadline(case, f"stage:{S.EXECUTION}")
            if case.fine_amount:
                set_deadline(case, "payment", rule="fine-payment", start=served_on)
        else:
            enter_stage(case, S.CLOSURE, by=by)
    return case


def executed(case, *, by, note="") -> Case:
    """Called when the penalty is carried out (paid, enforced by the court, or otherwise ended)."""
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.EXECUTION)
        meet_deadline(case, "payment")
        finish_stage(case, S.EXECUTION, by=by, note=note)
        enter_stage(case, S.CLOSURE, by=by)
    return case


def close_case(case, *, by, note="") -> Case:
    """结案: the head approves the closing report."""
    with _acting(by):
        case = _locked(case)
        _require(case, stage=S.CLOSURE)
        _require_head(by, case)
        finish_stage(case, S.CLOSURE, by=by, note=note)
        case.status, case.closed_on = CaseStatus.CLOSED, timezone.localdate()
        case.save(update_fields=["status", "closed_on", "updated"])
        for key in case.deadlines.filter(state=DeadlineState.OPEN).values_list("key", flat=True):
            cancel_deadline(case, key)
        log_event(case, CaseEventKind.CLOSED, by=by, note=note)
        enter_stage(case, S.ARCHIVE, by=by)
    return case


def archive_case(case, *, by) -> Case:
    with _acting(by):
        case = _locked(case)
        _require(case, status=(CaseStatus.CLOSED,), stage=S.ARCHIVE)
        finish_stage(case, S.ARCHIVE, by=by)
        case.status, case.archived_on = CaseStatus.ARCHIVED, timezone.localdate()
        case.save(update_fields=["status", "archived_on", "updated"])
        log_event(case, CaseEventKind.ARCHIVED, by=by)
    return case


def end_by_transfer(case, *, by, note="") -> Case:
    """Called by the transfer module: the case leaves this agency (to the competent agency or the police)."""
    with _acting(by):
        case = _locked(case)
        _require(case, status=LIVE_STATUSES)
        row = case.stages.filter(finished_at__isnull=True).order_by("-started_at").first()
        if row is not None:
            finish_stage(case, row.stage.code, by=by, status=StageStatus.SKIPPED, note=note)
        case.status, case.outcome, case.closed_on = CaseStatus.TRANSFERRED, CaseOutcome.TRANSFERRED, timezone.localdate()
        case.save(update_fields=["status", "outcome", "closed_on", "updated"])
        for key in case.deadlines.filter(state=DeadlineState.OPEN).values_list("key", flat=True):
            cancel_deadline(case, key)
        log_event(case, CaseEventKind.TRANSFERRED, by=by, note=note)
    return case


# --- suspension and extension ---------------------------------------------------------------------------------

def suspend(case, *, by, reason) -> Case:
    """中止: approved by the head with a reason; the time suspended does not count against the 90 days."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the suspension.")})
    with _acting(by):
        case = _locked(case)
        _require(case)
        _require_head(by, case)
        case.status, case.suspended_since = CaseStatus.SUSPENDED, timezone.localdate()
        case.save(update_fields=["status", "suspended_since", "updated"])
        log_event(case, CaseEventKind.SUSPENDED, by=by, note=reason)
    return case


def resume(case, *, by, note="", on=None) -> Case:
    """恢复: the deadlines that pause with the case move by the days suspended."""
    on = on or timezone.localdate()
    with _acting(by):
        case = _locked(case)
        _require(case, status=(CaseStatus.SUSPENDED,))
        days = max((on - case.suspended_since).days, 0)
        for deadline in case.deadlines.filter(state=DeadlineState.OPEN, pauses_with_case=True):
            deadline.due_on += datetime.timedelta(days=days)
            deadline.save(update_fields=["due_on"])
        case.status, case.suspended_since = CaseStatus.OPEN, None
        case.suspended_days += days
        case.save(update_fields=["status", "suspended_since", "suspended_days", "updated"])
        refresh_next_due(case)
        log_event(case, CaseEventKind.RESUMED, by=by, note=note, days=days)
    return case


def extend(case, *, by, reason, days=None) -> Case:
    """延期: where a sector rule allows it, the head extends the time to decide, with a reason."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    with _acting(by):
        case = _locked(case)
        _require(case)
        _require_head(by, case)
        rule = guards.local_rule(case.region)
        days = int(days or rule.extension_days)
        if days <= 0 or days > rule.extension_days:
            raise ValidationError({"days": _("An extension is 1 to %(max)s days.") % {"max": rule.extension_days}})
        deadline = case.deadlines.filter(key=DECISION_KEY, state=DeadlineState.OPEN).first()
        if deadline is None:
            raise guards.Refused(_("There is no running time limit to decide."))
        if case.extended_days:
            raise guards.Refused(_("The time limit has already been extended once."),
                                 citation=rule.citation or "《行政处罚法》第六十条")
        deadline.due_on += datetime.timedelta(days=days)
        deadline.citation = f"{deadline.citation}；{rule.citation or _('extension approved by the head')}"
        deadline.save(update_fields=["due_on", "citation"])
        case.extended_days = days
        case.save(update_fields=["extended_days", "updated"])
        refresh_next_due(case)
        log_event(case, CaseEventKind.EXTENDED, by=by, note=reason, days=days)
    return case


# --- what the user may do now ---------------------------------------------------------------------------------

def allowed_actions(case, user) -> list[str]:
    """The step buttons (and API actions) for this case and user, by state (Wagtail's ``get_actions``)."""
    from zongzhi.utilities.scope import CHANGE, in_scope

    if not in_scope(user, case, CHANGE):
        return []
    head = may_approve(user, case)
    actions = []
    if case.status == CaseStatus.PENDING:
        return ["approve_filing"] if head else []
    if case.status == CaseStatus.SUSPENDED:
        return ["resume"] if head else []
    if case.status == CaseStatus.CLOSED:
        return ["archive"]
    if case.status != CaseStatus.OPEN:
        return []
    by_stage = {
        S.INVESTIGATION: ["report"],
        S.REPORT: ["report"],
        S.NOTICE: ["notice"],
        S.HEARING: ["statement", "request_hearing", "notify_hearing", "record_hearing", "end_statement"],
        S.DECISION: ["decide"] if head else [],
        S.CLOSURE: ["close"] if head else [],
    }
    actions += by_stage.get(case.stage, [])
    actions.append("officers")
    if head:
        actions += ["suspend", "extend"] if not case.extended_days else ["suspend"]
    return actions
