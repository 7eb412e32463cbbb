
from django import forms, template
from django.urls import reverse
from django.utils.safestring import mark_safe

from zongzhi.audit.choices import ACTION_COLORS, Action
from zongzhi.utilities import tables

register = template.Library()


@register.filter
def add_class(field):
    widget = field.field.widget
    if "class" not in widget.attrs:
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        if field.errors:
            css += " is-invalid"
        return field.as_widget(attrs={"class": css})
    return field


@register.filter
def model_url(model, suffix):
    return f"{model._meta.app_label}:{model._meta.model_name}{suffix}"


@register.simple_tag
def column_label(table, column):
    return column.label if column.label is not None else table._field_label(column.accessor)


def badge(text, color):
    return mark_safe(tables.badge(text, color))


@register.simple_tag
def cell(row, column):
    return column.html(row)


@register.simple_tag
def action_badge(action):
    return badge(Action(action).label, ACTION_COLORS.get(action))


@register.simple_tag
def status_badge(obj, field, colors):
    return badge(getattr(obj, f"get_{field}_display")(), colors.get(getattr(obj, field)))


@register.simple_tag
def url_for(obj, suffix=""):
    meta = obj._meta
    return reverse(f"{meta.app_label}:{meta.model_name}{suffix}", args=[obj.pk])
