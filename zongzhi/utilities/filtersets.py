import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .widgets import speed_up


class BaseFilterSet(django_filters.FilterSet):
    """Every FilterSet has ``q``: a search over ``search_fields``. One FilterSet per model serves the
    list page, its export and the API (STYLE.md §9)."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    search_fields: tuple[str, ...] = ()

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_sped_up", False):
            speed_up(form)
            form._sped_up = True
        return form

    def search(self, queryset, name, value):
        value = value.strip()
        if not value or not self.search_fields:
            return queryset
        q = Q()
        for f in self.search_fields:
            q |= Q(**{f: value})
        return queryset.filter(q)
