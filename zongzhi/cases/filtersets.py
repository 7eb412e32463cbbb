import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zongzhi.agencies.models import Agency, Domain
from zongzhi.utilities.filtersets import BaseFilterSet
from zongzhi.utilities.forms import DateInput

from .choices import ClueSource, ClueStatus, Outcome
from .models import Clue


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
