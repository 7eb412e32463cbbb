from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zongzhi.laws.models import Article
from zongzhi.utilities.forms import DateInput, ScopedModelForm

from .choices import AgreementKind
from .documents import TEMPLATES, defaults
from .models import DelegationAgreement, counterparts


class DelegationAgreementForm(ScopedModelForm):
    template_version = forms.ChoiceField(label=_("template version"))

    class Meta:
        model = DelegationAgreement
        fields = ["kind", "number", "delegating_agency", "receiving_agency", "valid_from", "valid_to", "matters",
                  "basis", "basis_articles", "procedure", "supervision", "remedies", "template_version"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput(),
                   "matters": forms.SelectMultiple(attrs={"size": 12})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_agency"].queryset = counterparts(self.user)
        self.fields["template_version"].choices = [(v, v) for v in reversed(TEMPLATES.versions())]
        # Articles offered: those the catalog's matters cite, and those already linked (the law library is large).
        linked = Q(pk__in=self.instance.basis_articles.all()) if self.instance.pk else Q(pk__in=[])
        self.fields["basis_articles"].queryset = Article.objects.filter(
            Q(penalised_by_matters__isnull=False) | Q(violated_by_matters__isnull=False) | linked,
        ).select_related("version__law").distinct()
        if not self.instance.pk and not self.is_bound:
            kind = self.initial.get("kind")
            kind = kind if kind in AgreementKind.values else AgreementKind.ENTRUSTMENT
            for name, text in defaults(kind).items():
                self.initial[name] = self.initial.get(name) or text

    def clean(self):
        cleaned = super().clean()
        matters = cleaned.get("matters")
        if matters and cleaned.get("delegating_agency") and cleaned.get("receiving_agency"):
            self.instance.delegating_agency = cleaned["delegating_agency"]
            self.instance.receiving_agency = cleaned["receiving_agency"]
            self.instance.check_matters(matters)
        return cleaned


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("signed on"), widget=DateInput())


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("published on"), widget=DateInput())


class TerminateForm(forms.Form):
    terminated_on = forms.DateField(label=_("terminated on"), widget=DateInput())
    reason = forms.CharField(label=_("reason for termination"), widget=forms.Textarea(attrs={"rows": 2}))
