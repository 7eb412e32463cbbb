import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zongzhi.agencies.models import Agency, Domain
from zongzhi.catalog.models import Matter
from zongzhi.regions.choices import RegionLevel
from zongzhi.utilities.filtersets import BaseFilterSet, NamedChoiceFilter
from zongzhi.utilities.forms import DateInput

from .choices import RUNNING_STATUSES, CaseOutcome, CaseStatus, ClueSource, ClueStatus, Outcome, Procedure, StageCode
from .models import Case, CaseDeadline, Clue, Party


def start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def visible_agencies(request):
    return Agency.objects.restrict(getattr(request, "user", None))


class ClueFilterSet(BaseFilterSet):
    search_fields = ("number__icontains", "description__icontains", "address__icontains", "subject_name__icontains")
    source = django_filters.ChoiceFilter(choices=ClueSource.choices, label=_("Source"))
    status = django_filters.ChoiceFilter(choices=ClueStatus.choices, label=_("Status"))
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices, label=_("Outcome"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label=_("Handling agency"))
    category = django_filters.ModelChoiceFilter(queryset=Domain.objects.all(), label=_("Category"))
    received_from = django_filters.DateFilter(method="filter_received_from", label=_("Received from"),
                                              widget=DateInput)
    received_to = django_filters.DateFilter(method="filter_received_to", label=_("Received to"), widget=DateInput)

    class Meta:
        model = Clue
        fields = ["q", "source", "status", "outcome", "agency", "category", "received_from", "received_to"]

    def filter_received_from(self, queryset, name, value):
        return queryset.filter(received_at__gte=start_of(value))

    def filter_received_to(self, queryset, name, value):
        return queryset.filter(received_at__lt=start_of(value + datetime.timedelta(days=1)))


# --- cases (案件) -------------------------------------------------------------------------------------------

def townships_for(user, model=None):
    """The township-level regions within the user's view scope of cases (the options of the township filter)."""
    from zongzhi.regions.models import Region
    from zongzhi.utilities.scope import VIEW, grants_for

    from .models import Case

    townships = Region.objects.filter(level=RegionLevel.TOWNSHIP)
    grants = grants_for(user, model or Case, VIEW)
    if any(g.kind == "all" for g in grants):
        return townships.order_by("path")
    q = Q(pk__in=[])
    for g in grants:
        q |= Q(path__startswith=g.region_path or g.path) if g.kind == "agency" else Q(path__startswith=g.path)
    return townships.filter(q).order_by("path")


def case_townships(request):
    return townships_for(getattr(request, "user", None))


class OverdueFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("yes", _("Yes")), ("no", _("No"))])
        super().__init__(*args, **kwargs)


def overdue_q(today=None):
    """A running case whose nearest deadline has passed (``Case.next_due_on``, indexed with the status)."""
    today = today or timezone.localdate()
    return Q(status__in=RUNNING_STATUSES, next_due_on__lt=today)


class CaseFilterSet(BaseFilterSet):
    """One FilterSet for the case list, its export and the API. Every filter runs on an indexed column: status,
    stage, procedure, outcome, filed_on (db_index), matter, agency, region (foreign keys), the overdue test on
    (status, next_due_on) (``cases_case_due_idx``); the domain goes through the matter's index."""

    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label=_("Status"))
    stage = django_filters.ChoiceFilter(choices=StageCode.choices, label=_("Stage"))
    procedure = django_filters.ChoiceFilter(choices=Procedure.choices, label=_("Procedure"))
    matter = NamedChoiceFilter(queryset=Matter.objects.all(), label=_("Matter"))
    domain = django_filters.ModelChoiceFilter(field_name="matter__domain", queryset=Domain.objects.all(),
                                              label=_("Domain"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label=_("Handling agency"))
    township = NamedChoiceFilter(field_name="region", queryset=case_townships, label=_("Township"))
    outcome = django_filters.ChoiceFilter(choices=CaseOutcome.choices, label=_("Outcome"))
    overdue = OverdueFilter(method="filter_overdue", label=_("Overdue"))
    filed_from = django_filters.DateFilter(field_name="filed_on", lookup_expr="gte", label=_("Filed from"),
                                           widget=DateInput)
    filed_to = django_filters.DateFilter(field_name="filed_on", lookup_expr="lte", label=_("Filed to"),
                                         widget=DateInput)

    class Meta:
        model = Case
        fields = ["q", "status", "stage", "procedure", "matter", "domain", "agency", "township", "outcome",
                  "overdue", "filed_from", "filed_to"]

    def search(self, queryset, name, value):
        """The number, a party's name or the cause. Party names are matched in a subquery (no duplicate rows)."""
        value = value.strip()
        if not value:
            return queryset
        parties = Party.objects.filter(name__contains=value).values("case_id")
        return queryset.filter(Q(number__contains=value) | Q(cause__contains=value) | Q(pk__in=parties))

    def filter_overdue(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(overdue_q())
        if value == "no":
            return queryset.exclude(overdue_q())
        return queryset


class AllYesNo(django_filters.widgets.BooleanWidget):
    """Yes / no, and "all" instead of django-filter's "unknown"."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("All")), ("true", _("Yes")), ("false", _("No")))


class CaseDeadlineFilterSet(BaseFilterSet):
    """The deadline lists: open deadlines of running cases, overdue or due within ``days`` (default 5)."""

    township = NamedChoiceFilter(field_name="case__region", queryset=case_townships, label=_("Township"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Only overdue"),
                                           widget=AllYesNo)
    days = django_filters.NumberFilter(method="filter_days", label=_("Due within (days)"), min_value=0,
                                       max_value=366)

    class Meta:
        model = CaseDeadline
        fields = ["q", "township", "overdue", "days"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        cases = Case.objects.filter(Q(number__contains=value) | Q(cause__contains=value)).values("pk")
        return queryset.filter(Q(case__in=cases) | Q(label__contains=value))

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(due_on__lt=timezone.localdate()) if value else queryset

    def filter_days(self, queryset, name, value):
        return queryset  # applied in ``filter_queryset`` so that the default also applies without the parameter

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        days = self.form.cleaned_data.get("days")
        days = DEFAULT_DUE_DAYS if days is None else int(days)
        return queryset.filter(due_on__lte=timezone.localdate() + datetime.timedelta(days=days))


DEFAULT_DUE_DAYS = 5
