from zongzhi.utilities.api import ReadOnlyScopedViewSet

from ..filtersets import RegionFilterSet
from ..models import Region
from .serializers import RegionSerializer


class RegionViewSet(ReadOnlyScopedViewSet):
    queryset = Region.objects.select_related("parent", "administered_by").order_by("code")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
