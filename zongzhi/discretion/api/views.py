import datetime

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from zongzhi.utilities.api import ScopedViewSet
from zongzhi.utilities.scope import CHANGE

from .. import services
from ..filtersets import DiscretionStandardFilterSet
from ..models import NOT_DRAFT, DiscretionBand, DiscretionStandard
from .serializers import (
    BandQuerySerializer,
    BandResultSerializer,
    CheckQuerySerializer,
    CheckResultSerializer,
    DiscretionBandSerializer,
    DiscretionStandardSerializer,
)


class DiscretionStandardViewSet(ScopedViewSet):
    queryset = (DiscretionStandard.objects.select_related("matter", "issuing_region").prefetch_related("bands")
                .order_by("id"))
    serializer_class = DiscretionStandardSerializer
    filterset_class = DiscretionStandardFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "file": CHANGE, "publish": CHANGE}

    def perform_destroy(self, instance):
        if not instance.is_draft:
            raise exceptions.ValidationError({"detail": NOT_DRAFT})
        super().perform_destroy(instance)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def file(self, request, pk=None):
        """备案: file a draft with the justice administration."""
        standard = services.file_standard(self.get_object(), by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=standard.pk)).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """公开: publish a draft or filed benchmark."""
        standard = services.publish_standard(self.get_object(), by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=standard.pk)).data)


class DiscretionBandViewSet(ScopedViewSet):
    queryset = DiscretionBand.objects.select_related("standard").order_by("id")
    serializer_class = DiscretionBandSerializer
    filterset_fields = ["standard"]

    def perform_destroy(self, instance):
        if not instance.standard.is_draft:
            raise exceptions.ValidationError({"detail": NOT_DRAFT})
        super().perform_destroy(instance)


def _query(serializer_class, data):
    query = serializer_class(data=data)
    query.is_valid(raise_exception=True)
    d = query.validated_data
    return (d["matter"], d["region"], d.get("date") or datetime.date.today(), d["level"], query.facts()), d


class BandView(APIView):
    """The band that applies: ``?matter=<code>&region=<code>&date=&level=`` and the facts a multiple is taken of
    (``illegal_gains``, ``goods_value``, ``building_cost``, ``reclamation_fee``)."""

    @extend_schema(parameters=[BandQuerySerializer], responses=BandResultSerializer)
    def get(self, request):
        args, _data = _query(BandQuerySerializer, request.query_params)
        try:
            band = services.band_for(*args)
        except services.NoApplicableStandard as error:
            raise exceptions.NotFound(str(error)) from None
        return Response(BandResultSerializer(band).data)


class CheckView(APIView):
    """A proposed amount and penalty types against the band: flags, and whether a reason and legal review are
    needed. What the law forbids (above the legal maximum, a type the provision does not allow) is a 400."""

    @extend_schema(request=CheckQuerySerializer, responses=CheckResultSerializer)
    def post(self, request):
        args, data = _query(CheckQuerySerializer, request.data)
        try:
            check = services.check_amount(*args, data["amount"], data["penalty_types"])
        except services.NoApplicableStandard as error:
            raise exceptions.NotFound(str(error)) from None
        return Response(CheckResultSerializer(check).data)

