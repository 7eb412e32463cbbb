import datetime

from django import forms, template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from zongzhi.audit.choices import ACTION_COLORS, Action

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
    return format_html('<span class="badge bg-{}-lt">{}</span>', color or "secondary", text)


@register.simple_tag
def cell(row, column):
    value = column.value(row)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        from django.utils.translation import gettext as _

        return badge(_("Yes"), "green") if value else badge(_("No"), "secondary")
    if isinstance(value, datetime.datetime):
        value = date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "Y-m-d H:i")
    elif isinstance(value, datetime.date):
        value = date_format(value, "Y-m-d")
    if column.colors is not None:
        return badge(value, column.colors.get(column.raw(row), "secondary"))
    if column.link:
        return format_html('<a href="{}">{}</a>', row.get_absolute_url(), value)
    return value


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
