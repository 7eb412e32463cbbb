from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.agencies.models import Agency, Domain
from zongzhi.officers.choices import OfficerStatus
from zongzhi.officers.models import Officer
from zongzhi.subjects.models import Subject
from zongzhi.utilities.forms import DateInput, ScopedModelForm
from zongzhi.utilities.scope import ADD, grants_for

from .choices import ReviewOutcome
from .models import Campaign, NonSiteTask, Patrol, PatrolFinding
from .uploads import ALLOWED, AttachmentKind

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def agencies_for(user, model):
    """The agencies in whose name ``user`` may add ``model`` records."""
    grants = grants_for(user, model, ADD)
    if any(g.kind == "all" for g in grants):
        return Agency.objects.filter(active=True)
    q = Q(pk__in=[])
    for g in grants:
        q |= Q(region__path__startswith=g.path) if g.kind == "region" else Q(path__startswith=g.path)
    return Agency.objects.filter(q, active=True)


class NonSiteTaskForm(ScopedModelForm):
    class Meta:
        model = NonSiteTask
        fields = ["kind", "agency", "subject", "matter", "topic", "category", "campaign", "instructions",
                  "requested_items"]
        widgets = {"instructions": forms.Textarea(attrs={"rows": 4}),
                   "requested_items": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(self.user, NonSiteTask).select_related("region")
        self.fields["subject"].queryset = Subject.objects.restrict(self.user).filter(active=True)


class PatrolForm(ScopedModelForm):
    class Meta:
        model = Patrol
        fields = ["agency", "officers", "started_at", "ended_at", "area", "route", "campaign", "summary"]
        widgets = {"started_at": DATETIME, "ended_at": DATETIME, "summary": forms.Textarea(attrs={"rows": 3}),
                   "route": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(self.user, Patrol).select_related("region")
        self.fields["officers"].queryset = Officer.objects.restrict(self.user).filter(
            status=OfficerStatus.ON_DUTY).select_related("agency")
        self.fields["campaign"].queryset = Campaign.objects.restrict(self.user)

    def clean(self):
        data = super().clean()
        agency, officers = data.get("agency"), data.get("officers")
        if agency and officers:
            strangers = [o for o in officers if not o.agency.path.startswith(agency.path)
                         and not agency.path.startswith(o.agency.path)]
            if strangers:
                self.add_error("officers", _("%(names)s do not belong to this team.") % {
                    "names": "、".join(o.name for o in strangers)})
        return data


class FindingForm(ScopedModelForm):
    photo_upload = forms.FileField(label=_("Photo"), required=False,
                                   help_text=_("JPEG or PNG."))

    class Meta:
        model = PatrolFinding
        fields = ["found_at", "description", "address", "latitude", "longitude", "subject", "matter", "category"]
        widgets = {"found_at": DATETIME, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, patrol=None, **kwargs):
        super().__init__(*args, **kwargs)
        if patrol is not None:
            self.instance.patrol = patrol
            self.fields["subject"].queryset = Subject.objects.restrict(self.user).filter(
                region__path__startswith=patrol.agency.region.path)
        self.fields["photo_upload"].widget.attrs.update(
            {"class": "form-control", "accept": ",".join("." + e for e in ALLOWED[AttachmentKind.PHOTO])})


class CampaignForm(ScopedModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "agency", "region", "starts_on", "ends_on", "domain", "matters", "description"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(self.user, Campaign).select_related("region")
        self.fields["region"].queryset = self.fields["region"].queryset.filter(level__in=("county", "township"))

    def clean(self):
        data = super().clean()
        if not data.get("matters") and not data.get("domain"):
            self.add_error("matters", _("Choose the matters of the campaign, or at least its domain."))
        return data


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(label=pgettext_lazy("non-site review", "Outcome"), choices=ReviewOutcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Reason or note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Required when asking again or opening a clue."))
    category = forms.ModelChoiceField(label=_("Category of the clue"), queryset=Domain.objects.all(), required=False,
                                      help_text=_("Only for a finding, when the task has no matter."))


class OpenClueForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category of the clue"), queryset=Domain.objects.all(), required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class SubmitForm(forms.Form):
    """The subject's answer on the public page."""

    photos = MultipleFileField(label=_("Photos"), help_text=_("JPEG or PNG."))
    files = MultipleFileField(label=_("Files"), help_text=_("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG."))
    note = forms.CharField(label=_("Note to the officer"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].widget.attrs["accept"] = ",".join("." + e for e in ALLOWED[AttachmentKind.PHOTO])
        self.fields["files"].widget.attrs["accept"] = ",".join("." + e for e in ALLOWED[AttachmentKind.FILE])
