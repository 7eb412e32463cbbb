from zongzhi.utilities.api import ReadOnlyScopedViewSet, ScopedViewSet

from ..filtersets import AgencyFilterSet
from ..models import Agency, Domain
from .serializers import AgencySerializer, DomainSerializer


class DomainViewSet(ReadOnlyScopedViewSet):
    queryset = Domain.objects.all()
    serializer_class = DomainSerializer
    pagination_class = None


class AgencyViewSet(ScopedViewSet):
    queryset = Agency.objects.select_related("region").prefetch_related("domains").order_by("id")
    serializer_class = AgencySerializer
    filterset_class = AgencyFilterSet
