import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import TimeUnit
from .models import DeadlineRule


class DeadlineRuleFilterSet(BaseFilterSet):
    search_fields = ("code__icontains", "name__icontains", "citation__icontains", "start_event__icontains")
    unit = django_filters.ChoiceFilter(choices=TimeUnit.choices, label=_("Unit"))
    region = django_filters.CharFilter(field_name="region__code", label=_("Region code"))
    national = django_filters.BooleanFilter(field_name="region", lookup_expr="isnull", label=_("National rule"))

    class Meta:
        model = DeadlineRule
        fields = ["q", "unit", "region", "national"]
