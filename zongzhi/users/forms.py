from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Too many failed attempts: this account is locked until %(time)s."),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            locked_until = getattr(self.request, "login_locked_until", None)
            if locked_until is not None:
                raise forms.ValidationError(
                    self.error_messages["locked"], code="locked",
                    params={"time": timezone.localtime(locked_until).strftime("%H:%M")},
                ) from None
            raise


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=64, help_text=_("What the token is for, e.g. 12345 hotline."))
    expires = forms.DateField(label=_("Expires"), required=False,
                              widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))

    def clean_expires(self):
        value = self.cleaned_data["expires"]
        if value and value <= timezone.localdate():
            raise forms.ValidationError(_("The expiry date must be in the future."))
        return value
