import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, views
from rest_framework.decorators import action
from rest_framework.response import Response

from zongzhi.regions.models import Region
from zongzhi.utilities.api import ScopedViewSet
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, can

from .. import services
from ..filtersets import (
    AcceptanceFilterSet,
    CatalogItemFilterSet,
    CountySelectionFilterSet,
    DelegationCatalogFilterSet,
    EvaluationFilterSet,
    MatterFilterSet,
)
from ..models import Acceptance, CatalogItem, CountySelection, DelegationCatalog, Evaluation, Matter, TransitionSetting
from .serializers import (
    AcceptanceSerializer,
    AnswerSerializer,
    BoundaryCellSerializer,
    CatalogItemSerializer,
    ChangeSerializer,
    CountySelectionSerializer,
    DelegationCatalogSerializer,
    EvaluationSerializer,
    MatterSerializer,
    MayExerciseQuerySerializer,
    TransitionSettingSerializer,
    WithdrawSerializer,
)


def _invalid(error):
    return exceptions.ValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


class MatterViewSet(ScopedViewSet):
    queryset = Matter.objects.select_related("domain", "violated_article__version__law",
                                             "penalty_article__version__law").order_by("code")
    serializer_class = MatterSerializer
    filterset_class = MatterFilterSet


class DelegationCatalogViewSet(ScopedViewSet):
    queryset = DelegationCatalog.objects.order_by("-effective", "id")
    serializer_class = DelegationCatalogSerializer
    filterset_class = DelegationCatalogFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "publish": CHANGE}

    def perform_destroy(self, instance):
        if not instance.is_draft:
            raise exceptions.ValidationError({"detail": _("A published catalog cannot be changed; issue a new "
                                                          "version.")})
        super().perform_destroy(instance)

    @extend_schema(request=None, responses=AcceptanceSerializer(many=True))
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish a draft: supersede the previous version; returns the acceptances that will lapse."""
        try:
            lapsed = services.publish_version(self.get_object())
        except ValidationError as error:
            raise _invalid(error) from None
        return Response(AcceptanceSerializer(lapsed, many=True).data)

    @extend_schema(parameters=[OpenApiParameter("against", int, description="the version to compare with "
                                                "(default: the previous one)")],
                   responses=ChangeSerializer(many=True))
    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        catalog = self.get_object()
        against = self.get_queryset().filter(pk=request.query_params.get("against") or catalog.previous_id or 0).first()
        if against is None:
            raise exceptions.ValidationError({"against": [_("Choose a version to compare with.")]})
        return Response(ChangeSerializer(services.diff(against, catalog), many=True).data)


class CatalogItemViewSet(ScopedViewSet):
    queryset = CatalogItem.objects.select_related("matter").order_by("catalog", "number", "id")
    serializer_class = CatalogItemSerializer
    filterset_class = CatalogItemFilterSet

    def perform_create(self, serializer):
        self._check(serializer, ADD)
        d = serializer.validated_data
        serializer.instance = services.add_item(d["catalog"], d["matter"], number=d.get("number", 0),
                                                concurrent=d.get("concurrent", False))

    def perform_destroy(self, instance):
        if not instance.catalog.is_draft:
            raise exceptions.ValidationError({"detail": _("A published catalog cannot be changed; issue a new "
                                                          "version.")})
        super().perform_destroy(instance)


class CountySelectionViewSet(ScopedViewSet):
    queryset = CountySelection.objects.prefetch_related("items").order_by("id")
    serializer_class = CountySelectionSerializer
    filterset_class = CountySelectionFilterSet


class AcceptanceViewSet(ScopedViewSet):
    queryset = Acceptance.objects.order_by("id")
    serializer_class = AcceptanceSerializer
    filterset_class = AcceptanceFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "withdraw": CHANGE}

    @extend_schema(request=WithdrawSerializer, responses=AcceptanceSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        acceptance = self.get_object()
        params = WithdrawSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            acceptance = services.withdraw(acceptance, **params.validated_data)
        except ValidationError as error:
            raise _invalid(error) from None
        return Response(AcceptanceSerializer(acceptance).data)


class EvaluationViewSet(ScopedViewSet):
    queryset = Evaluation.objects.order_by("id")
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet


class TransitionSettingViewSet(ScopedViewSet):
    queryset = TransitionSetting.objects.order_by("id")
    serializer_class = TransitionSettingSerializer
    pagination_class = None


class MayExerciseView(views.APIView):
    """May agency A exercise matter M on date D (at place R), and in whose name? Judge a case on its filing date."""

    @extend_schema(parameters=[MayExerciseQuerySerializer], responses=AnswerSerializer)
    def get(self, request):
        query = MayExerciseQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        d = query.validated_data
        answer = services.may_exercise(d["agency"], d["matter"], d["date"], region=d.get("region"))
        return Response(AnswerSerializer(answer).data)


class BoundariesView(views.APIView):
    """Overlaps and gaps of the duty boundaries in a county on a date (default today)."""

    @extend_schema(parameters=[OpenApiParameter("county", str, required=True), OpenApiParameter("date", str)],
                   responses=BoundaryCellSerializer(many=True))
    def get(self, request):
        if not can(request.user, Matter, VIEW):
            raise exceptions.PermissionDenied()
        county = Region.objects.filter(code=request.query_params.get("county", ""), level="county").first()
        try:
            on = datetime.date.fromisoformat(request.query_params.get("date") or datetime.date.today().isoformat())
        except ValueError:
            raise exceptions.ValidationError({"date": [_("Enter a date as YYYY-MM-DD.")]}) from None
        if county is None:
            raise exceptions.ValidationError({"county": [_("No county has this code.")]})
        report = services.boundaries(county, on)
        return Response({
            "county": county.code, "date": on, "catalog": report.catalog.pk if report.catalog else None,
            "cells": report.cells, "by_township": report.by_township, "by_department": report.by_department,
            "overlaps": BoundaryCellSerializer(report.overlaps, many=True).data,
            "gaps": BoundaryCellSerializer(report.gaps, many=True).data,
        })
