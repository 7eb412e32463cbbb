from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zongzhi.agencies.models import Agency
from zongzhi.utilities.forms import ScopedModelForm
from zongzhi.utilities.scope import ADD, grants_for

from .choices import Outcome
from .models import REPORTER_FIELDS, Clue


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
