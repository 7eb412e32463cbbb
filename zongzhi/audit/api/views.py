from zongzhi.utilities.api import ReadOnlyScopedViewSet

from ..filtersets import ChangeLogEntryFilterSet
from ..models import ChangeLogEntry
from .serializers import ChangeLogEntrySerializer


class ChangeLogEntryViewSet(ReadOnlyScopedViewSet):
    queryset = ChangeLogEntry.objects.select_related("content_type").order_by("-id")
    serializer_class = ChangeLogEntrySerializer
    filterset_class = ChangeLogEntryFilterSet
