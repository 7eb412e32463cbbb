import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import AgencyKind
from .models import Agency, Domain


class AgencyFilterSet(BaseFilterSet):
    search_fields = ("name__icontains", "short_name__icontains", "liaison_name__icontains")
    kind = django_filters.ChoiceFilter(choices=AgencyKind.choices, label=_("Kind"))
    region = django_filters.CharFilter(field_name="region__code", label=_("Region code"))
    domain = django_filters.ModelChoiceFilter(field_name="domains", queryset=Domain.objects.all(), label=_("Domain"))
    is_enforcement_body = django_filters.BooleanFilter(label=_("Confirmed enforcement body"))

    class Meta:
        model = Agency
        fields = ["q", "kind", "region", "domain", "is_enforcement_body"]
