"""One FilterSet per model: the list page, its Excel export and the API share it (STYLE.md §9). Every filtered
field is indexed (choices with ``db_index``, dates with ``db_index``, foreign keys)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.filtersets import BaseFilterSet
from zongzhi.utilities.forms import DateInput

from .choices import (
    CourtOutcome,
    OnTheSpotGround,
    PaymentChannel,
    PlanKind,
    PlanStatus,
    ReviewOutcome,
    ServiceMethod,
    ServiceState,
)
from .models import CourtApplication, Demand, Litigation, Payment, PaymentPlan, Reconsideration, ServiceRecord


def _dates(field, label_from, label_to):
    return (django_filters.DateFilter(field_name=field, lookup_expr="gte", label=label_from, widget=DateInput),
            django_filters.DateFilter(field_name=field, lookup_expr="lte", label=label_to, widget=DateInput))


class CaseSearch(BaseFilterSet):
    """``q`` also finds the case number."""

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        q = Q(case__number__contains=value)
        for f in self.search_fields:
            q |= Q(**{f: value})
        return queryset.filter(q)


class PaymentFilterSet(CaseSearch):
    search_fields = ("payer__contains", "bank_receipt_number__contains", "receipt_number__contains")
    channel = django_filters.ChoiceFilter(choices=PaymentChannel.choices, label=_("Channel"))
    onsite_ground = django_filters.ChoiceFilter(choices=OnTheSpotGround.choices, label=_("On-the-spot ground"))
    paid_from, paid_to = _dates("paid_on", _("Paid from"), _("Paid to"))

    class Meta:
        model = Payment
        fields = ["q", "channel", "onsite_ground", "paid_from", "paid_to"]


class ServiceRecordFilterSet(CaseSearch):
    search_fields = ("document__contains", "recipient__contains", "tracking_number__contains",
                     "receipt_number__contains")
    method = django_filters.ChoiceFilter(choices=ServiceMethod.choices, label=_("Method"))
    state = django_filters.ChoiceFilter(choices=ServiceState.choices, label=_("State"))
    served_from, served_to = _dates("served_on", _("Served from"), _("Served to"))

    class Meta:
        model = ServiceRecord
        fields = ["q", "method", "state", "served_from", "served_to"]


class PaymentPlanFilterSet(CaseSearch):
    kind = django_filters.ChoiceFilter(choices=PlanKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Status"))

    class Meta:
        model = PaymentPlan
        fields = ["q", "kind", "status"]


class DemandFilterSet(CaseSearch):
    search_fields = ("number__contains",)
    issued_from, issued_to = _dates("issued_on", _("Issued from"), _("Issued to"))

    class Meta:
        model = Demand
        fields = ["q", "issued_from", "issued_to"]


class CourtApplicationFilterSet(CaseSearch):
    search_fields = ("court__contains", "court_case_number__contains")
    outcome = django_filters.ChoiceFilter(choices=CourtOutcome.choices, label=_("Outcome"))
    filed_from, filed_to = _dates("filed_on", pgettext_lazy("enforcement", "Filed from"), pgettext_lazy("enforcement", "Filed to"))

    class Meta:
        model = CourtApplication
        fields = ["q", "outcome", "filed_from", "filed_to"]


class ReconsiderationFilterSet(CaseSearch):
    search_fields = ("body__contains", "case_number__contains")
    outcome = django_filters.ChoiceFilter(choices=ReviewOutcome.choices, label=_("Outcome"))
    filed_from, filed_to = _dates("filed_on", pgettext_lazy("enforcement", "Filed from"), pgettext_lazy("enforcement", "Filed to"))

    class Meta:
        model = Reconsideration
        fields = ["q", "outcome", "filed_from", "filed_to"]


class LitigationFilterSet(ReconsiderationFilterSet):
    search_fields = ("court__contains", "case_number__contains")

    class Meta:
        model = Litigation
        fields = ["q", "outcome", "filed_from", "filed_to"]
