"""The public report page (群众举报, no login): anyone reports a possible violation to a township; the report
becomes a clue (source "public report") of that township's enforcement body, and the reporter gets its number
to follow it (the status is the Open311 one: open or closed, with the public notes). Reporter details are
private; an anonymous report is allowed. Throttled per address so the page cannot be used to flood a team."""

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zongzhi.agencies.models import Domain
from zongzhi.regions.choices import RegionLevel
from zongzhi.regions.models import Region

from .choices import ClueSource
from .models import Clue
from .open311 import _township_body
from .services import register_clue

REPORTS_PER_HOUR = 10


class PublicReportForm(forms.Form):
    township = forms.ModelChoiceField(label=gettext_lazy("Township or sub-district"), queryset=Region.objects.none())
    category = forms.ModelChoiceField(label=gettext_lazy("What kind of problem"), queryset=Domain.objects.none())
    description = forms.CharField(label=gettext_lazy("What happened"), max_length=2000, widget=forms.Textarea(
        attrs={"rows": 4}))
    address = forms.CharField(label=gettext_lazy("Where"), max_length=200)
    anonymous = forms.BooleanField(label=gettext_lazy("Report anonymously"), required=False)
    reporter_name = forms.CharField(label=gettext_lazy("Your name"), max_length=64, required=False)
    reporter_phone = forms.CharField(label=gettext_lazy("Your phone"), max_length=32, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = Region.objects.filter(level=RegionLevel.TOWNSHIP,
                                                                  agencies__is_enforcement_body=True).distinct()
        self.fields["category"].queryset = Domain.objects.order_by("order")

    def clean(self):
        data = super().clean()
        if not data.get("anonymous") and not (data.get("reporter_phone") or "").strip():
            self.add_error("reporter_phone", _("Leave a phone number, or report anonymously."))
        return data


def _client(request):
    return request.META.get("REMOTE_ADDR", "unknown")


def report(request):
    form = PublicReportForm(request.POST or None)
    if request.method == "POST":
        key = f"public-report:{_client(request)}"
        if cache.get(key, 0) >= REPORTS_PER_HOUR:
            form.add_error(None, _("Too many reports from this address; please try again in an hour."))
        elif form.is_valid():
            data = form.cleaned_data
            agency = _township_body(data["township"])
            if agency is None:
                form.add_error("township", _("This township takes no reports here yet; please call 12345."))
            else:
                clue = Clue(source=ClueSource.PUBLIC_REPORT, agency=agency, region=data["township"],
                            category=data["category"], description=data["description"], address=data["address"],
                            anonymous=data["anonymous"], reporter_name=data["reporter_name"],
                            reporter_phone=data["reporter_phone"])
                try:
                    clue = register_clue(clue, by=None)
                except ValidationError as error:
                    for field, messages in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, messages)
                else:
                    cache.set(key, cache.get(key, 0) + 1, 3600)
                    return render(request, "cases/public_report_done.html", {"clue": clue}, status=201)
    return render(request, "cases/public_report.html", {"form": form}, status=400 if form.errors else 200)


def status(request):
    """Look a report up by its number: only the public status and notes, nothing about the reporter."""
    number = (request.GET.get("number") or "").strip()
    clue = Clue.objects.filter(number=number, source=ClueSource.PUBLIC_REPORT).select_related(
        "agency", "duplicate_of", "transferred_to").first() if number else None
    return render(request, "cases/public_report_status.html", {"number": number, "clue": clue},
                  status=404 if number and clue is None else 200)


urlpatterns = [
    path("", report, name="public_report"),
    path("status/", status, name="public_report_status"),
]
