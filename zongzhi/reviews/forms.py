"""Forms of the review pages and of the case page section. They only collect input: the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.agencies.models import Agency
from zongzhi.utilities.forms import DateInput
from zongzhi.utilities.scope import VIEW

from . import services
from .choices import CHECKLIST, CheckResult, Conclusion, Opinion

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            w = f.widget
            if isinstance(w, forms.RadioSelect):
                continue
            w.attrs.setdefault("class", "form-select" if isinstance(w, forms.Select) else "form-control")


class OpinionForm(_Styled):
    """The reviewer's opinion with the eight-point checklist (a result and a note per point)."""

    officer = forms.ModelChoiceField(queryset=None, label=_("Reviewer (your officer record)"),
                                     help_text=_("A first-time reviewer must hold the legal professional "
                                                 "qualification (行政处罚法 Art. 58 para. 2)."))

    def __init__(self, *args, case, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        officers = services.reviewer_officers(case)
        self.fields["officer"].queryset = officers
        self.fields["officer"].label_from_instance = lambda o: (
            f"{o.name} · {o.post or o.agency}" + (" · " + str(_("legal professional qualification"))
                                                  if o.legal_qualification else ""))
        name = (getattr(user, "display_name", "") or "").strip()
        if name and not self.is_bound:
            match = next((o for o in officers if o.name == name), None)
            if match is not None:
                self.initial["officer"] = match.pk
        for code, label in CHECKLIST:
            self.fields[f"check_{code}"] = forms.ChoiceField(label=label, choices=CheckResult.choices,
                                                             widget=forms.RadioSelect, initial=CheckResult.PASS)
            self.fields[f"note_{code}"] = forms.CharField(label=pgettext_lazy("review", "Note"), required=False, max_length=1000)
        self.fields["opinion"] = forms.ChoiceField(label=_("Opinion"), choices=Opinion.choices)
        self.fields["reasons"] = forms.CharField(label=_("Reasons"), required=False, widget=forms.Textarea(
            attrs={"rows": 3}), max_length=4000)
        self.fields["changes"] = forms.CharField(label=_("Changes required"), required=False, widget=forms.Textarea(
            attrs={"rows": 3}), max_length=4000, help_text=_("Required when agreeing after changes."))
        self.fields["opinion"].widget.attrs["class"] = "form-select"
        for name in ("reasons", "changes"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def checklist_fields(self):
        return [(self[f"check_{code}"], self[f"note_{code}"]) for code, _label in CHECKLIST]

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "officer": data["officer"],
            "checklist": {code: {"result": data.get(f"check_{code}", ""), "note": data.get(f"note_{code}", "")}
                          for code, _label in CHECKLIST},
            "opinion": data["opinion"], "reasons": data.get("reasons", ""), "changes": data.get("changes", ""),
        }


class DiscussionForm(_Styled):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput)
    place = forms.CharField(label=_("Place"), required=False, max_length=100)
    chair = forms.CharField(label=_("Chair"), max_length=64, help_text=_("The head of the agency who chairs."))
    conclusion = forms.ChoiceField(label=pgettext_lazy("review", "Conclusion"), choices=Conclusion.choices)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 5}), max_length=8000)

    def __init__(self, *args, rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows or max(services.discussion_min_attendees() + 2, 5)
        for i in range(self.rows):
            self.fields[f"name_{i}"] = forms.CharField(label=pgettext_lazy("review", "Name"), required=False, max_length=64)
            self.fields[f"post_{i}"] = forms.CharField(label=pgettext_lazy("review", "Post"), required=False, max_length=64)
            self.fields[f"opinion_{i}"] = forms.CharField(label=_("Opinion"), required=False, max_length=1000)
            for name in ("name", "post", "opinion"):
                self.fields[f"{name}_{i}"].widget.attrs["class"] = "form-control"

    def attendee_rows(self):
        return [(self[f"name_{i}"], self[f"post_{i}"], self[f"opinion_{i}"]) for i in range(self.rows)]

    def service_kwargs(self):
        data = self.cleaned_data
        attendees = [{"name": data.get(f"name_{i}", ""), "post": data.get(f"post_{i}", ""),
                      "opinion": data.get(f"opinion_{i}", "")} for i in range(self.rows)]
        return {"held_on": data["held_on"], "place": data.get("place", ""), "chair": data["chair"],
                "attendees": attendees, "conclusion": data["conclusion"], "minutes": data["minutes"]}


def receiving_agencies(user, case):
    return (Agency.objects.restrict(user, VIEW).exclude(pk__in=[case.agency_id, case.deciding_body_id])
            .order_by("region__path", "name"))


class TransferForm(_Styled):
    """Transfer to the competent agency."""

    to_agency = forms.ModelChoiceField(queryset=None, label=_("Competent agency"))
    grounds = forms.CharField(label=_("Grounds for the transfer"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=4000)
    materials = forms.CharField(label=_("Materials sent"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                max_length=4000)

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = receiving_agencies(user, case)


class CriminalReportForm(_Styled):
    """A suspected crime reported to the head for transfer to the police."""

    receiver_name = forms.CharField(label=_("Public security organ"), max_length=100)
    copy_to = forms.CharField(label=_("People's procuratorate (copy)"), max_length=100)
    to_agency = forms.ModelChoiceField(queryset=None, required=False, label=_("Receiving agency on the platform"),
                                       help_text=_("Only when the public security organ works on this platform."))
    grounds = forms.CharField(label=_("Facts suggesting a crime"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=4000)
    materials = forms.CharField(label=_("Materials sent"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                max_length=4000)
    reported_on = forms.DateField(label=_("Reported to the head on"), widget=DateInput, required=False)

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = receiving_agencies(user, case)

    def service_kwargs(self):
        d = self.cleaned_data
        return {"police": d["receiver_name"], "procuratorate": d["copy_to"], "to_agency": d.get("to_agency"),
                "grounds": d["grounds"], "materials": d.get("materials", ""), "reported_on": d.get("reported_on")}


class DecisionForm(_Styled):
    approve = forms.ChoiceField(label=_("Transfer to the police?"), choices=YES_NO)
    note = forms.CharField(label=pgettext_lazy("review", "Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=4000, help_text=_("The reason is required when not transferring."))


class AnswerForm(_Styled):
    accepted = forms.ChoiceField(label=_("Answer"), choices=YES_NO)
    note = forms.CharField(label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=4000, help_text=_("The reason is required for a refusal."))
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput, required=False)

    def __init__(self, *args, transfer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if transfer is not None and transfer.is_criminal:
            self.fields["accepted"].choices = [("yes", _("Filed (立案)")), ("no", _("Not filed (不予立案)"))]
        else:
            self.fields["accepted"].choices = [("yes", pgettext_lazy("transfer", "Accepted")), ("no", _("Refused"))]
