import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import RegionLevel, TownshipKind
from .models import Region


class RegionFilterSet(BaseFilterSet):
    search_fields = ("name__icontains", "code__startswith")
    level = django_filters.ChoiceFilter(choices=RegionLevel.choices, label=_("Level"))
    kind = django_filters.ChoiceFilter(choices=TownshipKind.choices, label=_("Township kind"))
    within = django_filters.CharFilter(method="filter_within", label=_("Within (code)"))

    class Meta:
        model = Region
        fields = ["q", "level", "kind", "within"]

    def filter_within(self, queryset, name, value):
        parent = Region.objects.filter(code=value.strip()).first()
        return queryset.filter(path__startswith=parent.path) if parent else queryset.none()
