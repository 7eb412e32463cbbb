"""Every state change of service, payment and enforcement (STYLE.md §4). Pages, the API, the daily command, the
demo and the tests call these. Each runs in a transaction, checks the law (refusals name the article), writes the
typed case event and keeps the case's deadlines; when the decision is served or the penalty carried out it moves the
case on through ``zongzhi.cases.services.served`` / ``executed``.

Deadline keys set here: ``public-notice:<id>`` (公告送达, deemed served), ``appeal:reconsideration`` and
``appeal:lawsuit`` (the party's windows, from the service of the decision), ``handover:<payment id>`` (on-the-spot
money to the agency), ``payment`` (replaced by an approved deferral or instalments), ``demand`` (10 working days
after the demand) and ``court-application`` (3 months after the appeal windows end).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from zongzhi.cases import services as cases
from zongzhi.cases.choices import CaseEventKind, CaseOutcome, CaseStatus, DeadlineState, Procedure, StageCode
from zongzhi.cases.guards import Refused
from zongzhi.cases.models import Case
from zongzhi.cases.services.clues import _acting
from zongzhi.deadlines.services import compute

from .choices import (
    ADVERSE_OUTCOMES,
    COURT_FINAL,
    ONSITE_CITATIONS,
    CourtOutcome,
    OnTheSpotGround,
    PaymentChannel,
    PlanStatus,
    ReviewOutcome,
    ServiceMethod,
    ServiceState,
)
from .models import CourtApplication, Demand, Payment, PaymentPlan, Reconsideration, ServiceRecord
from .surcharge import CITATION as SURCHARGE_CITATION
from .surcharge import surcharge_due
from .uploads import check_proof

ENDING_OUTCOMES = (ReviewOutcome.REVOKED, ReviewOutcome.CONFIRMED_INVALID)
SMALL_FINE_LIMIT = Decimal(100)  # 行政处罚法 第六十八条第一项
RECONSIDERATION_KEY, LAWSUIT_KEY = "appeal:reconsideration", "appeal:lawsuit"
PAYMENT_KEY, DEMAND_KEY, COURT_KEY = "payment", "demand", "court-application"
ART_66 = "《行政处罚法》第六十六条第二款"
ART_53, ART_54 = "《行政强制法》第五十三条", "《行政强制法》第五十四条"


def _today():
    return timezone.localdate()


def _due(rule, start, region):
    deadline = compute(rule, start, region=region)
    due = deadline.due
    return due if isinstance(due, datetime.date) and not isinstance(due, datetime.datetime) else due.date()


def _fresh(case):
    return Case.objects.select_related("region", "agency", "deciding_body").get(pk=case.pk)


# --- service (送达) -------------------------------------------------------------------------------------------

def record_service(record, *, by, proof=None) -> ServiceRecord:
    """Record a document served on a party. By hand, left at the address (with witnesses), by post (served on the
    date of receipt), electronically (only with the party's written consent, 行政处罚法 第六十一条第二款), or by
    public notice (deemed served 30 days after the notice; ``complete_public_notice`` finishes it then). When the
    served document is the decision and the case awaits service, the case moves on (``cases.services.served``)."""
    if proof is not None:
        record.proof = proof
    record.full_clean(exclude=["case", "proof"])
    case = record.case
    if record.is_decision:
        if case.stage != StageCode.SERVICE or case.status != CaseStatus.OPEN:
            raise Refused(_("The decision of case %(number)s is not awaiting service (stage: %(stage)s).") % {
                "number": case.number, "stage": case.get_stage_display()}, field="is_decision")
        if case.service_records.filter(is_decision=True, state=ServiceState.NOTICE_RUNNING).exists():
            raise Refused(_("A public notice of the decision is already running."), field="method")
    if proof is not None:
        record.proof_name, record.proof_sha256 = check_proof(proof)
    with _acting(by):
        record.recorded_by = by
        if record.method == ServiceMethod.PUBLIC_NOTICE:
            record.state = ServiceState.NOTICE_RUNNING
            record.served_on = _due("public-notice-service", record.notice_on, case.region)
            record.save()
            cases.set_deadline(case, f"public-notice:{record.pk}", rule="public-notice-service",
                               start=record.notice_on)
            cases.log_event(case, CaseEventKind.NOTE, by=by, note=_("Public notice of %(doc)s published on %(on)s; "
                                                                    "deemed served on %(deemed)s.") % {
                "doc": record.document, "on": record.notice_on, "deemed": record.served_on},
                record=record.pk, method=record.method)
            return record
        record.state = ServiceState.SERVED
        record.save()
        _served(record, by=by)
    return record


def _served(record, *, by):
    case = record.case
    if not record.is_decision:
        cases.log_event(case, CaseEventKind.SERVED, by=by, note=record.document, record=record.pk,
                        method=record.method, served_on=record.served_on.isoformat(), document=record.document)
        return
    case = cases.served(case, by=by, served_on=record.served_on)
    record.case = case
    cases.log_event(case, CaseEventKind.NOTE, by=by, note=_("%(doc)s served: %(method)s.") % {
        "doc": record.document, "method": record.get_method_display()}, record=record.pk, method=record.method)
    if case.outcome == CaseOutcome.PENALTY:
        cases.set_deadline(case, RECONSIDERATION_KEY, rule="reconsideration", start=record.served_on)
        cases.set_deadline(case, LAWSUIT_KEY, rule="lawsuit", start=record.served_on)


def complete_public_notice(record, *, by, today=None) -> ServiceRecord:
    """The public notice has run its 30 days: the document is deemed served on that day (民事诉讼法 第九十五条).
    Refused before the date."""
    today = today or _today()
    with _acting(by):
        record = ServiceRecord.objects.select_for_update().select_related("case").get(pk=record.pk)
        if record.state != ServiceState.NOTICE_RUNNING:
            raise Refused(_("This service is already complete."))
        if today < record.served_on:
            raise Refused(_("The public notice is deemed served only on %(date)s.") % {"date": record.served_on},
                          citation="《民事诉讼法》第九十五条（依《行政处罚法》第六十一条适用）")
        record.state = ServiceState.SERVED
        record.save(update_fields=["state", "updated"])
        cases.meet_deadline(record.case, f"public-notice:{record.pk}", on=record.served_on)
        if record.is_decision and record.case.stage != StageCode.SERVICE:
            cases.log_event(record.case, CaseEventKind.NOTE, by=by, note=_("Public notice completed; the case had "
                                                                           "already moved on."), record=record.pk)
            return record
        _served(record, by=by)
    return record


def complete_due_public_notices(*, today=None, by=None) -> dict:
    """The daily run: complete every public notice whose deemed date has come, and close the party's appeal
    windows that have ended (so they no longer count as open deadlines). Returns the counts."""
    today = today or _today()
    done, failed = 0, []
    for record in ServiceRecord.objects.filter(state=ServiceState.NOTICE_RUNNING, served_on__lte=today):
        try:
            complete_public_notice(record, by=by, today=today)
            done += 1
        except ValidationError as error:
            failed.append((record.pk, "；".join(error.messages)))
    closed = 0
    from zongzhi.cases.models import CaseDeadline

    for row in CaseDeadline.objects.filter(key__in=[RECONSIDERATION_KEY, LAWSUIT_KEY], state=DeadlineState.OPEN,
                                           due_on__lt=today).select_related("case"):
        closed += cases.meet_deadline(row.case, row.key, on=row.due_on)
    return {"completed": done, "failed": failed, "windows_closed": closed}


def decision_served_on(case):
    """The day the decision was served (deemed served for a public notice), or None."""
    rows = getattr(case, "decision_services", None)
    if rows is None:
        rows = case.service_records.filter(is_decision=True, state=ServiceState.SERVED).order_by("-served_on")
    rows = [r for r in rows if r.is_decision and r.state == ServiceState.SERVED]
    return max((r.served_on for r in rows), default=None)


# --- the account of a fine ------------------------------------------------------------------------------------

@dataclass
class Account:
    fine: Decimal
    due_on: datetime.date | None  # the first due date (of the decision, or of the approved schedule)
    schedule: list = field(default_factory=list)
    paid: Decimal = Decimal(0)
    paid_fine: Decimal = Decimal(0)
    surcharge: Decimal = Decimal(0)  # accrued up to ``on``
    on: datetime.date | None = None
    plan: PaymentPlan | None = None

    @property
    def unpaid_fine(self):
        return max(self.fine - self.paid_fine, Decimal(0))

    @property
    def owed(self):
        """Fine and surcharge still to pay, as of ``on``."""
        return max(self.fine + self.surcharge - self.paid, Decimal(0))

    @property
    def settled(self):
        return self.fine > 0 and self.owed == 0

    @property
    def overdue(self):
        """What of the fine was due before ``on`` and is still unpaid."""
        due = sum((a for d, a in self.schedule if d < self.on), Decimal(0))
        return max(due - self.paid_fine, Decimal(0))

    @property
    def next_due_on(self):
        running = Decimal(0)
        for d, a in self.schedule:
            running += a
            if running > self.paid_fine:
                return d
        return None


def original_due_on(case):
    """The payment deadline of the decision: 15 days after service (行政处罚法 第六十七条), as the case counted it."""
    rows = getattr(case, "payment_deadlines", None)
    if rows is None:
        rows = case.deadlines.filter(key=PAYMENT_KEY, rule="fine-payment").order_by("id")
    rows = sorted(rows, key=lambda r: r.id)
    if rows:
        return rows[0].due_on
    served_on = decision_served_on(case)
    return _due("fine-payment", served_on, case.region) if served_on else None


def approved_plan(case, plans=None):
    plans = [p for p in (case.payment_plans.all() if plans is None else plans) if p.status == PlanStatus.APPROVED]
    return max(plans, key=lambda p: (p.decided_on, p.pk)) if plans else None


def account(case, *, on=None, payments=None, plans=None) -> Account:
    """The fine, what was paid, the surcharge to ``on`` (default today) and what is owed. Reads the case's
    payments and plans (prefetch ``payments`` and ``payment_plans`` for lists, or pass them)."""
    on = on or _today()
    fine = Decimal(case.fine_amount or 0)
    payments = list(case.payments.all() if payments is None else payments)
    plan = approved_plan(case, plans)
    due = original_due_on(case)
    schedule = plan.items if plan else ([(due, fine)] if due else [])
    acc = Account(fine=fine, due_on=schedule[0][0] if schedule else None, schedule=schedule, on=on, plan=plan)
    acc.paid = sum((p.amount for p in payments if p.paid_on <= on), Decimal(0))
    acc.paid_fine = min(acc.paid, fine)
    if schedule:
        acc.surcharge = surcharge_due(fine, schedule, [(p.paid_on, p.amount) for p in payments], on)
    return acc


# --- payment (罚缴分离) ---------------------------------------------------------------------------------------

def _executed(case, *, by, note):
    """The penalty is carried out (or ended): the case goes to closure; the demand and court deadlines lapse."""
    case = cases.executed(case, by=by, note=note)
    cases.cancel_deadline(case, DEMAND_KEY)
    cases.cancel_deadline(case, COURT_KEY)
    return case


def _require_execution(case):
    if case.status != CaseStatus.OPEN or case.stage != StageCode.EXECUTION:
        raise Refused(_("Case %(number)s is not awaiting execution (stage: %(stage)s): serve the decision first.") % {
            "number": case.number, "stage": case.get_stage_display()})
    if not case.fine_amount:
        raise Refused(_("Case %(number)s imposes no fine.") % {"number": case.number})


def check_onsite(payment, case):
    """罚缴分离: the deciding agency and its officers never collect fines themselves (行政处罚法 第六十七条),
    except on the spot after a summary decision of 100 yuan or less or when it would be hard to enforce afterwards
    (第六十八条), or in remote areas at the party's request (第六十九条)."""
    if payment.channel != PaymentChannel.ON_THE_SPOT:
        return
    ground = payment.onsite_ground
    if not ground:
        raise Refused(_("The deciding agency does not collect fines itself: the party pays at the bank."),
                      field="onsite_ground", citation="《行政处罚法》第六十七条")
    citation = ONSITE_CITATIONS[ground]
    if ground in (OnTheSpotGround.SMALL_FINE, OnTheSpotGround.HARD_TO_ENFORCE) and \
            case.procedure != Procedure.SUMMARY:
        raise Refused(_("Officers collect on the spot under Art. 68 only after a decision made on the spot "
                        "(summary procedure)."), field="onsite_ground", citation=citation)
    if ground == OnTheSpotGround.SMALL_FINE and Decimal(case.fine_amount) > SMALL_FINE_LIMIT:
        raise Refused(_("The fine of %(fine)s yuan is above 100 yuan: the party pays at the bank.") % {
            "fine": case.fine_amount}, field="onsite_ground", citation=citation)


def record_payment(payment, *, by) -> Payment:
    """Record money paid against the fine. Bank payments carry the bank's receipt; on-the-spot collection needs
    an Art. 68/69 ground and must be handed to the agency within 2 working days (``handover:<id>``). The money pays
    the fine first, then the surcharge; when all is paid the penalty is executed (``cases.services.executed``)."""
    payment.full_clean(exclude=["case"])
    with _acting(by):
        case = Case.objects.select_for_update().get(pk=payment.case_id)
        case = _fresh(case)
        _require_execution(case)
        check_onsite(payment, case)
        acc = account(case, on=payment.paid_on)
        if payment.amount > acc.owed:
            raise Refused(_("%(amount)s yuan is more than is owed on %(date)s (%(owed)s yuan: fine %(unpaid)s, "
                            "surcharge %(surcharge)s).") % {
                "amount": payment.amount, "date": payment.paid_on, "owed": acc.owed, "unpaid": acc.unpaid_fine,
                "surcharge": acc.surcharge - max(acc.paid - acc.fine, Decimal(0))}, field="amount",
                citation=SURCHARGE_CITATION)
        payment.case = case
        payment.fine_part = min(payment.amount, acc.unpaid_fine)
        payment.surcharge_part = payment.amount - payment.fine_part
        payment.recorded_by = by
        if payment.channel == PaymentChannel.ON_THE_SPOT:
            payment.handover_due_on = _due("onsite-fine-handover", payment.paid_on, case.region)
        payment.save()
        cases.log_event(case, CaseEventKind.PAYMENT, by=by, note=payment.note, payment=payment.pk,
                        amount=str(payment.amount), paid_on=payment.paid_on.isoformat(), channel=payment.channel,
                        ground=payment.onsite_ground, receipt=payment.bank_receipt_number or payment.receipt_number)
        if payment.channel == PaymentChannel.ON_THE_SPOT:
            cases.set_deadline(case, f"handover:{payment.pk}", rule="onsite-fine-handover", start=payment.paid_on)
        after = account(case, on=max(payment.paid_on, _today()))
        if account(case, on=payment.paid_on).settled:
            _executed(case, by=by, note=_("Fine paid in full (%(paid)s yuan).") % {"paid": after.paid})
        elif after.plan is not None and after.next_due_on:
            _plan_deadline(case, after)
    return payment


def record_handover(payment, *, by, handed_over_on=None) -> Payment:
    """The officer handed the money collected on the spot to the agency (行政处罚法 第七十一条)."""
    handed_over_on = handed_over_on or _today()
    with _acting(by):
        payment = Payment.objects.select_for_update().select_related("case").get(pk=payment.pk)
        if payment.channel != PaymentChannel.ON_THE_SPOT:
            raise Refused(_("Only money collected on the spot is handed over."))
        if payment.handed_over_on:
            raise Refused(_("Already handed over on %(date)s.") % {"date": payment.handed_over_on})
        if handed_over_on < payment.paid_on or handed_over_on > _today():
            raise ValidationError({"handed_over_on": _("Give a date between the collection and today.")})
        payment.handed_over_on = handed_over_on
        payment.save(update_fields=["handed_over_on", "updated"])
        cases.meet_deadline(payment.case, f"handover:{payment.pk}", on=handed_over_on)
        late = handed_over_on > (payment.handover_due_on or handed_over_on)
        cases.log_event(payment.case, CaseEventKind.PAYMENT, by=by, payment=payment.pk, late=late,
                        note=_("Money collected on the spot handed over on %(date)s%(late)s.") % {
                            "date": handed_over_on, "late": _(" (late)") if late else ""})
    return payment


# --- deferral and instalments (第六十六条第二款) -------------------------------------------------------------

def request_plan(plan, *, by) -> PaymentPlan:
    """The party asks to defer or pay in instalments; the schedule covers the unpaid fine."""
    plan.full_clean(exclude=["case"])
    with _acting(by):
        case = _fresh(Case.objects.select_for_update().get(pk=plan.case_id))
        _require_execution(case)
        acc = account(case)
        total = sum((a for _d, a in plan.items), Decimal(0))
        if total != acc.fine:
            raise ValidationError({"schedule": _("The schedule must add up to the fine of %(fine)s yuan (it adds up "
                                                 "to %(total)s; payments already made count against the first "
                                                 "lines).") % {"fine": acc.fine, "total": total}})
        if plan.items[0][0] < plan.requested_on:
            raise ValidationError({"schedule": _("The due dates must come after the request.")})
        if case.payment_plans.filter(status=PlanStatus.REQUESTED).exists():
            raise Refused(_("A request for deferral or instalments is already awaiting approval."))
        plan.case, plan.recorded_by, plan.status = case, by, PlanStatus.REQUESTED
        plan.save()
        cases.log_event(case, CaseEventKind.INSTALMENT, by=by, note=plan.reason, plan=plan.pk, kind=plan.kind,
                        status=plan.status, schedule=plan.schedule)
    return plan


def decide_plan(plan, *, by, approve, note="", decided_on=None) -> PaymentPlan:
    """The head of the agency approves or refuses the deferral or instalments (行政处罚法 第六十六条第二款).
    Approved, the schedule replaces the payment deadline; the surcharge runs from each instalment's due date."""
    decided_on = decided_on or _today()
    with _acting(by):
        plan = PaymentPlan.objects.select_for_update().get(pk=plan.pk)
        case = _fresh(plan.case)
        if not cases.may_approve(by, case):
            raise Refused(_("Only the head of the agency may approve a deferral or instalments."), citation=ART_66)
        if plan.status != PlanStatus.REQUESTED:
            raise Refused(_("This request was already decided."))
        if not approve and not (note or "").strip():
            raise ValidationError({"note": _("Give the reason for not approving.")})
        plan.status = PlanStatus.APPROVED if approve else PlanStatus.REFUSED
        plan.decided_on, plan.decided_by, plan.decision_note = decided_on, by, note
        plan.save()
        cases.log_event(case, CaseEventKind.INSTALMENT, by=by, note=note, plan=plan.pk, kind=plan.kind,
                        status=plan.status)
        if approve and case.stage == StageCode.EXECUTION:
            _plan_deadline(case, account(case))
    return plan


def _plan_deadline(case, acc):
    if acc.next_due_on:
        cases.set_deadline(case, PAYMENT_KEY, due_on=acc.next_due_on, start=acc.plan.decided_on,
                           label=_("Payment (%(kind)s)") % {"kind": acc.plan.get_kind_display()}, citation=ART_66)


# --- demand and court enforcement (行政强制法 第五十三条、第五十四条) -----------------------------------------

@dataclass
class Windows:
    served_on: datetime.date | None
    reconsideration_ends: datetime.date | None = None
    lawsuit_ends: datetime.date | None = None
    application_ends: datetime.date | None = None

    @property
    def appeal_ends(self):
        return max(d for d in (self.reconsideration_ends, self.lawsuit_ends) if d) if self.lawsuit_ends else None


def appeal_windows(case) -> Windows:
    """When the party's windows to seek reconsideration (60 days) and to sue (6 months) end, counted from the
    service of the decision, and the end of the 3 months to apply to the court (行政强制法 第五十三条)."""
    served_on = decision_served_on(case)
    if served_on is None:
        return Windows(None)
    w = Windows(served_on, _due("reconsideration", served_on, case.region), _due("lawsuit", served_on, case.region))
    w.application_ends = _due("court-enforcement-application", w.appeal_ends, case.region)
    return w


def issue_demand(demand, *, by) -> Demand:
    """催告: after the payment deadline passed unpaid, the party is told in writing to pay (行政强制法 第五十四条).
    The court may be asked 10 working days after the demand was served, and within 3 months after the appeal
    windows end (第五十三条): both become case deadlines."""
    demand.full_clean(exclude=["case"])
    with _acting(by):
        case = _fresh(Case.objects.select_for_update().get(pk=demand.case_id))
        _require_execution(case)
        acc = account(case, on=demand.issued_on)
        if acc.overdue <= 0:
            due = acc.next_due_on or acc.due_on
            raise Refused(_("Nothing is overdue on %(date)s: the party may pay until %(due)s.") % {
                "date": demand.issued_on, "due": due}, field="issued_on", citation=ART_54)
        demand.case, demand.recorded_by = case, by
        demand.amount_due, demand.surcharge_due = acc.owed, acc.surcharge
        demand.may_apply_from = _due("enforcement-demand", demand.served_on, case.region)
        demand.save()
        cases.log_event(case, CaseEventKind.DEMAND, by=by, note=demand.note, demand=demand.pk,
                        amount_due=str(demand.amount_due), surcharge=str(demand.surcharge_due),
                        served_on=demand.served_on.isoformat())
        cases.set_deadline(case, DEMAND_KEY, rule="enforcement-demand", start=demand.served_on)
        windows = appeal_windows(case)
        if windows.appeal_ends:
            cases.set_deadline(case, COURT_KEY, rule="court-enforcement-application", start=windows.appeal_ends)
    return demand


def pending_reviews(case):
    return (case.reconsiderations.filter(outcome=ReviewOutcome.PENDING).exists()
            or case.litigations.filter(outcome=ReviewOutcome.PENDING).exists())


def apply_to_court(application, *, by) -> CourtApplication:
    """申请人民法院强制执行: only after a demand served 10 working days before (行政强制法 第五十四条), after the
    windows for reconsideration and lawsuit have ended with no review pending, and within 3 months after that
    (第五十三条)."""
    application.full_clean(exclude=["case"])
    filed = application.filed_on
    with _acting(by):
        case = _fresh(Case.objects.select_for_update().get(pk=application.case_id))
        _require_execution(case)
        if case.court_applications.exclude(outcome__in=COURT_FINAL).exists():
            raise Refused(_("An application to the court is already under way."))
        demand = case.demands.order_by("-served_on", "-id").first()
        if demand is None:
            raise Refused(_("Serve a demand (催告书) on the party first."), citation=ART_54)
        if filed <= demand.may_apply_from:
            raise Refused(_("The party has until %(date)s to pay after the demand: apply from the next day.") % {
                "date": demand.may_apply_from}, field="filed_on", citation="《行政强制法》第五十四条、第六十九条")
        if pending_reviews(case):
            raise Refused(_("A reconsideration or lawsuit about the decision is pending."), citation=ART_53)
        windows = appeal_windows(case)
        if windows.appeal_ends and filed <= windows.appeal_ends:
            raise Refused(_("The party may still seek reconsideration or sue until %(date)s: apply to the court "
                            "after that.") % {"date": windows.appeal_ends}, field="filed_on",
                          citation="《行政强制法》第五十三条；《行政复议法》第二十条；《行政诉讼法》第四十六条")
        if windows.application_ends and filed > windows.application_ends:
            raise Refused(_("The three months to apply to the court ended on %(date)s.") % {
                "date": windows.application_ends}, field="filed_on", citation=ART_53)
        if account(case, on=filed).owed <= 0:
            raise Refused(_("Nothing is owed: there is nothing to enforce."))
        application.case, application.recorded_by = case, by
        application.outcome = CourtOutcome.PENDING
        application.save()
        cases.meet_deadline(case, DEMAND_KEY, on=filed)
        cases.meet_deadline(case, COURT_KEY, on=filed)
        cases.log_event(case, CaseEventKind.COURT_APPLICATION, by=by, note=application.note,
                        application=application.pk, court=application.court, filed_on=filed.isoformat())
    return application


def record_court_outcome(application, *, by, outcome, on=None, note="") -> CourtApplication:
    """What the court did. Enforced: the penalty is executed (``cases.services.executed``)."""
    on = on or _today()
    if outcome not in CourtOutcome.values or outcome == CourtOutcome.PENDING:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    if on > _today():
        raise ValidationError({"on": _("The date cannot lie in the future.")})
    with _acting(by):
        application = CourtApplication.objects.select_for_update().get(pk=application.pk)
        if application.outcome in COURT_FINAL:
            raise Refused(_("The outcome of this application is already recorded."))
        if on < application.filed_on:
            raise ValidationError({"on": _("The outcome cannot come before the application.")})
        application.outcome, application.outcome_on, application.outcome_note = outcome, on, note
        application.save(update_fields=["outcome", "outcome_on", "outcome_note", "updated"])
        case = _fresh(application.case)
        cases.log_event(case, CaseEventKind.COURT_OUTCOME, by=by, note=note, application=application.pk,
                        outcome=outcome, on=on.isoformat())
        if outcome == CourtOutcome.ENFORCED and case.stage == StageCode.EXECUTION and case.status == CaseStatus.OPEN:
            _executed(case, by=by, note=_("Enforced by %(court)s on %(date)s.") % {
                "court": application.court, "date": on})
    return application


# --- reconsideration and litigation (复议、诉讼) --------------------------------------------------------------

def _review_kind(record):
    return CaseEventKind.RECONSIDERATION if isinstance(record, Reconsideration) else CaseEventKind.LITIGATION


def record_review(record, *, by):
    """A reconsideration or a lawsuit about the decision was filed."""
    record.full_clean(exclude=["case"])
    with _acting(by):
        case = _fresh(record.case)
        if not case.decided_on:
            raise Refused(_("Case %(number)s has no decision to review.") % {"number": case.number})
        if record.filed_on < case.decided_on:
            raise ValidationError({"filed_on": _("It cannot be filed before the decision (%(date)s).") % {
                "date": case.decided_on}})
        record.recorded_by, record.outcome = by, ReviewOutcome.PENDING
        record.save()
        cases.log_event(case, _review_kind(record), by=by, note=record.note, record=record.pk,
                        body=getattr(record, "body", "") or getattr(record, "court", ""),
                        filed_on=record.filed_on.isoformat(), outcome=record.outcome)
        cases.meet_deadline(case, RECONSIDERATION_KEY if isinstance(record, Reconsideration) else LAWSUIT_KEY,
                            on=record.filed_on)
    return record


def record_review_outcome(record, *, by, outcome, on=None, note=""):
    """The outcome of a reconsideration or a lawsuit. After a reconsideration decision the party may still sue
    within 15 days (行政诉讼法 第四十五条). A revoked, changed or illegal decision is counted by supervision."""
    on = on or _today()
    if outcome not in ReviewOutcome.values or outcome == ReviewOutcome.PENDING:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    if on > _today():
        raise ValidationError({"on": _("The date cannot lie in the future.")})
    with _acting(by):
        record = type(record).objects.select_for_update().get(pk=record.pk)
        if record.outcome != ReviewOutcome.PENDING:
            raise Refused(_("The outcome is already recorded."))
        if on < record.filed_on:
            raise ValidationError({"on": _("The outcome cannot come before the filing.")})
        record.outcome, record.outcome_on, record.outcome_note = outcome, on, note
        record.save(update_fields=["outcome", "outcome_on", "outcome_note", "updated"])
        case = _fresh(record.case)
        cases.log_event(case, _review_kind(record), by=by, note=note, record=record.pk, outcome=outcome,
                        on=on.isoformat(), adverse=outcome in ADVERSE_OUTCOMES)
        if isinstance(record, Reconsideration) and outcome not in ENDING_OUTCOMES and case.status == CaseStatus.OPEN:
            cases.set_deadline(case, LAWSUIT_KEY, rule="lawsuit-after-reconsideration", start=on)
        if outcome in ENDING_OUTCOMES and case.status == CaseStatus.OPEN and case.stage == StageCode.EXECUTION:
            # A revoked or void decision is no longer carried out: execution ends here.
            _executed(case, by=by, note=_("The decision was %(outcome)s (%(what)s, %(date)s): execution ends.") % {
                "outcome": ReviewOutcome(outcome).label, "what": record, "date": on})
    return record


def review_outcomes(queryset) -> dict:
    """Counts of outcomes of a queryset of reconsiderations or litigations, for statistics and supervision:
    ``{"total", "pending", "adverse" (revoked, changed, confirmed illegal or invalid), "by_outcome": {code: n}}``
    with every outcome present (zero when none)."""
    counts = dict(queryset.order_by().values_list("outcome").annotate(n=Count("pk")))
    by_outcome = {code: counts.get(code, 0) for code in ReviewOutcome.values}
    return {"total": sum(by_outcome.values()), "pending": by_outcome[ReviewOutcome.PENDING],
            "adverse": sum(by_outcome[c] for c in ADVERSE_OUTCOMES), "by_outcome": by_outcome}
