from django import forms
from django.utils.translation import gettext_lazy as _

from zongzhi.agencies.models import Agency
from zongzhi.laws.models import Article
from zongzhi.utilities.forms import DateInput, ScopedModelForm

from .choices import TOWNSHIP_BODY_KINDS, CatalogStatus, PenaltyType
from .models import (
    Acceptance,
    CatalogItem,
    CountySelection,
    DelegationCatalog,
    Evaluation,
    Matter,
    TransitionSetting,
)


class ArticleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.citation()


class MatterForm(ScopedModelForm):
    penalty_types = forms.MultipleChoiceField(label=_("Penalty types"), choices=PenaltyType.choices, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    violated_article = ArticleChoiceField(Article.objects.select_related("version__law"), required=False,
                                          label=_("Violated provision"))
    penalty_article = ArticleChoiceField(Article.objects.select_related("version__law"), required=False,
                                         label=_("Penalty provision"))

    class Meta:
        model = Matter
        fields = ["code", "name", "kind", "domain", "violated_article", "violated_paragraph", "violated_item",
                  "penalty_article", "penalty_paragraph", "penalty_item", "penalty_types", "fine_min", "fine_max",
                  "multiple_min", "multiple_max", "multiple_base", "original_department", "scope_limit", "applies_to",
                  "inspection_items", "coercive_measures", "first_violation_exempt", "endangers_safety", "keeper"]


class DelegationCatalogForm(ScopedModelForm):
    class Meta:
        model = DelegationCatalog
        fields = ["issuer", "keeper", "name", "version", "document_number", "effective", "previous", "notes"]
        widgets = {"effective": DateInput()}

    def clean(self):
        data = super().clean()
        if self.instance.pk and not self.instance.is_draft:
            raise forms.ValidationError(_("A published catalog cannot be changed; issue a new version."))
        return data


class CatalogItemForm(ScopedModelForm):
    class Meta:
        model = CatalogItem
        fields = ["catalog", "matter", "number", "concurrent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalog"].queryset = self.fields["catalog"].queryset.filter(status=CatalogStatus.DRAFT)

    def clean(self):
        data = super().clean()
        if self.instance.pk and not self.instance.catalog.is_draft:
            raise forms.ValidationError(_("A published catalog cannot be changed; issue a new version."))
        return data

    def save(self, commit=True):
        self.instance.snapshot()
        return super().save(commit)


class CountySelectionForm(ScopedModelForm):
    class Meta:
        model = CountySelection
        fields = ["county", "catalog", "decided_on", "document_number", "items"]
        widgets = {"decided_on": DateInput(), "items": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = self.fields["county"].queryset.filter(level="county")
        self.fields["catalog"].queryset = self.fields["catalog"].queryset.exclude(status=CatalogStatus.DRAFT)
        self.fields["items"].queryset = CatalogItem.objects.exclude(catalog__status=CatalogStatus.DRAFT).select_related(
            "matter")
        self.fields["items"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        catalog, items = data.get("catalog"), data.get("items") or []
        if catalog and any(i.catalog_id != catalog.pk for i in items):
            self.add_error("items", _("Select items of the chosen catalog only."))
        return data


class AcceptanceForm(ScopedModelForm):
    class Meta:
        model = Acceptance
        fields = ["agency", "matter", "catalog", "accepted_on", "document_number", "note"]
        widgets = {"accepted_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = self.fields["agency"].queryset.filter(kind__in=TOWNSHIP_BODY_KINDS,
                                                                               is_enforcement_body=True)
        self.fields["catalog"].queryset = self.fields["catalog"].queryset.exclude(status=CatalogStatus.DRAFT)


class WithdrawForm(forms.Form):
    on = forms.DateField(label=_("Lapses on"), widget=DateInput(attrs={"class": "form-control"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False,
                           widget=forms.TextInput(attrs={"class": "form-control"}))


class EvaluationForm(ScopedModelForm):
    class Meta:
        model = Evaluation
        fields = ["agency", "matter", "conclusion", "reasons", "evaluator", "evaluated_on"]
        widgets = {"evaluated_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = self.fields["agency"].queryset.filter(kind__in=TOWNSHIP_BODY_KINDS)


class TransitionSettingForm(ScopedModelForm):
    class Meta:
        model = TransitionSetting
        fields = ["region", "days", "basis"]


class MayExerciseForm(forms.Form):
    agency = forms.ModelChoiceField(Agency.objects.all(), label=_("Agency"))
    matter = forms.ModelChoiceField(Matter.objects.all(), label=_("Matter"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    region = forms.CharField(label=_("Place (region code)"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.restrict(user).filter(is_enforcement_body=True) | \
            Agency.objects.restrict(user).filter(acts_in_name_of__isnull=False)
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-select" if isinstance(f.widget, forms.Select) else "form-control")

    def clean_region(self):
        from zongzhi.regions.models import Region

        code = self.cleaned_data["region"].strip()
        if not code:
            return None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise forms.ValidationError(_("No region has the code %(code)s.") % {"code": code})
        return region
