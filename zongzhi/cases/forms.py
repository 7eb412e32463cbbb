from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.agencies.models import Agency
from zongzhi.catalog.choices import PenaltyType
from zongzhi.discretion.choices import Level
from zongzhi.officers.choices import SERVING_STATUSES, CertificateKind, CertificateStatus, StaffingKind
from zongzhi.officers.models import Certificate, Officer
from zongzhi.utilities.forms import DateInput, ScopedModelForm
from zongzhi.utilities.identifiers import validate_resident_id
from zongzhi.utilities.scope import ADD, grants_for
from zongzhi.utilities.widgets import speed_up

from .choices import CaseOutcome, ClueStatus, NoPenaltyGround, Outcome, PartyKind
from .models import REPORTER_FIELDS, Case, Clue, Party


def agencies_for_new_clues(user):
    """The agencies in whose name ``user`` may register clues."""
    grants = grants_for(user, Clue, ADD)
    if any(g.kind == "all" for g in grants):
        return Agency.objects.filter(active=True)
    q = Q(pk__in=[])
    for g in grants:
        q |= Q(region__path__startswith=g.path) if g.kind == "region" else Q(path__startswith=g.path)
    return Agency.objects.filter(q, active=True)


class ClueForm(ScopedModelForm):
    """Registration of a clue. Reporter fields are hidden (and cleared) when the report is anonymous."""

    class Meta:
        model = Clue
        fields = ["source", "received_at", "agency", "region", "category", "matter", "description", "address",
                  "latitude", "longitude", "subject_name", "subject_identifier", "anonymous", *REPORTER_FIELDS,
                  "external_id"]
        widgets = {
            "received_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for_new_clues(self.user).select_related("region")
        self.fields["region"].queryset = self.fields["region"].queryset.filter(level="township")
        self.fields["anonymous"].widget.attrs["data-hides"] = "reporter"
        for name in REPORTER_FIELDS:
            self.fields[name].widget.attrs["data-group"] = "reporter"


class TriageForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    transferred_to = forms.ModelChoiceField(label=_("Transfer to"), queryset=Agency.objects.none(), required=False,
                                            help_text=_("Only for a transfer: the competent agency."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transferred_to"].queryset = Agency.objects.restrict(user).filter(active=True)


class DuplicateForm(forms.Form):
    of = forms.ModelChoiceField(label=_("Duplicate of"), queryset=Clue.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["of"].queryset = candidates


# --- cases (案件) -------------------------------------------------------------------------------------------

def agencies_for_new_cases(user):
    """The agencies in whose name ``user`` may file cases: enforcement bodies and the squads acting for one."""
    grants = grants_for(user, Case, ADD)
    bodies = Q(is_enforcement_body=True) | Q(acts_in_name_of__isnull=False)
    if any(g.kind == "all" for g in grants):
        return Agency.objects.filter(bodies, active=True)
    q = Q(pk__in=[])
    for g in grants:
        q |= Q(region__path__startswith=g.path) if g.kind == "region" else Q(path__startswith=g.path)
    return Agency.objects.filter(q, bodies, active=True)


def certified_officers(agencies, on_date=None):
    """Serving officers of the forces of ``agencies`` (their numbering bodies' subtrees) holding an enforcement
    certificate valid on ``on_date`` (行政处罚法 第四十二条). The domain is checked when the case is filed."""
    on_date = on_date or timezone.localdate()
    bodies = {(a.deciding_body or a).path for a in agencies}
    q = Q(pk__in=[])
    for path in bodies:
        q |= Q(agency__path__startswith=path)
    valid = Certificate.objects.filter(kind=CertificateKind.ENFORCEMENT, status=CertificateStatus.ACTIVE,
                                       valid_from__lte=on_date, valid_to__gte=on_date).values("officer_id")
    return (Officer.objects.filter(q, pk__in=valid, status__in=SERVING_STATUSES)
            .exclude(staffing=StaffingKind.AUXILIARY).select_related("agency").order_by("agency__path", "name"))


class OfficerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.agency}）"


class CaseFileForm(ScopedModelForm):
    """Filing (立案) — the case's facts; parties come from ``PartyFormSet``; ``services.file_case`` checks the law."""

    officers = OfficerChoiceField(label=_("Handling officers"), queryset=Officer.objects.none(),
                                  widget=forms.CheckboxSelectMultiple,
                                  help_text=_("At least two officers holding a valid enforcement certificate for the "
                                              "matter's domain (行政处罚法 第四十二条、第五十五条)."))

    class Meta:
        model = Case
        fields = ["agency", "clue", "matter", "region", "act_place", "act_on", "continuing", "act_ended_on",
                  "harmful", "discovered_on", "procedure", "cause", "facts", "officers"]
        widgets = {"clue": forms.HiddenInput, "facts": forms.Textarea(attrs={"rows": 4}),
                   "act_on": DateInput, "act_ended_on": DateInput, "discovered_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = agencies_for_new_cases(self.user).select_related("region", "acts_in_name_of")
        self.fields["agency"].queryset = agencies
        self.fields["region"].queryset = self.fields["region"].queryset.filter(level="township")
        self.fields["region"].label = _("Township")
        self.fields["officers"].queryset = certified_officers(list(agencies))
        self.fields["officers"].widget.attrs["class"] = "form-check-input"
        self.fields["cause"].required = False
        self.fields["clue"].required = False
        self.fields["clue"].queryset = Clue.objects.restrict(self.user).filter(status=ClueStatus.NEW)

    def clean(self):
        data = super().clean()
        if data.get("continuing") is False:
            data["act_ended_on"] = None
        return data


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["kind", "name", "identifier", "representative", "address", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        speed_up(self)
        for f in self.fields.values():
            css = "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            f.widget.attrs.setdefault("class", css)


PartyFormSet = forms.modelformset_factory(Party, form=PartyForm, extra=0, min_num=1, validate_min=True,
                                         can_delete=False)


def initial_from_clue(clue):
    """What a clue carries into the filing form: agency, township, matter, address, date, subject."""
    initial = {"clue": clue.pk, "agency": clue.agency_id, "region": clue.region_id, "matter": clue.matter_id,
               "act_place": clue.address, "discovered_on": timezone.localtime(clue.received_at).date(),
               "facts": clue.description}
    party = {}
    if clue.subject_name or clue.subject_identifier:
        kind = PartyKind.PERSON
        if clue.subject_identifier:
            try:
                validate_resident_id(clue.subject_identifier)
            except ValidationError:
                kind = PartyKind.ORGANISATION
        party = {"kind": kind, "name": clue.subject_name, "identifier": clue.subject_identifier}
    return initial, party


class OnTheSpotForm(CaseFileForm):
    """Summary procedure (简易程序): a warning or a small fine decided on the spot (行政处罚法 第五十一条)."""

    fine_amount = forms.DecimalField(label=_("Fine (yuan)"), min_value=0, max_digits=14, decimal_places=2,
                                     required=False)
    penalty_types = forms.MultipleChoiceField(label=_("Penalty types"), widget=forms.CheckboxSelectMultiple,
                                              choices=[(PenaltyType.WARNING, PenaltyType.WARNING.label),
                                                       (PenaltyType.FINE, PenaltyType.FINE.label)])
    decision_text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    class Meta(CaseFileForm.Meta):
        fields = [f for f in CaseFileForm.Meta.fields if f not in ("procedure", "facts")] + ["facts"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penalty_types"].widget.attrs["class"] = "form-check-input"


# --- the steps of a case (one small form each; ``actions.perform`` calls the service) -------------------------

class ApproveFilingForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve the filing")),
                                                               ("refuse", _("Do not file"))])
    reason = forms.CharField(label=_("Reason or opinion"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


def penalty_type_choices(matter=None):
    codes = list(matter.penalty_types) if matter is not None and matter.penalty_types else PenaltyType.values
    labels = dict(PenaltyType.choices)
    return [(c, labels.get(c, c)) for c in codes]


class ReportForm(forms.Form):
    facts = forms.CharField(label=_("Facts found"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000)
    proposed_outcome = forms.ChoiceField(label=_("Proposed outcome"), choices=[
        c for c in CaseOutcome.choices if c[0] != CaseOutcome.TRANSFERRED])
    penalty_types = forms.MultipleChoiceField(label=_("Penalty types"), required=False,
                                              widget=forms.CheckboxSelectMultiple)
    fine_amount = forms.DecimalField(label=_("Fine (yuan)"), min_value=0, max_digits=14, decimal_places=2,
                                     required=False)
    confiscated_amount = forms.DecimalField(label=_("Illegal gains confiscated (yuan)"), min_value=0, max_digits=14,
                                            decimal_places=2, required=False)
    level = forms.ChoiceField(label=_("Discretion level"), required=False,
                              choices=[("", "—"), *Level.choices],
                              help_text=_("The benchmark band of the level is shown when you choose it."))
    deviation_reason = forms.CharField(label=_("Reason for deviating from the benchmark"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}),
                                       help_text=_("Required when the proposal leaves the band (行政处罚法 第三十四条)."))
    complex_case = forms.BooleanField(label=_("Complex case"), required=False,
                                      help_text=_("Requires legal review and collective discussion (第五十七条、第五十八条)."))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penalty_types"].choices = penalty_type_choices(case.matter if case else None)
        self.fields["penalty_types"].widget.attrs["class"] = "form-check-input"
        if case is not None:
            self.fields["level"].widget.attrs.update({
                "hx-get": reverse("cases:case_band", args=[case.pk]), "hx-target": "#band-report",
                "hx-trigger": "change", "class": "form-select"})
        if case is not None and not self.is_bound:
            self.initial.setdefault("facts", case.facts)


class NoticeForm(forms.Form):
    notified_on = forms.DateField(label=_("Notified on"), widget=DateInput, required=False,
                                  help_text=_("The day the party received the notice (default today)."))


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Statement and defence, or the waiver"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=8000)
    waived = forms.BooleanField(label=_("The party waived in writing"), required=False)


class RequestHearingForm(forms.Form):
    requested_on = forms.DateField(label=_("Requested on"), widget=DateInput, required=False)


class NotifyHearingForm(forms.Form):
    hearing_on = forms.DateField(label=_("Hearing on"), widget=DateInput)
    notified_on = forms.DateField(label=_("Notified on"), widget=DateInput, required=False)


class RecordHearingForm(forms.Form):
    minutes = forms.CharField(label=_("Hearing minutes"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)


class EmptyForm(forms.Form):
    pass


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[
        c for c in CaseOutcome.choices if c[0] != CaseOutcome.TRANSFERRED])
    fine_amount = forms.DecimalField(label=_("Fine (yuan)"), min_value=0, max_digits=14, decimal_places=2,
                                     required=False, help_text=_("Empty: as notified."))
    no_penalty_ground = forms.ChoiceField(label=_("Ground for no penalty"), required=False,
                                          choices=[("", "—"), *NoPenaltyGround.choices])
    education_record = forms.CharField(label=_("Education record"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}),
                                       help_text=_("Required for no penalty and for education with a pledge "
                                                   "(行政处罚法 第三十三条)."))
    decision_text = forms.CharField(label=_("Decision"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ExtendForm(ReasonForm):
    days = forms.IntegerField(label=pgettext_lazy("case", "Days"), min_value=1, required=False,
                              help_text=_("Empty: the jurisdiction's extension (30 days by default)."))


class OfficersForm(forms.Form):
    officers = OfficerChoiceField(label=_("Handling officers"), queryset=Officer.objects.none(),
                                  widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = certified_officers([case.agency])
        self.fields["officers"].widget.attrs["class"] = "form-check-input"
        if not self.is_bound:
            self.initial["officers"] = [o.pk for o in case.officers.all()]
