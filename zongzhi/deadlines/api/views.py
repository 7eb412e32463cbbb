from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from zongzhi.regions.models import Region
from zongzhi.utilities.api import ReadOnlyScopedViewSet

from ..choices import TimeUnit
from ..filtersets import DeadlineRuleFilterSet
from ..models import DeadlineRule, HolidayYear
from ..services import UnknownRule, compute, count_period
from ..workdays import CalendarDataMissing
from .serializers import (
    AddWorkingDaysQuerySerializer,
    AddWorkingDaysResultSerializer,
    ComputeQuerySerializer,
    ComputeResultSerializer,
    DeadlineRuleSerializer,
    HolidayYearSerializer,
)

BAD_REQUEST = OpenApiResponse(description="A missing or malformed parameter, an unknown rule or region, or a year "
                                          "before 2025 without holiday data; the message says which.")


def query(serializer_class, request):
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class DeadlineRuleViewSet(ReadOnlyScopedViewSet):
    """The deadline rules, with their codes and citations. A rule with a region is a local rule."""

    queryset = DeadlineRule.objects.select_related("region").order_by("code", "id")
    serializer_class = DeadlineRuleSerializer
    filterset_class = DeadlineRuleFilterSet


class HolidayYearViewSet(ReadOnlyScopedViewSet):
    """The holiday arrangements entered by administrators (years the chinesecalendar package lacks, or corrections)."""

    queryset = HolidayYear.objects.prefetch_related("days").order_by("year")
    serializer_class = HolidayYearSerializer


class ComputeView(APIView):
    @extend_schema(parameters=[ComputeQuerySerializer], responses={200: ComputeResultSerializer, 400: BAD_REQUEST},
                   summary="Compute a deadline", tags=["deadlines"])
    def get(self, request):
        """The deadline of a rule for a start event; with ``region``, the nearest local rule applies."""
        data = query(ComputeQuerySerializer, request)
        region = None
        if data.get("region"):
            region = Region.objects.filter(code=data["region"]).first()
            if region is None:
                raise exceptions.ValidationError({"region": [_("There is no region with the code “%(code)s”.")
                                                             % {"code": data["region"]}]})
        try:
            result = compute(data["rule"], data["start"], region=region)
        except UnknownRule as error:
            raise exceptions.ValidationError({"rule": [str(error)]}) from None
        except CalendarDataMissing as error:
            raise exceptions.ValidationError({"detail": str(error)}) from None
        return Response({"rule": result.rule.code, "start": result.start.isoformat(), "due": result.due.isoformat(),
                         "citation": result.citation, "provisional": result.provisional,
                         "provisional_note": result.provisional_note})


class AddWorkingDaysView(APIView):
    @extend_schema(parameters=[AddWorkingDaysQuerySerializer],
                   responses={200: AddWorkingDaysResultSerializer, 400: BAD_REQUEST},
                   summary="Add working days", tags=["deadlines"])
    def get(self, request):
        """The n-th working day after ``start`` (not counted), by the official holiday arrangements; through a
        year not published yet, by its statutory holidays (``provisional``)."""
        data = query(AddWorkingDaysQuerySerializer, request)
        try:
            result = count_period(data["start"], data["days"], TimeUnit.WORKING_DAYS)
        except CalendarDataMissing as error:
            raise exceptions.ValidationError({"detail": str(error)}) from None
        return Response(AddWorkingDaysResultSerializer({
            "start": data["start"], "days": data["days"], "due": result.due, "provisional": result.provisional,
            "provisional_note": result.provisional_note}).data)
