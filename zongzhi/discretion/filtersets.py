import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.agencies.models import Domain
from zongzhi.catalog.models import Matter
from zongzhi.regions.choices import RegionLevel
from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import StandardStatus
from .models import ISSUING_LEVELS, DiscretionStandard


class DiscretionStandardFilterSet(BaseFilterSet):
    search_fields = ("title__icontains", "document_number__icontains", "matter__name__icontains",
                     "matter__code__icontains")
    matter = django_filters.ModelChoiceFilter(queryset=Matter.objects.all(), label=_("Matter"))
    domain = django_filters.ModelChoiceFilter(field_name="matter__domain", queryset=Domain.objects.all(),
                                              label=_("Domain"))
    issuing_level = django_filters.ChoiceFilter(
        field_name="issuing_region__level", label=_("Issuing level"),
        choices=[(level.value, level.label) for level in RegionLevel if level in ISSUING_LEVELS])
    region = django_filters.CharFilter(field_name="issuing_region__code", label=_("Issuing region code"))
    status = django_filters.ChoiceFilter(choices=StandardStatus.choices, label=_("Status"))

    class Meta:
        model = DiscretionStandard
        fields = ["q", "matter", "domain", "issuing_level", "region", "status"]
