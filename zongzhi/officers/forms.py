from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.forms import DateInput, ScopedModelForm

from .choices import CertificateStatus
from .models import Certificate, Officer


class OfficerForm(ScopedModelForm):
    class Meta:
        model = Officer
        fields = ["name", "id_number", "agency", "post", "staffing", "legal_qualification", "status", "phone"]

    def clean_id_number(self):
        return self.cleaned_data["id_number"].strip().upper()


class CertificateImportForm(ScopedModelForm):
    """A certificate's particulars; its status changes only through the services (revoke, reissue)."""

    class Meta:
        model = Certificate
        fields = ["officer", "kind", "number", "issuing_authority", "domains", "valid_from", "valid_to"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}

    def clean(self):
        cleaned = super().clean()
        if self.instance.status == CertificateStatus.REVOKED and self.has_changed():
            raise ValidationError(_("Certificate %(number)s is revoked and can no longer be changed; issue a new "
                                    "one instead.") % {"number": self.instance.number})
        return cleaned


class CertificateForm(CertificateImportForm):
    status = forms.TypedChoiceField(
        label=_("status"),
        choices=[(s.value, s.label) for s in (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED)],
        help_text=_("Revoke or reissue a certificate with the buttons on its page."),
    )

    class Meta(CertificateImportForm.Meta):
        fields = [*CertificateImportForm.Meta.fields, "status"]


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revoking"), max_length=200,
                             widget=forms.TextInput(attrs={"class": "form-control"}))


class ReissueForm(forms.Form):
    number = forms.CharField(label=_("New certificate number"), max_length=32,
                             widget=forms.TextInput(attrs={"class": "form-control"}))
    valid_from = forms.DateField(label=_("valid from"), widget=DateInput(attrs={"class": "form-control"}))
    valid_to = forms.DateField(label=_("valid to"), widget=DateInput(attrs={"class": "form-control"}))
