import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .widgets import speed_up


class _LabelIterator(forms.models.ModelChoiceIterator):
    """Options straight from ``values_list(pk, label)``: no model instance per option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", self.field.label_field)

    def __len__(self):
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class _LabelChoiceField(forms.ModelChoiceField):
    iterator = _LabelIterator

    def __init__(self, *args, label_field="name", **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)


class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    """A foreign-key filter whose options show one field (default ``name``): fast with hundreds of options."""

    field_class = _LabelChoiceField


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
        caseless = value.upper() == value.lower()  # Chinese has no case: LIKE without UPPER() is twice as fast
        q = Q()
        for f in self.search_fields:
            if caseless and f.endswith("__icontains"):
                f = f[: -len("__icontains")] + "__contains"
            q |= Q(**{f: value})
        return queryset.filter(q)
