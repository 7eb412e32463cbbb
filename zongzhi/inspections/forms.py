from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zongzhi.agencies.models import Agency
from zongzhi.subjects.choices import Category, RiskClass
from zongzhi.utilities.forms import DateInput, ScopedModelForm
from zongzhi.utilities.scope import ADD, grants_for

from .choices import InspectionResult, PointResult
from .models import ConflictOfInterest, Draw, Inspection, InspectionItem, InspectionPlan


def agencies_for(user, model, action=ADD):
    """The agencies in whose name ``user`` may add ``model`` records."""
    grants = grants_for(user, model, action)
    if any(g.kind == "all" for g in grants):
        return Agency.objects.filter(active=True)
    q = Q(pk__in=[])
    for g in grants:
        q |= Q(region__path__startswith=g.path) if g.kind == "region" else Q(path__startswith=g.path)
    return Agency.objects.filter(q, active=True)


class InspectionItemForm(ScopedModelForm):
    class Meta:
        model = InspectionItem
        fields = ["agency", "code", "name", "matter", "domain", "basis", "checklist"]
        widgets = {"basis": forms.Textarea(attrs={"rows": 3}), "checklist": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(self.user, InspectionItem)
        self.fields["domain"].required = False


class InspectionPlanForm(ScopedModelForm):
    class Meta:
        model = InspectionPlan
        fields = ["agency", "name", "kind", "year", "starts_on", "ends_on", "items", "planned_count", "note"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3}),
                   "items": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(self.user, InspectionPlan)
        self.fields["items"].queryset = self.fields["items"].queryset.filter(published=True)
        self.fields["items"].help_text = _("Only published items can be used.")


class InspectionForm(ScopedModelForm):
    reason = forms.CharField(label=_("Reason for exceeding the limits"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Needed when the annual cap is reached or the three-no-finding rule applies."))
    confirm = forms.BooleanField(label=_("I have read the warnings; register anyway"), required=False)

    class Meta:
        model = Inspection
        fields = ["agency", "subject", "plan", "items", "inspectors", "mode", "non_site", "date", "scheduled_at",
                  "summary"]
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 2}),
                   "scheduled_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                   "items": forms.SelectMultiple(attrs={"size": 6}),
                   "inspectors": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(self.user, Inspection)
        self.fields["items"].queryset = self.fields["items"].queryset.filter(published=True)
        self.fields["plan"].queryset = self.fields["plan"].queryset.exclude(status="draft")
        self.fields["inspectors"].queryset = self.fields["inspectors"].queryset.exclude(staffing="auxiliary")

    def _post_clean(self):
        # Many-to-many values are not on the instance yet; the service checks them.
        super()._post_clean()


class DrawForm(ScopedModelForm):
    risk_classes = forms.MultipleChoiceField(label=_("risk classes"), choices=RiskClass.choices, required=False,
                                             widget=forms.CheckboxSelectMultiple)
    categories = forms.MultipleChoiceField(label=_("categories"), choices=Category.choices, required=False,
                                           widget=forms.SelectMultiple(attrs={"size": 6}))

    class Meta:
        model = Draw
        fields = ["plan", "name", "region", "area", "risk_classes", "categories", "ratio", "count",
                  "inspectors_per_inspection", "scheduled_for"]
        widgets = {"scheduled_for": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = self.fields["plan"].queryset.filter(
            agency__in=agencies_for(self.user, Draw)).exclude(status="draft")
        self.fields["region"].queryset = self.fields["region"].queryset.filter(level__in=["county", "township"])
        for name in ("risk_classes", "categories"):
            self.fields[name].widget.attrs.pop("class", None)


class ConflictForm(ScopedModelForm):
    class Meta:
        model = ConflictOfInterest
        fields = ["officer", "subject", "kind", "reason"]


class DateForm(forms.Form):
    on = forms.DateField(label=_("date"), widget=DateInput(), required=False)


class FindingForm(forms.Form):
    description = forms.CharField(label=_("What was found"), widget=forms.Textarea(attrs={"rows": 3}),
                                  max_length=2000)
    matter = forms.ModelChoiceField(label=_("matter"), queryset=None, required=False)

    def __init__(self, *args, inspection=None, **kwargs):
        super().__init__(*args, **kwargs)
        from zongzhi.catalog.models import Matter

        matters = Matter.objects.filter(inspection_item_set__in=inspection.items.all()) if inspection else None
        self.fields["matter"].queryset = (matters if matters is not None else Matter.objects.none()).distinct()


class CorrectionForm(forms.Form):
    deadline = forms.DateField(label=_("correct by"), widget=DateInput())


class FinishForm(forms.Form):
    result = forms.ChoiceField(label=_("result"), choices=[("", "—"), *InspectionResult.choices], required=False)
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PhotoForm(forms.Form):
    file = forms.FileField(label=_("photo or scan"))
    caption = forms.CharField(label=_("caption"), max_length=200, required=False)


class ChecklistForm(forms.Form):
    """One choice and one note per checklist point of every item of the inspection."""

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {(r.item_id, r.number): r for r in inspection.checklist_results.all()}
        self.points = []
        for item in inspection.items.all():
            for n, text in enumerate(item.points, start=1):
                key = f"p_{item.pk}_{n}"
                done = existing.get((item.pk, n))
                self.fields[key] = forms.ChoiceField(label=text, choices=PointResult.choices, required=False,
                                                     initial=done.result if done else PointResult.CONFORMS,
                                                     widget=forms.RadioSelect)
                self.fields[key + "_note"] = forms.CharField(label=_("note"), required=False, max_length=300,
                                                             initial=done.note if done else "")
                self.points.append((item, n, key))

    def answers(self):
        return [(item, n, self.cleaned_data[key], self.cleaned_data[key + "_note"]) for item, n, key in self.points
                if self.cleaned_data.get(key)]


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(label=_("score"), choices=[(i, str(i)) for i in range(5, 0, -1)], coerce=int,
                                   widget=forms.RadioSelect)
    comment = forms.CharField(label=_("comment"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class MergeForm(forms.Form):
    inspections = forms.ModelMultipleChoiceField(label=_("inspections"), queryset=Inspection.objects.none(),
                                                 widget=forms.CheckboxSelectMultiple)
    lead_agency = forms.ModelChoiceField(label=_("lead agency"), queryset=Agency.objects.none())
    date = forms.DateField(label=_("date"), widget=DateInput())

    def __init__(self, *args, candidates=None, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["inspections"].queryset = candidates
        if agencies is not None:
            self.fields["lead_agency"].queryset = agencies

