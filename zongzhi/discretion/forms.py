from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zongzhi.catalog.choices import PenaltyType
from zongzhi.catalog.models import Matter
from zongzhi.regions.models import Region
from zongzhi.utilities.forms import DateInput, ScopedModelForm

from .choices import Level, MultipleBase
from .models import ISSUING_LEVELS, NOT_DRAFT, DiscretionBand, DiscretionStandard

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})


class DiscretionStandardForm(ScopedModelForm):
    class Meta:
        model = DiscretionStandard
        fields = ["matter", "issuing_region", "issuer", "title", "document_number", "version", "effective_from",
                  "supersedes"]
        widgets = {"effective_from": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_region"].queryset = self.fields["issuing_region"].queryset.filter(
            level__in=ISSUING_LEVELS)
        if "supersedes" in self.fields:
            self.fields["supersedes"].queryset = self.fields["supersedes"].queryset.select_related(
                "matter", "issuing_region")

    def clean(self):
        if self.instance.pk and not self.instance.is_draft:
            raise ValidationError(NOT_DRAFT)
        return super().clean()


class DiscretionBandForm(forms.ModelForm):
    penalty_types = forms.MultipleChoiceField(label=_("penalty types"), choices=PenaltyType.choices, required=False,
                                              widget=CHECKBOXES)

    class Meta:
        model = DiscretionBand
        fields = ["level", "conditions", "penalty_types", "fine_min", "fine_max", "multiple_base", "multiple_min",
                  "multiple_max", "multiple_from", "other_measures", "item"]
        widgets = {"conditions": forms.Textarea(attrs={"rows": 2}),
                   "other_measures": forms.Textarea(attrs={"rows": 2})}


class BaseBandFormSet(forms.BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.standard = self.instance  # check each band against the matter, before a new standard is saved
        return form


BandFormSet = forms.inlineformset_factory(DiscretionStandard, DiscretionBand, form=DiscretionBandForm,
                                          formset=BaseBandFormSet,
                                          extra=0, min_num=1, validate_min=True, max_num=len(Level.choices),
                                          validate_max=True, can_delete=True)


class CalculatorForm(forms.Form):
    """Pick matter, region, date and level, enter the facts and a proposed penalty."""

    matter = forms.ModelChoiceField(label=_("Matter"), queryset=Matter.objects.all())
    region = forms.CharField(label=_("Region code"), max_length=12,
                             help_text=_("Where the act is handled, e.g. the code of the township."))
    date = forms.DateField(label=_("Date of the act"), widget=DateInput())
    level = forms.ChoiceField(label=_("Discretion level"), choices=Level.choices)
    amount = forms.DecimalField(label=_("Proposed fine (yuan)"), min_value=0, max_digits=14, decimal_places=2,
                                required=False)
    penalty_types = forms.MultipleChoiceField(label=_("Proposed penalty types"), choices=PenaltyType.choices,
                                              required=False, widget=CHECKBOXES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for base in MultipleBase:  # the facts a multiple may be taken of
            self.fields[base.value] = forms.DecimalField(label=base.label, min_value=0, max_digits=14,
                                                         decimal_places=2, required=False)
        self.order_fields(["matter", "region", "date", "level", *MultipleBase.values])

    def clean_region(self):
        code = self.cleaned_data["region"].strip()
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise ValidationError(_("No region has the code %(code)s.") % {"code": code})
        return region

    def facts(self):
        return {name: self.cleaned_data[name] for name in MultipleBase.values
                if self.cleaned_data.get(name) is not None}
