from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .scope import ADD, CHANGE, VIEW, in_scope
from .widgets import speed_up


class ScopedModelForm(forms.ModelForm):
    """A model form that offers only related records the user can see, and refuses to save a record
    outside the user's write scope."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        speed_up(self)
        for f in self.fields.values():
            qs = getattr(f, "queryset", None)
            if qs is not None and hasattr(qs, "restrict") and hasattr(qs.model, "scope"):
                f.queryset = qs.restrict(user, VIEW)
            widget = f.widget
            css = "form-select" if isinstance(widget, forms.Select | forms.SelectMultiple) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"

    def _post_clean(self):
        super()._post_clean()
        if self.user is None or self.errors:
            return
        action = CHANGE if self.instance.pk else ADD
        if not in_scope(self.user, self.instance, action):
            self.add_error(None, ValidationError(
                _("You may not save this record here: it lies outside the area your role covers."),
                code="out_of_scope",
            ))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
