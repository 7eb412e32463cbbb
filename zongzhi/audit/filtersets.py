import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import Action, Source
from .models import ChangeLogEntry


class ChangeLogEntryFilterSet(BaseFilterSet):
    search_fields = ("object_repr__icontains", "user_name__icontains")
    action = django_filters.ChoiceFilter(choices=Action.choices, label=_("Action"))
    source = django_filters.ChoiceFilter(choices=Source.choices, label=_("Source"))
    request_id = django_filters.CharFilter(label=_("Request id"))

    class Meta:
        model = ChangeLogEntry
        fields = ["q", "action", "source", "request_id"]
