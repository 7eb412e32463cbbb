from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zongzhi.regions.models import Region
from zongzhi.utilities.forms import DateInput, ScopedModelForm
from zongzhi.utilities.scope import ADD, grants_for

from .choices import CASE_FILE_KINDS, DocumentKind
from .models import DocumentTemplate


class DocumentTemplateForm(ScopedModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["kind", "region", "version", "active", "title", "body", "note"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "class": "form-control font-monospace"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = writable_regions(self.user)


def writable_regions(user):
    """The regions whose templates the user may write (the role's region grants); all for the superuser."""
    grants = grants_for(user, DocumentTemplate, ADD)
    if any(g.kind == "all" for g in grants):
        return Region.objects.order_by("path")
    q = Q(pk__in=[])
    for g in grants:
        if g.kind == "region":
            q |= Q(path__startswith=g.path)
    return Region.objects.filter(q).order_by("path")


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("reason for voiding"), widget=forms.Textarea(attrs={"rows": 2}))


class IssueForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=[c for c in DocumentKind.choices if c[0] not in CASE_FILE_KINDS])


class WithdrawForm(forms.Form):
    changed_on = forms.DateField(label=_("decision changed or revoked on"), widget=DateInput())
    reason = forms.CharField(label=_("reason for withdrawal"), widget=forms.Textarea(attrs={"rows": 2}))


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("document number"), max_length=100)
    code = forms.CharField(label=_("verification code"), max_length=16)
