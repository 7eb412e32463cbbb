"""Forms of the evidence pages. They only collect input; the services check the law and change the state."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.forms import DateInput

from . import services
from .choices import EvidenceKind, ItemStatus, PreservationDecision, SeizureKind
from .models import MAX_EXTENSION_DAYS, MAX_SEIZURE_DAYS
from .uploads import allowed_extensions, max_file_bytes


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)

    def apply_errors(self, error: ValidationError):
        """Show a service's ValidationError on the form, field by field."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


def files_help():
    return _("Accepted: %(types)s; at most %(mb)d MB each. The SHA-256 of every file is kept.") % {
        "types": "、".join(allowed_extensions()), "mb": max_file_bytes() // (1024 * 1024)}


class EvidenceForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices,
                             help_text=_("行政处罚法 Art. 46."))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=pgettext_lazy("evidence", "Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    collected_by = forms.ModelChoiceField(label=_("Collected by"), queryset=None)
    collected_at = forms.DateTimeField(label=_("Collected at"),
                                       widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                  format="%Y-%m-%dT%H:%M"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    source = forms.CharField(label=_("Provided by"), max_length=200, required=False)
    files = MultipleFileField(label=_("Files"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["collected_by"].queryset = case.officers.order_by("name")
        self.fields["collected_at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        self.fields["place"].initial = case.act_place
        self.fields["files"].help_text = files_help()


class FilesForm(StyledForm):
    files = MultipleFileField(label=_("Files"))


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


ITEMS_HELP = _("One item per line: name, quantity, unit, specification, place kept — e.g. 秸秆, 20, 捆, 约30公斤/捆.")


class ItemsField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})

    def clean(self, value):
        value = super().clean(value)
        try:
            items = services.parse_item_lines(value)
        except ValidationError as error:
            raise ValidationError(error.message_dict["items"]) from None
        if not items:
            raise ValidationError(_("List at least one item."))
        return items


def _items_field():
    return ItemsField(label=pgettext_lazy("evidence", "Items"), help_text=ITEMS_HELP)


class PreservationForm(StyledForm):
    registered_on = forms.DateField(label=_("Registered on"), widget=DateInput, initial=timezone.localdate)
    place = forms.CharField(label=_("Place"), max_length=200)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Why the evidence may be lost or hard to obtain later (行政处罚法 Art. 56)."))
    items = _items_field()


class ApprovalForm(StyledForm):
    approve = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "yes",
                                     choices=[("yes", _("Approve")), ("no", _("Do not approve"))])
    reason = forms.CharField(label=_("Reason or remark"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PreservationDecisionForm(StyledForm):
    decision = forms.ChoiceField(label=pgettext_lazy("evidence", "Decision"), choices=PreservationDecision.choices)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SeizureForm(StyledForm):
    kind = forms.ChoiceField(label=_("Measure"), choices=SeizureKind.choices, initial=SeizureKind.IMPOUND)
    seized_on = forms.DateField(label=_("Decided on"), widget=DateInput, initial=timezone.localdate)
    term_days = forms.IntegerField(label=_("Term (days)"), min_value=1, max_value=MAX_SEIZURE_DAYS,
                                   initial=MAX_SEIZURE_DAYS, help_text=_("At most 30 days (行政强制法 Art. 25)."))
    place = forms.CharField(label=_("Place"), max_length=200)
    reason = forms.CharField(label=_("Reason and basis"), widget=forms.Textarea(attrs={"rows": 2}))
    custody_place = forms.CharField(label=_("Custody place"), max_length=200)
    custodian = forms.CharField(label=_("Custodian"), max_length=100)
    items = _items_field()


class ExtensionForm(StyledForm):
    days = forms.IntegerField(label=pgettext_lazy("evidence", "Days"), min_value=1, max_value=MAX_EXTENSION_DAYS,
                              initial=MAX_EXTENSION_DAYS)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Only once, at most 30 days; the party is told in writing "
                                         "(行政强制法 Art. 25)."))


class TestingForm(StyledForm):
    days = forms.IntegerField(label=_("Testing days"), min_value=1, max_value=365)
    note = forms.CharField(label=_("What is tested, by whom"), widget=forms.Textarea(attrs={"rows": 2}))


class ItemStatusForm(StyledForm):
    status = forms.ChoiceField(label=_("New status"),
                               choices=[c for c in ItemStatus.choices if c[0] != ItemStatus.IN_CUSTODY])
    on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    document_ref = forms.CharField(label=_("Document number"), max_length=100)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MoveItemForm(StyledForm):
    custody_place = forms.CharField(label=_("Custody place"), max_length=200)
    custodian = forms.CharField(label=_("Custodian"), max_length=100)
    on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False)
