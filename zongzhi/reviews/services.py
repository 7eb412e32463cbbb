"""Every state change of legal reviews, collective discussions and transfers (STYLE.md §4). Pages, the API, the
demo and tests call these. Each runs in a transaction, checks the case's state and the law (refusals name the
article), writes the typed case event and moves the case on through ``zongzhi.cases.services``.

Contract with the case core: ``review_done`` after an opinion, ``discussion_done`` after a discussion,
``end_by_transfer`` when a transfer is sent.
"""

import contextlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zongzhi.audit.context import audit_context, current
from zongzhi.cases import services as cases
from zongzhi.cases.choices import LIVE_STATUSES, CaseEventKind, CaseOutcome, CaseStatus, StageCode
from zongzhi.cases.guards import Refused
from zongzhi.cases.models import Case
from zongzhi.deadlines.services import compute
from zongzhi.officers.choices import SERVING_STATUSES
from zongzhi.users import roles
from zongzhi.utilities.scope import ADD, CHANGE, grants_for, in_scope

from .choices import (
    CHECKLIST,
    CHECKLIST_CODES,
    CheckResult,
    Conclusion,
    Opinion,
    ReviewStatus,
    TransferKind,
    TransferStatus,
)
from .models import CollectiveDiscussion, LegalReview, Transfer

REVIEW_KEY = "review"
REVIEW_RULE = "legal-review"
REVIEW_CITATION = "《行政处罚法》第五十八条"
QUALIFICATION_CITATION = "《行政处罚法》第五十八条第二款"
DISCUSSION_CITATION = "《行政处罚法》第五十七条第二款"
CRIMINAL_CITATION = "《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第五条"
TRANSFER_CITATION = "《行政处罚法》第二十二条至第二十五条、第二十七条"
DEFAULT_DISCUSSION_MIN_ATTENDEES = 3
# The law (Art. 57 para. 2) asks for the heads' collective discussion without a number; three heads is the local
# rule by default (settings.REVIEWS_DISCUSSION_MIN_ATTENDEES).
DISCUSSION_MIN_BASIS = "地方规定（集体讨论应有行政机关负责人三人以上参加，默认值）"


@contextlib.contextmanager
def _acting(by):
    _user, source, request_id = current()
    with transaction.atomic(), audit_context(user=by, source=source, request_id=request_id or None):
        yield


def _locked_case(case) -> Case:
    related = ("region", "agency", "deciding_body")
    return Case.objects.select_for_update(of=("self",)).select_related(*related).get(pk=case.pk)


def _require_stage(case, stage):
    if case.status != CaseStatus.OPEN or case.stage != stage:
        raise Refused(_("Case %(number)s is at the stage “%(stage)s” (%(status)s): this step is not possible now.") % {
            "number": case.number, "stage": case.get_stage_display(), "status": case.get_status_display()})


def discussion_min_attendees() -> int:
    return int(getattr(settings, "REVIEWS_DISCUSSION_MIN_ATTENDEES", DEFAULT_DISCUSSION_MIN_ATTENDEES))


# --- legal review (法制审核) -------------------------------------------------------------------------------------

def may_review(user, case) -> bool:
    """A legal reviewer of the case's township (an active legal reviewer role held at an agency whose place
    contains the case's place), or a superuser."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(a.role == roles.LEGAL_REVIEWER and case.region.path.startswith(a.agency.region.path)
               for a in user.active_assignments())


def reviewer_officers(case):
    """The officer records a reviewer of this case may sign as: serving officers of the case's township."""
    from zongzhi.officers.models import Officer

    return (Officer.objects.filter(agency__region__path__startswith=case.region.path, status__in=SERVING_STATUSES)
            .select_related("agency").order_by("-legal_qualification", "name", "id"))


def check_qualification(officer, case):
    """The reviewer's officer record must serve in the case's township, and a first-time reviewer (no earlier
    review opinion on record) must hold the legal professional qualification (法律职业资格)."""
    if officer is None:
        raise Refused(_("Choose your own record in the officer roster."), field="officer")
    if not officer.agency.region.path.startswith(case.region.path) or officer.status not in SERVING_STATUSES:
        raise Refused(_("%(name)s does not serve in %(place)s.") % {"name": officer, "place": case.region},
                      field="officer")
    if officer.legal_qualification:
        return
    experienced = LegalReview.objects.filter(reviewer_officer=officer, status=ReviewStatus.DONE).exists()
    if not experienced:
        raise Refused(_("%(name)s holds no legal professional qualification: a first-time legal reviewer must have "
                        "passed the national unified legal professional qualification examination.") % {"name": officer},
                      field="officer", citation=QUALIFICATION_CITATION)


def request_review(case, *, by) -> LegalReview:
    """Open the review of a case at the legal review stage (idempotent: the open review is returned). The time
    limit (rule "legal-review", 7 working days by default, local rules apply) counts from the day the case
    entered the stage, when the materials reached the reviewers."""
    existing = LegalReview.objects.filter(case=case, status=ReviewStatus.PENDING).first()
    if existing is not None:
        return existing
    with _acting(by):
        case = _locked_case(case)
        existing = LegalReview.objects.filter(case=case, status=ReviewStatus.PENDING).first()
        if existing is not None:
            return existing
        _require_stage(case, StageCode.LEGAL_REVIEW)
        stage = case.stages.filter(stage__code=StageCode.LEGAL_REVIEW, finished_at__isnull=True).order_by(
            "-started_at").first()
        start = timezone.localdate(stage.started_at) if stage else timezone.localdate()
        deadline = cases.set_deadline(case, REVIEW_KEY, rule=REVIEW_RULE, start=start)
        # The review's own time limit stands for the stage's: one deadline on the case, not two.
        cases.cancel_deadline(case, f"stage:{StageCode.LEGAL_REVIEW}")
        last = case.legal_reviews.order_by("-round").values_list("round", flat=True).first() or 0
        review = LegalReview.objects.create(case=case, round=last + 1, requested_on=start, due_on=deadline.due_on,
                                            due_citation=deadline.citation, grounds=list(case.review_reasons or []))
        cases.log_event(case, CaseEventKind.REVIEW_REQUESTED, by=by, review=review.pk, due_on=str(review.due_on),
                        note="；".join(r.get("reason", "") for r in review.grounds))
    return review


def request_missing_reviews(user) -> int:
    """Open the reviews of the cases (in the user's view) that wait at the legal review stage without one. Run
    when the queue or a case page is opened, so every waiting case is in the queue with its time limit."""
    from zongzhi.utilities.scope import restrict

    waiting = restrict(Case.objects.filter(status=CaseStatus.OPEN, stage=StageCode.LEGAL_REVIEW), user).exclude(
        pk__in=LegalReview.objects.filter(status=ReviewStatus.PENDING).values("case_id"))
    opened = 0
    for case in waiting.select_related("region"):
        request_review(case, by=user)
        opened += 1
    return opened


def _clean_checklist(checklist):
    """{code: {"result": "pass"|"problem", "note": str}} for all eight points; a problem needs a note."""
    errors, clean = [], {}
    labels = dict(CHECKLIST)
    for code in CHECKLIST_CODES:
        answer = (checklist or {}).get(code) or {}
        result, note = answer.get("result", ""), (answer.get("note") or "").strip()
        if result not in CheckResult.values:
            errors.append(_("Answer the point “%(point)s”.") % {"point": labels[code]})
        elif result == CheckResult.PROBLEM and not note:
            errors.append(_("Describe the problem found at “%(point)s”.") % {"point": labels[code]})
        clean[code] = {"result": result, "note": note}
    if errors:
        raise ValidationError({"checklist": errors})
    return clean


def give_opinion(review, *, by, officer, checklist, opinion, reasons="", changes="", reviewed_on=None) -> LegalReview:
    """The reviewer's opinion (法制审核意见) with the eight-point checklist. Agree or agree after changes (the
    changes listed) moves the case on; disagree sends it back to the investigation with the reasons."""
    reasons, changes = (reasons or "").strip(), (changes or "").strip()
    reviewed_on = reviewed_on or timezone.localdate()
    errors = {}
    if opinion not in Opinion.values:
        errors["opinion"] = [_("Choose the opinion.")]
    if opinion == Opinion.DISAGREE and not reasons:
        errors["reasons"] = [_("Give the reasons for disagreeing: the case goes back with them.")]
    if opinion == Opinion.AGREE_WITH_CHANGES and not changes:
        errors["changes"] = [_("List the changes to be made.")]
    try:
        checklist = _clean_checklist(checklist)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if opinion == Opinion.AGREE and any(a["result"] == CheckResult.PROBLEM for a in checklist.values()):
        raise Refused(_("The checklist found problems: agree after changes (listing them) or disagree."),
                      field="opinion", citation=REVIEW_CITATION)
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": [_("The date cannot lie in the future.")]})
    with _acting(by):
        review = LegalReview.objects.select_for_update().get(pk=review.pk)
        case = _locked_case(review.case)
        if review.status != ReviewStatus.PENDING:
            raise Refused(_("This review has already been answered."))
        _require_stage(case, StageCode.LEGAL_REVIEW)
        if not may_review(by, case) or not in_scope(by, review, CHANGE):
            raise Refused(_("Only a legal reviewer of %(place)s may review this case.") % {"place": case.region},
                          citation=REVIEW_CITATION)
        check_qualification(officer, case)
        review.status, review.opinion, review.checklist = ReviewStatus.DONE, opinion, checklist
        review.reasons, review.changes, review.reviewed_on = reasons, changes, reviewed_on
        review.reviewer, review.reviewer_name, review.reviewer_officer = by, str(by), officer
        review.save()
        cases.meet_deadline(case, REVIEW_KEY, on=reviewed_on)
        problems = [code for code, a in checklist.items() if a["result"] == CheckResult.PROBLEM]
        cases.log_event(case, CaseEventKind.REVIEW_OPINION, by=by, note="\n".join(filter(None, [reasons, changes])),
                        review=review.pk, opinion=opinion, problems=problems, reviewer=str(officer),
                        late=reviewed_on > review.due_on)
        note = Opinion(opinion).label + (f"：{reasons}" if reasons else "") + (f"（{changes}）" if changes else "")
        cases.review_done(case, passed=opinion != Opinion.DISAGREE, by=by, reason=note)
    return review


# --- collective discussion (集体讨论) ---------------------------------------------------------------------------

def _clean_attendees(attendees, chair):
    rows, errors = [], []
    for n, a in enumerate(attendees or [], start=1):
        name, post = (a.get("name") or "").strip(), (a.get("post") or "").strip()
        opinion = (a.get("opinion") or "").strip()
        if not (name or post or opinion):
            continue
        if not name or not post:
            errors.append(_("Attendee %(n)s: give the name and the post.") % {"n": n})
        rows.append({"name": name, "post": post, "opinion": opinion})
    names = [r["name"] for r in rows]
    if len(set(names)) != len(names):
        errors.append(_("An attendee is listed twice."))
    minimum = discussion_min_attendees()
    if len(rows) < minimum:
        errors.append(_("At least %(n)s heads of the agency must attend (the chair included); %(m)s listed.") % {
            "n": minimum, "m": len(rows)} + f"（{DISCUSSION_MIN_BASIS}；《行政处罚法》第五十七条第二款）")
    if chair and chair not in names:
        errors.append(_("The chair must be listed among the attendees."))
    if errors:
        raise ValidationError({"attendees": errors})
    return rows


def record_discussion(case, *, by, held_on, chair, attendees, conclusion, minutes, place="") -> CollectiveDiscussion:
    """The heads discuss the case collectively (Art. 57 para. 2) and conclude. Agreeing moves the case on to the
    notice (or decision); changing the proposal, further investigation or no penalty (of a proposed penalty) sends
    it back to the investigation to report again; a transfer leaves the case here until the transfer is made."""
    chair, minutes = (chair or "").strip(), (minutes or "").strip()
    errors = {}
    if not chair:
        errors["chair"] = [_("Name the chair (the head of the agency).")]
    if conclusion not in Conclusion.values:
        errors["conclusion"] = [_("Choose the conclusion.")]
    if not minutes:
        errors["minutes"] = [_("Record the minutes of the discussion.")]
    if held_on is None:
        errors["held_on"] = [_("Give the date of the discussion.")]
    elif held_on > timezone.localdate():
        errors["held_on"] = [_("The date cannot lie in the future.")]
    try:
        attendees = _clean_attendees(attendees, chair)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with _acting(by):
        case = _locked_case(case)
        _require_stage(case, StageCode.DISCUSSION)
        if not cases.may_approve(by, case):
            raise Refused(_("Only the head of the agency records the collective discussion."),
                          citation=DISCUSSION_CITATION)
        discussion = CollectiveDiscussion.objects.create(case=case, held_on=held_on, place=(place or "").strip(),
                                                         chair=chair, attendees=attendees, conclusion=conclusion,
                                                         minutes=minutes, recorded_by=by)
        cases.log_event(case, CaseEventKind.DISCUSSION, by=by, note=minutes, discussion=discussion.pk,
                        conclusion=conclusion, attendees=[a["name"] for a in attendees], chair=chair)
        if conclusion == Conclusion.TRANSFER:
            return discussion
        proposal = cases.proposed_outcome(case)
        agree = conclusion == Conclusion.AGREE or (
            conclusion == Conclusion.NO_PENALTY and proposal and proposal != CaseOutcome.PENALTY)
        cases.discussion_done(case, conclusion="agree" if agree else "investigate", by=by)
    return discussion


# --- transfers (案件移送) ---------------------------------------------------------------------------------------

def _withdraw_reviews(case):
    """A case that leaves the agency needs no review any more."""
    for review in case.legal_reviews.filter(status=ReviewStatus.PENDING):
        review.status = ReviewStatus.WITHDRAWN
        review.save(update_fields=["status", "updated"])


def _require_sender(by, case):
    if not in_scope(by, case, CHANGE) or not in_scope(by, Transfer(case=case), ADD):
        raise Refused(_("Only the officers and heads handling case %(number)s may transfer it.") % {
            "number": case.number})
    if case.status not in LIVE_STATUSES:
        raise Refused(_("Case %(number)s is %(status)s: it can no longer be transferred.") % {
            "number": case.number, "status": case.get_status_display()})


def _receiver_fields(to_agency, receiver_name):
    name = (receiver_name or "").strip() or (to_agency.name if to_agency else "")
    return name[:100]


def transfer_to_agency(case, *, by, to_agency, grounds, materials="") -> Transfer:
    """Transfer the case with its file to the competent agency (行政处罚法 第二十二条至第二十五条): the case ends here
    (``end_by_transfer``); the receiving agency sees the transfer and answers."""
    grounds = (grounds or "").strip()
    errors = {}
    if to_agency is None:
        errors["to_agency"] = [_("Choose the competent agency.")]
    if not grounds:
        errors["grounds"] = [_("Give the grounds for the transfer.")]
    if errors:
        raise ValidationError(errors)
    if to_agency.pk in (case.agency_id, case.deciding_body_id):
        raise Refused(_("A case cannot be transferred to the agency that handles it."), field="to_agency")
    with _acting(by):
        case = _locked_case(case)
        _require_sender(by, case)
        if case.transfers.exclude(status__in=[TransferStatus.NOT_APPROVED, TransferStatus.REFUSED,
                                              TransferStatus.NOT_FILED]).exists():
            raise Refused(_("Case %(number)s is already being transferred.") % {"number": case.number})
        transfer = Transfer.objects.create(case=case, kind=TransferKind.COMPETENT, status=TransferStatus.SENT,
                                           to_agency=to_agency, receiver_name=_receiver_fields(to_agency, ""),
                                           grounds=grounds, materials=(materials or "").strip(),
                                           sent_at=timezone.now(), sent_by=by)
        _withdraw_reviews(case)
        cases.end_by_transfer(case, by=by, note=_("Transferred to %(agency)s: %(grounds)s") % {
            "agency": transfer.receiver, "grounds": grounds})
    return transfer


def report_crime(case, *, by, grounds, police, procuratorate, to_agency=None, materials="",
                 reported_on=None) -> Transfer:
    """Report a suspected crime to the head (移送涉嫌犯罪案件的书面报告): the head decides within 3 days
    (rule "criminal-transfer-decision"); the case stays open meanwhile."""
    grounds, police, procuratorate = (grounds or "").strip(), (police or "").strip(), (procuratorate or "").strip()
    reported_on = reported_on or timezone.localdate()
    errors = {}
    if not grounds:
        errors["grounds"] = [_("Give the facts that suggest a crime.")]
    if not police and to_agency is None:
        errors["receiver_name"] = [_("Name the public security organ.")]
    if not procuratorate:
        errors["copy_to"] = [_("Name the people's procuratorate that receives a copy.")]
    if reported_on > timezone.localdate():
        errors["reported_on"] = [_("The date cannot lie in the future.")]
    if errors:
        raise ValidationError(errors)
    with _acting(by):
        case = _locked_case(case)
        _require_sender(by, case)
        if case.transfers.filter(status__in=[TransferStatus.REPORTED, TransferStatus.APPROVED,
                                             TransferStatus.SENT]).exists():
            raise Refused(_("Case %(number)s is already being transferred.") % {"number": case.number})
        transfer = Transfer.objects.create(case=case, kind=TransferKind.CRIMINAL, status=TransferStatus.REPORTED,
                                           to_agency=to_agency, receiver_name=_receiver_fields(to_agency, police),
                                           copy_to=procuratorate, grounds=grounds,
                                           materials=(materials or "").strip(), reported_on=reported_on)
        deadline = cases.set_deadline(case, f"criminal-decision:{transfer.pk}", rule="criminal-transfer-decision",
                                      start=reported_on)
        transfer.decision_due_on = deadline.due_on
        transfer.save(update_fields=["decision_due_on", "updated"])
        cases.log_event(case, CaseEventKind.NOTE, by=by, note=grounds, transfer=transfer.pk,
                        what="criminal_transfer_reported", due_on=str(deadline.due_on))
    return transfer


def decide_criminal_transfer(transfer, *, by, approve, note="", decided_at=None) -> Transfer:
    """The head decides whether to transfer (within 3 days of the report). Approved: the case must reach the
    police within 24 hours (rule "criminal-transfer"). Not approved: the reason is recorded and the case goes on."""
    note = (note or "").strip()
    decided_at = decided_at or timezone.now()
    if not approve and not note:
        raise ValidationError({"note": [_("Give the reason for not transferring.")]})
    with _acting(by):
        transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
        case = _locked_case(transfer.case)
        if transfer.kind != TransferKind.CRIMINAL or transfer.status != TransferStatus.REPORTED:
            raise Refused(_("This transfer is not waiting for the head's decision."))
        if not cases.may_approve(by, case):
            raise Refused(_("Only the head of the agency decides on a criminal transfer."), citation=CRIMINAL_CITATION)
        transfer.decided_at, transfer.decided_by, transfer.decision_note = decided_at, by, note
        cases.meet_deadline(case, f"criminal-decision:{transfer.pk}", on=timezone.localtime(decided_at).date())
        if approve:
            due = compute("criminal-transfer", decided_at, region=case.region)
            transfer.status, transfer.send_due_at = TransferStatus.APPROVED, due.due
            cases.set_deadline(case, f"criminal-transfer:{transfer.pk}", start=timezone.localtime(decided_at).date(),
                               due_on=timezone.localtime(due.due).date(), label=due.rule.name if due.rule else "",
                               citation=due.citation)
        else:
            transfer.status = TransferStatus.NOT_APPROVED
        transfer.save()
        cases.log_event(case, CaseEventKind.NOTE, by=by, note=note, transfer=transfer.pk,
                        what="criminal_transfer_approved" if approve else "criminal_transfer_not_approved",
                        late=transfer.decision_late)
    return transfer


def send_transfer(transfer, *, by, sent_at=None) -> Transfer:
    """The approved criminal transfer is sent to the police (copy to the procuratorate): the case ends here."""
    sent_at = sent_at or timezone.now()
    with _acting(by):
        transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
        case = _locked_case(transfer.case)
        if transfer.status != TransferStatus.APPROVED:
            raise Refused(_("Only an approved transfer can be sent."), citation=CRIMINAL_CITATION)
        _require_sender(by, case)
        transfer.status, transfer.sent_at, transfer.sent_by = TransferStatus.SENT, sent_at, by
        transfer.save()
        cases.meet_deadline(case, f"criminal-transfer:{transfer.pk}", on=timezone.localtime(sent_at).date())
        _withdraw_reviews(case)
        cases.end_by_transfer(case, by=by, note=_("Transferred to %(police)s as a suspected crime (copy to "
                                                  "%(procuratorate)s): %(grounds)s") % {
            "police": transfer.receiver, "procuratorate": transfer.copy_to, "grounds": transfer.grounds})
    return transfer


def receives(user, transfer) -> bool:
    """Whether the user acts for the receiving agency of the transfer (its subtree, or its place)."""
    agency = transfer.to_agency
    if agency is None:
        return False
    for g in grants_for(user, Transfer, CHANGE):
        if g.kind == "all":
            return True
        if g.kind == "agency" and agency.path.startswith(g.path):
            return True
        if g.kind == "region" and agency.region.path.startswith(g.path):
            return True
    return False


def may_answer(user, transfer) -> bool:
    """The receiving agency answers on the platform; a receiver outside the platform (no receiving agency, e.g.
    the police) answers in writing and the sending side records it."""
    if transfer.to_agency_id:
        return receives(user, transfer)
    return in_scope(user, transfer.case, CHANGE) and in_scope(user, transfer, CHANGE)


def answer_transfer(transfer, *, by, accepted, note="", answered_on=None) -> Transfer:
    """The receiving side's answer: the competent agency accepts or refuses (with the reason); the police file
    the case or not (with the reason)."""
    note = (note or "").strip()
    answered_on = answered_on or timezone.localdate()
    if not accepted and not note:
        raise ValidationError({"note": [_("Give the reason.")]})
    if answered_on > timezone.localdate():
        raise ValidationError({"answered_on": [_("The date cannot lie in the future.")]})
    with _acting(by):
        transfer = (Transfer.objects.select_for_update(of=("self",)).select_related("to_agency__region", "case")
                    .get(pk=transfer.pk))
        if transfer.status != TransferStatus.SENT:
            raise Refused(_("This transfer is not waiting for an answer."))
        if not may_answer(by, transfer):
            raise Refused(_("Only the receiving agency answers this transfer."))
        if transfer.sent_at and answered_on < timezone.localtime(transfer.sent_at).date():
            raise ValidationError({"answered_on": [_("The answer cannot come before the transfer.")]})
        if transfer.is_criminal:
            transfer.status = TransferStatus.FILED if accepted else TransferStatus.NOT_FILED
        else:
            transfer.status = TransferStatus.ACCEPTED if accepted else TransferStatus.REFUSED
        transfer.answered_on, transfer.answer_note, transfer.answered_by = answered_on, note, by
        transfer.save()
        cases.log_event(transfer.case, CaseEventKind.NOTE, by=by, note=note, transfer=transfer.pk,
                        what="transfer_answer", status=transfer.status)
    return transfer

