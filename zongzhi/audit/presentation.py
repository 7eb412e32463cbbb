"""Change-log entries in the words of their users: field labels, choice labels, Yes/No, related names."""

from collections import defaultdict

from django.db import models
from django.utils.translation import gettext as _


def _field_map(model):
    fields = {}
    if model is None:
        return fields
    for f in model._meta.get_fields():
        if getattr(f, "concrete", False) or f.many_to_many:
            fields[getattr(f, "attname", f.name)] = f
            fields[f.name] = f
    return fields


def present(entries):
    """Set ``entry.display_changes`` = [(label, before, after)] on each entry, resolving related records with
    one query per related model for the whole page."""
    entries = list(entries)
    wanted = defaultdict(set)  # related model -> ids
    plans = []
    for entry in entries:
        model = entry.content_type.model_class()
        fields = _field_map(model)
        rows = []
        for name, before, after in entry.changes():
            f = fields.get(name)
            rows.append((f, name, before, after))
            if f is not None and (f.many_to_one or f.one_to_one or f.many_to_many) and f.related_model:
                for value in (before, after):
                    for v in value if isinstance(value, list) else [value]:
                        if v is not None:
                            wanted[f.related_model].add(v)
        plans.append(rows)
    names = {}
    for related, ids in wanted.items():
        clean = {i for i in ids if isinstance(i, int) or (isinstance(i, str) and i.isdigit())}
        for obj in related._base_manager.filter(pk__in=clean):
            names[(related, obj.pk)] = str(obj)
    for entry, rows in zip(entries, plans, strict=True):
        entry.display_changes = [
            (f.verbose_name if f is not None and hasattr(f, "verbose_name") else name,
             _show(f, before, names), _show(f, after, names))
            for f, name, before, after in rows
        ]
    return entries


def _show(field, value, names):
    if value is None or value == "":
        return "—"
    if field is None:
        return value
    if isinstance(value, list):
        return "、".join(str(_show_one(field, v, names)) for v in value) or "—"
    return _show_one(field, value, names)


def _show_one(field, value, names):
    if isinstance(value, bool) or isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if getattr(field, "related_model", None) is not None:
        try:
            key = int(value)
        except (TypeError, ValueError):
            return value
        return names.get((field.related_model, key), f"#{value}")
    if getattr(field, "choices", None):
        return dict(field.flatchoices).get(value, value)
    return value
