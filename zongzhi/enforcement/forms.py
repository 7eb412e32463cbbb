"""Forms of the case section and the action pages. Model forms run the model's ``clean()``; the view then calls
the service, whose refusals come back onto the form."""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.forms import DateInput, ScopedModelForm

from .choices import CourtOutcome, PaymentChannel, ReviewOutcome, ServiceMethod
from .models import CourtApplication, Demand, Litigation, Payment, PaymentPlan, Reconsideration, ServiceRecord


def _style(form):
    for f in form.fields.values():
        widget = f.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)
        if isinstance(widget, forms.Textarea):
            widget.attrs["rows"] = 2


class CaseRecordForm(ScopedModelForm):
    """A record of a case: the case is given by the page, never chosen."""

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.instance.case = case
        _style(self)


def show_when(form, control, rules):
    """Mark fields shown only for some values of ``control`` (a select): the page hides the others."""
    for name, values in rules.items():
        if name in form.fields:
            form.fields[name].show_when = f"{control}:{' '.join(values)}"


class ServiceRecordForm(CaseRecordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        m = ServiceMethod
        show_when(self, "method", {
            "address": [m.BY_HAND, m.LEFT_AT_ADDRESS, m.POST], "witnesses": [m.LEFT_AT_ADDRESS],
            "tracking_number": [m.POST], "posted_on": [m.POST], "consent_reference": [m.ELECTRONIC],
            "electronic_address": [m.ELECTRONIC], "notice_on": [m.PUBLIC_NOTICE], "notice_reason": [m.PUBLIC_NOTICE],
            "served_on": [m.BY_HAND, m.LEFT_AT_ADDRESS, m.POST, m.ELECTRONIC]})

    class Meta:
        model = ServiceRecord
        fields = ["document", "document_number", "is_decision", "method", "recipient", "address", "served_on",
                  "witnesses", "tracking_number", "posted_on", "consent_reference", "electronic_address",
                  "notice_on", "notice_reason", "proof", "receipt_number", "note"]
        widgets = {"served_on": DateInput, "posted_on": DateInput, "notice_on": DateInput,
                   "note": forms.Textarea}


class PaymentForm(CaseRecordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bank, spot = [PaymentChannel.BANK], [PaymentChannel.ON_THE_SPOT]
        show_when(self, "channel", {"bank": bank, "bank_receipt_number": bank, "onsite_ground": spot,
                                    "onsite_reason": spot, "receipt_number": spot})

    class Meta:
        model = Payment
        fields = ["channel", "amount", "paid_on", "payer", "bank", "bank_receipt_number", "onsite_ground",
                  "onsite_reason", "receipt_number", "note"]
        widgets = {"paid_on": DateInput, "onsite_reason": forms.Textarea, "note": forms.Textarea}


class ScheduleField(forms.CharField):
    """One line per due date: ``2026-12-31 500`` (date, then amount in yuan)."""

    widget = forms.Textarea

    def to_python(self, value):
        value = super().to_python(value)
        rows = []
        for n, line in enumerate((value or "").splitlines(), start=1):
            parts = line.replace("，", " ").replace(",", " ").split()
            if not parts:
                continue
            try:
                due = datetime.date.fromisoformat(parts[0])
                amount = Decimal(parts[1])
            except (ValueError, IndexError, InvalidOperation):
                raise forms.ValidationError(_("Line %(n)s: write the date (YYYY-MM-DD) and the amount, e.g. "
                                              "2026-12-31 500.") % {"n": n}) from None
            rows.append({"due_on": due.isoformat(), "amount": str(amount)})
        return rows

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{r['due_on']} {r['amount']}" for r in value)
        return value


class PaymentPlanForm(CaseRecordForm):
    schedule = ScheduleField(label=_("Schedule"), help_text=_("One line per due date: date and amount, e.g. "
                                                               "2026-12-31 500."))

    class Meta:
        model = PaymentPlan
        fields = ["kind", "reason", "requested_on", "schedule"]
        widgets = {"requested_on": DateInput, "reason": forms.Textarea}


class PlanDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "yes",
                                     choices=[("yes", _("Approve")), ("no", _("Do not approve"))])
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class DemandForm(CaseRecordForm):
    class Meta:
        model = Demand
        fields = ["number", "issued_on", "served_on", "method", "note"]
        widgets = {"issued_on": DateInput, "served_on": DateInput, "note": forms.Textarea}


class CourtApplicationForm(CaseRecordForm):
    class Meta:
        model = CourtApplication
        fields = ["court", "filed_on", "court_case_number", "note"]
        widgets = {"filed_on": DateInput, "note": forms.Textarea}


class ReconsiderationForm(CaseRecordForm):
    class Meta:
        model = Reconsideration
        fields = ["body", "filed_on", "case_number", "note"]
        widgets = {"filed_on": DateInput, "note": forms.Textarea}


class LitigationForm(CaseRecordForm):
    class Meta:
        model = Litigation
        fields = ["court", "instance", "filed_on", "case_number", "note"]
        widgets = {"filed_on": DateInput, "note": forms.Textarea}


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"))
    on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea, max_length=2000)
    choices = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [c for c in self.choices if c[0] != "pending"]
        _style(self)


class CourtOutcomeForm(OutcomeForm):
    choices = CourtOutcome.choices


class ReviewOutcomeForm(OutcomeForm):
    choices = ReviewOutcome.choices


class HandoverForm(forms.Form):
    handed_over_on = forms.DateField(label=_("Handed over on"), widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class ConfirmForm(forms.Form):
    """No fields: a button."""
