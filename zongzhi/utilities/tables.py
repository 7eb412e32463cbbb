"""Declarative tables: one column list serves the list page and its Excel export (STYLE.md §11)."""

import datetime
from dataclasses import dataclass, field
from html import escape

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext


def _choice_labels(model, name):
    """{stored value: label in the active language} of a choice field, or None; built once per language."""
    key = (model, name, get_language())
    if key not in _LABELS:
        try:
            field = model._meta.get_field(name)
        except Exception:
            field = None
        choices = getattr(field, "flatchoices", None) if field is not None and getattr(field, "choices", None) else None
        _LABELS[key] = {k: str(v) for k, v in choices} if choices else None
    return _LABELS[key]


_LABELS = {}


def badge(text, color) -> str:
    return f'<span class="badge bg-{escape(color or "secondary")}-lt">{escape(str(text))}</span>'


@dataclass
class Column:
    accessor: str
    label: str | Promise | None = None
    link: bool = False  # link the cell to the row's detail page
    colors: dict | None = None  # badge colours for a choice field
    order_by: str | None = None  # a query ordering (must be indexed); None: not sortable
    export: bool = True
    render: object = None  # callable(row) -> value, instead of the accessor

    def value(self, row):
        if self.render is not None:
            return self.render(row)
        obj = row
        parts = self.accessor.split(".")
        for i, part in enumerate(parts):
            if obj is None:
                return None
            if i == len(parts) - 1 and isinstance(obj, models.Model):
                labels = _choice_labels(type(obj), part)
                if labels is not None:
                    stored = getattr(obj, part)
                    return labels.get(stored, stored)
            obj = getattr(obj, part)
            if callable(obj) and not isinstance(obj, models.Model) and not hasattr(obj, "all"):
                obj = obj()
        if hasattr(obj, "all") and callable(obj.all):  # a related manager: join its (prefetched) items
            return "、".join(str(o) for o in obj.all())
        return obj

    def raw(self, row):
        """The stored value (for badge colours)."""
        obj = row
        for part in self.accessor.split("."):
            obj = getattr(obj, part, None)
        return obj

    def html(self, row) -> str:
        """The cell as safe HTML: a dash for nothing, Yes/No and choice badges, local dates, a detail link."""
        value = self.value(row)
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return mark_safe(badge(gettext("Yes"), "green") if value else badge(gettext("No"), "secondary"))
        if isinstance(value, datetime.datetime):
            value = date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "Y-m-d H:i")
        elif isinstance(value, datetime.date):
            value = date_format(value, "Y-m-d")
        if self.colors is not None:
            return mark_safe(badge(value, self.colors.get(self.raw(row), "secondary")))
        if self.link:
            return mark_safe(f'<a href="{escape(row.get_absolute_url())}">{escape(str(value))}</a>')
        return value


@dataclass
class Table:
    model: type
    columns: list[Column]
    select_related: tuple = ()
    prefetch_related: tuple = ()
    default_order: tuple = field(default_factory=tuple)

    def optimize(self, queryset):
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def labels(self, *, export=False):
        cols = [c for c in self.columns if c.export] if export else self.columns
        return [c.label if c.label is not None else self._field_label(c.accessor) for c in cols]

    def _field_label(self, accessor):
        model = self.model
        label = accessor
        for part in accessor.split("."):
            try:
                f = model._meta.get_field(part)
            except Exception:
                return label
            label = f.verbose_name if hasattr(f, "verbose_name") else part
            model = getattr(f, "related_model", None) or model
        return label

    def html_rows(self, rows):
        """Every cell rendered in Python: a page of 50 rows costs one template loop, not 400 tag calls."""
        return [[c.html(row) for c in self.columns] for row in rows]

    def sortable(self):
        return {c.order_by.lstrip("-"): c.order_by for c in self.columns if c.order_by}
