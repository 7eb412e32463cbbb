"""The steps of a case as the page and the API offer them: for each code of ``services.allowed_actions`` its label,
its form, and the call of the service. The page's small forms and the API's ``@action`` endpoints both end in
``perform``, so the guards (and their articles) are the same everywhere."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zongzhi.deadlines.workdays import CalendarDataMissing

from . import forms, services
from .guards import Refused

# Steps only the head (leader over the place, liaison of the deciding department) may take.
HEAD_ACTIONS = {"approve_filing", "decide", "close", "suspend", "resume", "extend"}


@dataclass(frozen=True)
class Step:
    label: object
    form: type
    call: object  # (case, by, data) -> Case
    style: str = "primary"


def _amount(value):
    return 0 if value in (None, "") else value


STEPS = {
    "approve_filing": Step(gettext_lazy("Approve or refuse filing"), forms.ApproveFilingForm,
                           lambda case, by, d: services.approve_filing(case, by=by, approve=d["decision"] == "approve",
                                                                       reason=d.get("reason", ""))),
    "report": Step(gettext_lazy("Investigation report"), forms.ReportForm,
                   lambda case, by, d: services.submit_report(
                       case, by=by, facts=d["facts"], proposed_outcome=d["proposed_outcome"],
                       fine_amount=_amount(d.get("fine_amount")), confiscated_amount=_amount(d.get("confiscated_amount")),
                       penalty_types=d.get("penalty_types") or [], level=d.get("level") or "",
                       deviation_reason=d.get("deviation_reason", ""), complex_case=bool(d.get("complex_case")))),
    "notice": Step(gettext_lazy("Notice of intended penalty"), forms.NoticeForm,
                   lambda case, by, d: services.give_notice(case, by=by, notified_on=d.get("notified_on"))),
    "statement": Step(gettext_lazy("Record statement"), forms.StatementForm,
                      lambda case, by, d: services.record_statement(case, by=by, text=d["text"],
                                                                    waived=bool(d.get("waived")))),
    "request_hearing": Step(gettext_lazy("Hearing requested"), forms.RequestHearingForm,
                            lambda case, by, d: services.request_hearing(case, by=by,
                                                                         requested_on=d.get("requested_on")),
                            "secondary"),
    "notify_hearing": Step(gettext_lazy("Notify hearing"), forms.NotifyHearingForm,
                           lambda case, by, d: services.notify_hearing(case, by=by, hearing_on=d["hearing_on"],
                                                                       notified_on=d.get("notified_on")),
                           "secondary"),
    "record_hearing": Step(gettext_lazy("Record hearing"), forms.RecordHearingForm,
                           lambda case, by, d: services.record_hearing(case, by=by, minutes=d["minutes"]), "secondary"),
    "end_statement": Step(gettext_lazy("End statement and hearing"), forms.EmptyForm,
                          lambda case, by, d: services.end_statement(case, by=by)),
    "decide": Step(gettext_lazy("Decide"), forms.DecideForm,
                   lambda case, by, d: services.decide(
                       case, by=by, outcome=d["outcome"], decision_text=d.get("decision_text", ""),
                       fine_amount=d.get("fine_amount"), no_penalty_ground=d.get("no_penalty_ground") or "",
                       education_record=d.get("education_record", ""))),
    "close": Step(gettext_lazy("Close the case"), forms.NoteForm,
                  lambda case, by, d: services.close_case(case, by=by, note=d.get("note", ""))),
    "archive": Step(gettext_lazy("Archive"), forms.EmptyForm, lambda case, by, d: services.archive_case(case, by=by)),
    "suspend": Step(gettext_lazy("Suspend"), forms.ReasonForm,
                    lambda case, by, d: services.suspend(case, by=by, reason=d["reason"]), "warning"),
    "resume": Step(gettext_lazy("Resume"), forms.NoteForm,
                   lambda case, by, d: services.resume(case, by=by, note=d.get("note", ""))),
    "extend": Step(gettext_lazy("Extend the time limit"), forms.ExtendForm,
                   lambda case, by, d: services.extend(case, by=by, reason=d["reason"], days=d.get("days")),
                   "warning"),
    "officers": Step(gettext_lazy("Change officers"), forms.OfficersForm,
                     lambda case, by, d: services.set_officers(case, list(d["officers"]), by=by), "secondary"),
}

# Forms that need the case to build their choices.
CASE_FORMS = {forms.ReportForm, forms.OfficersForm}


def form_for(code, case, data=None):
    step = STEPS[code]
    kwargs = {"case": case} if step.form in CASE_FORMS else {}
    return step.form(data, prefix=code, **kwargs)


def perform(code, case, *, by, data):
    """Run step ``code`` through its service. Refusals are ``ValidationError`` (``Refused`` names the article)."""
    if code in HEAD_ACTIONS and not services.may_approve(by, case):
        raise Refused(_("Only the head of the agency may approve this step."),
                      citation="《行政处罚法》第五十四条、第五十七条")
    try:
        return STEPS[code].call(case, by, data)
    except CalendarDataMissing as error:
        raise ValidationError(_("The holidays of a year this date reaches are not known yet: %(error)s")
                              % {"error": error}) from error
