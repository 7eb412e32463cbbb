from django.shortcuts import render

from zongzhi.utilities.pagination import CappedPaginator
from zongzhi.utilities.views import ObjectDetailView, ObjectListView

from .filtersets import ChangeLogEntryFilterSet
from .models import ChangeLogEntry
from .presentation import present
from .tables import change_log_table


class ChangeLogListView(ObjectListView):
    model = ChangeLogEntry
    table = change_log_table
    filterset_class = ChangeLogEntryFilterSet
    paginator_class = CappedPaginator


class ChangeLogDetailView(ObjectDetailView):
    model = ChangeLogEntry
    queryset = ChangeLogEntry.objects.select_related("content_type")

    def get(self, request, *args, **kwargs):
        entry = present([self.get_object()])[0]
        return render(request, "audit/changelogentry.html", self.common_context(object=entry))
