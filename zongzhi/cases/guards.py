"""What the law forbids, each check with its article (DOMAIN.md §4). A guard raises ``Refused`` — a
``ValidationError`` whose message names the article — so pages show it on the form and the API answers 400 with
the field keyed. Guards only read; the services in ``services.casework`` call them before they change anything.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zongzhi.catalog.services import may_exercise, township_of
from zongzhi.deadlines.services import compute

from .choices import CaseOutcome, CaseStatus, PartyKind, Procedure, StageCode, StageStatus

MIN_OFFICERS = 2  # 行政处罚法 第四十二条、第五十五条
SUMMARY_LIMIT_PERSON = Decimal(200)  # 行政处罚法 第五十一条
SUMMARY_LIMIT_ORGANISATION = Decimal(3000)
# Penalty types that give the right to a hearing whatever the amount (行政处罚法 第六十三条).
HEARING_TYPES = {"suspend_licence", "lower_qualification", "revoke_licence", "restrict_business", "order_suspension",
                 "order_closure", "restrict_practice"}
SUMMARY_TYPES = {"warning", "fine"}


class Refused(ValidationError):
    """A step the law forbids. ``citation`` names the article."""

    def __init__(self, message, *, field=None, citation=""):
        self.citation = citation
        text = f"{message}（{citation}）" if citation else str(message)
        super().__init__({field: [text]} if field else text)


@dataclass(frozen=True)
class Defaults:
    """The national defaults when a jurisdiction has set no ``LocalCaseRule``."""

    hearing_fine_person: Decimal = Decimal(2000)
    hearing_fine_organisation: Decimal = Decimal(20000)
    review_fine_person: Decimal = Decimal(2000)
    review_fine_organisation: Decimal = Decimal(20000)
    review_all_general: bool = True
    discussion_fine_person: Decimal = Decimal(10000)
    discussion_fine_organisation: Decimal = Decimal(100000)
    statement_days: int = 3
    extension_days: int = 30
    citation: str = ""


def local_rule(region):
    """The ``LocalCaseRule`` of the nearest jurisdiction at or above ``region``, else the national defaults."""
    from zongzhi.utilities.scope import ancestor_paths

    from .models import LocalCaseRule

    paths = [*ancestor_paths(region.path), region.path]
    rules = sorted(LocalCaseRule.objects.filter(region__path__in=paths).select_related("region"),
                   key=lambda r: len(r.region.path))
    return rules[-1] if rules else Defaults()


def is_organisation(parties) -> bool:
    return any(p.kind != PartyKind.PERSON for p in parties)


# --- filing ---------------------------------------------------------------------------------------------------

def competent_agencies(matter, region, on_date):
    """Who may exercise ``matter`` at ``region`` on ``on_date``: the township's bodies and the county departments
    of the matter's domain, each asked ``may_exercise``. For the suggestion to transfer."""
    from zongzhi.agencies.models import Agency

    township = township_of(region)
    county = township.administrative_parent if township else region
    candidates = Agency.objects.filter(is_enforcement_body=True).filter(
        region__in=[r for r in (township, county) if r is not None]).order_by("region__path", "name")
    return [a for a in candidates if may_exercise(a, matter, on_date, region=region).allowed]


def check_competence(agency, matter, region, on_date):
    """The agency may exercise the matter where and when the act happened (the powers catalog), otherwise the
    filing is refused with the suggestion to transfer (行政处罚法 第二十三条、第二十四条)."""
    answer = may_exercise(agency, matter, on_date, region=region)
    if answer.allowed:
        return answer
    holders = competent_agencies(matter, region, on_date)
    hint = (_(" Transfer it to %(agencies)s.") % {"agencies": "、".join(str(a) for a in holders)} if holders
            else _(" No agency of the county holds this matter there; ask the justice bureau."))
    raise Refused(str(answer.reason) + hint, field="matter", citation="《行政处罚法》第二十三条、第二十四条")


def limitation_end(case):
    """The last day on which the act may still be discovered (行政处罚法 第三十六条): 2 years, or 5 years for a
    matter endangering life, health or financial safety with harmful consequences, from the act or from the end of
    a continuing act. ``None`` while a continuing act goes on. (A limitation ending in a year whose holidays are
    not published yet is counted provisionally; it lies in the future, so it cannot have run out.)"""
    if case.continuing and not case.act_ended_on:
        return None
    start = case.act_ended_on if case.continuing else case.act_on
    code = "limitation-safety" if case.matter.endangers_safety and case.harmful else "limitation"
    return compute(code, start, region=case.region)


def check_limitation(case):
    deadline = limitation_end(case)
    if deadline is not None and case.discovered_on > deadline.due:
        raise Refused(_("The act was discovered on %(found)s, after the limitation ended on %(end)s: it can no "
                        "longer be punished.") % {"found": case.discovered_on, "end": deadline.due},
                      field="discovered_on", citation=deadline.citation)
    return deadline


def check_officers(officers, domain, on_date, body=None):
    """At least two handling officers, each holding a valid enforcement certificate for the domain (and of the
    deciding body's own force)."""
    officers = list(officers)
    problems = [o for o in officers if not o.can_enforce(on_date, domain)]
    if problems:
        raise Refused(_("%(names)s hold no valid enforcement certificate for %(domain)s.") % {
            "names": "、".join(o.name for o in problems), "domain": domain}, field="officers",
            citation="《行政处罚法》第四十二条")
    if body is not None:
        outside = [o for o in officers if not o.agency.path.startswith(body.path)]
        if outside:
            raise Refused(_("%(names)s do not belong to %(agency)s.") % {
                "names": "、".join(o.name for o in outside), "agency": body}, field="officers",
                citation="《行政处罚法》第四十二条")
    if len({o.pk for o in officers}) < MIN_OFFICERS:
        raise Refused(_("At least two certified officers must handle a case."), field="officers",
                      citation="《行政处罚法》第四十二条、第五十五条")


def check_jurisdiction(case, parties):
    """The first agency to file keeps the case (行政处罚法 第二十五条): refuse when another body already has a live
    or decided case on the same matter against the same party."""
    from django.db.models import Q

    from .models import Case

    ids = [p.identifier for p in parties if p.identifier]
    names = [p.name for p in parties if not p.identifier]
    if not ids and not names:
        return
    same_party = Q()
    if ids:
        same_party |= Q(parties__identifier__in=ids)
    if names:
        same_party |= Q(parties__name__in=names, parties__identifier="")
    first = (Case.objects.filter(same_party, matter=case.matter, act_on=case.act_on)
             .exclude(deciding_body=case.deciding_body)
             .exclude(status__in=[CaseStatus.NOT_APPROVED, CaseStatus.TRANSFERRED])
             .select_related("deciding_body").order_by("requested_on", "pk").first())
    if first is not None:
        raise Refused(_("%(agency)s filed this act first (%(number)s, %(date)s) and keeps the case.") % {
            "agency": first.deciding_body, "number": first.number, "date": first.requested_on},
            field="matter", citation="《行政处罚法》第二十五条")


def check_summary(procedure, parties, amount, penalty_types):
    """Summary procedure only for a warning or a fine up to 200 元 (person) or 3,000 元 (organisation)."""
    if procedure != Procedure.SUMMARY:
        return
    limit = SUMMARY_LIMIT_ORGANISATION if is_organisation(parties) else SUMMARY_LIMIT_PERSON
    if set(penalty_types) - SUMMARY_TYPES:
        raise Refused(_("The summary procedure allows only a warning or a fine."), field="penalty_types",
                      citation="《行政处罚法》第五十一条")
    if Decimal(amount or 0) > limit:
        raise Refused(_("%(amount)s yuan is above the summary-procedure limit of %(limit)s yuan: use the general "
                        "procedure.") % {"amount": amount, "limit": limit}, field="fine_amount",
                      citation="《行政处罚法》第五十一条")


# --- what the proposed decision requires ----------------------------------------------------------------------

def hearing_rights(case, parties, amount, penalty_types, confiscated=0):
    """Art. 63: a large fine or confiscation (local thresholds), or a severe penalty type, gives the right to
    request a hearing."""
    rule = local_rule(case.region)
    org = is_organisation(parties)
    threshold = rule.hearing_fine_organisation if org else rule.hearing_fine_person
    return (Decimal(amount or 0) >= threshold or Decimal(confiscated or 0) >= threshold
            or bool(set(penalty_types) & HEARING_TYPES))


def review_reasons(case, parties, amount, penalty_types, flags=(), heard=False, complex_case=False):
    """Why legal review is required before the decision (行政处罚法 第五十八条 and local rules): a list of
    ``{"reason", "citation"}``; empty when none applies."""
    rule = local_rule(case.region)
    reasons = []
    local = rule.citation or _("local rule of the jurisdiction")
    if case.procedure == Procedure.GENERAL and rule.review_all_general:
        reasons.append({"reason": _("Every general-procedure decision of this jurisdiction is reviewed."),
                        "citation": local})
    threshold = rule.review_fine_organisation if is_organisation(parties) else rule.review_fine_person
    if Decimal(amount or 0) >= threshold:
        reasons.append({"reason": _("The fine reaches the review threshold of %(limit)s yuan.") % {"limit": threshold},
                        "citation": local})
    if heard:
        reasons.append({"reason": _("A hearing was held."), "citation": "《行政处罚法》第五十八条第一款第二项"})
    if complex_case:
        reasons.append({"reason": _("The case is complex."), "citation": "《行政处罚法》第五十八条第一款第三项"})
    if flags:
        reasons.append({"reason": _("The amount deviates from the discretion benchmark."),
                        "citation": "《行政处罚法》第三十四条、第五十八条"})
    return reasons


def discussion_required(case, parties, amount, complex_case=False):
    """Art. 57 para. 2: complex cases and heavy penalties are decided by the heads collectively."""
    rule = local_rule(case.region)
    threshold = rule.discussion_fine_organisation if is_organisation(parties) else rule.discussion_fine_person
    return complex_case or Decimal(amount or 0) >= threshold


# --- before the decision -------------------------------------------------------------------------------------

def last_stage(case, code):
    return case.stages.filter(stage__code=code).order_by("-started_at", "-id").first()


def check_ready_for_decision(case, today, proposed_outcome):
    """No decision without the notice of intended penalty and the time to answer (Arts. 44, 45, 62, 64), without
    the legal review the case requires (Art. 58), or without the collective discussion it requires (Art. 57)."""
    if case.status != CaseStatus.OPEN:
        raise Refused(_("Only an open case can be decided (this one is %(status)s).") % {
            "status": case.get_status_display()})
    # 以罚代刑: a suspected crime reported for transfer to the police is not decided here meanwhile.
    if case.transfers.filter(kind="criminal", status__in=["reported", "approved"]).exists():
        raise Refused(_("A transfer of this case to the police as a suspected crime is pending: no administrative "
                        "penalty may replace it."), citation="《行政执法机关移送涉嫌犯罪案件的规定》第十一条")
    if proposed_outcome == CaseOutcome.PENALTY:
        notice = last_stage(case, StageCode.NOTICE)
        if notice is None or notice.status != StageStatus.DONE:
            raise Refused(_("The party has not been notified of the intended penalty and of their rights."),
                          citation="《行政处罚法》第四十四条、第六十二条")
        open_answer = case.deadlines.filter(key__in=["statement", "hearing-request"], state="open",
                                            due_on__gte=today).first()
        statement = last_stage(case, StageCode.HEARING)
        if open_answer is not None and (statement is None or statement.status != StageStatus.DONE):
            raise Refused(_("The party may still answer until %(date)s (%(what)s).") % {
                "date": open_answer.due_on, "what": open_answer.label}, citation="《行政处罚法》第四十五条、第六十二条")
        hearing_pending = case.events.filter(kind="hearing_requested").exists() and not case.events.filter(
            kind="hearing_held").exists()
        if hearing_pending:
            raise Refused(_("The party requested a hearing that has not been held."),
                          citation="《行政处罚法》第六十三条、第六十四条")
    if case.review_reasons:
        review = last_stage(case, StageCode.LEGAL_REVIEW)
        heard_at = case.events.filter(kind="hearing_held").order_by("-at").values_list("at", flat=True).first()
        if review is None or review.status != StageStatus.DONE or (heard_at and review.finished_at < heard_at):
            raise Refused(_("Legal review must approve the decision first: %(why)s") % {
                "why": "；".join(r["reason"] for r in case.review_reasons)}, citation="《行政处罚法》第五十八条")
    if case.discussion_required:
        discussion = last_stage(case, StageCode.DISCUSSION)
        if discussion is None or discussion.status != StageStatus.DONE:
            raise Refused(_("The heads of the agency must discuss the case collectively first."),
                          citation="《行政处罚法》第五十七条第二款")
