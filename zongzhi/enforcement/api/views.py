"""The API mirrors the pages: lists and details through ``restrict``; creation and every step through the same
services (and refusals) as the case section. Records are never edited or deleted through the API."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response

from zongzhi.utilities.api import ScopedViewSet
from zongzhi.utilities.drf import ScopedPermission
from zongzhi.utilities.scope import CHANGE, can, in_scope

from .. import services
from ..filtersets import (
    CourtApplicationFilterSet,
    DemandFilterSet,
    LitigationFilterSet,
    PaymentFilterSet,
    PaymentPlanFilterSet,
    ReconsiderationFilterSet,
    ServiceRecordFilterSet,
)
from ..models import CourtApplication, Demand, Litigation, Payment, PaymentPlan, Reconsideration, ServiceRecord
from . import serializers as s

STEPS = ("complete", "handover", "decide", "outcome")


class StepPermission(ScopedPermission):
    """A step on an existing record needs the change permission, not the add permission of a POST."""

    def has_permission(self, request, view):
        if view.action in STEPS:
            return request.user.is_authenticated and can(request.user, view.queryset.model, CHANGE)
        return super().has_permission(request, view)


class RecordViewSet(ScopedViewSet):
    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [StepPermission]
    action_map_scope = {**ScopedViewSet.action_map_scope, **{a: CHANGE for a in STEPS}}
    service = None

    def perform_create(self, serializer):
        candidate = self.model_instance(serializer.validated_data)
        if not in_scope(self.request.user, candidate.case, CHANGE):
            raise exceptions.NotFound()
        serializer.instance = self.create_record(candidate, serializer.validated_data)

    def model_instance(self, data):
        return self.queryset.model(**data)

    def create_record(self, candidate, data):
        return type(self).service(candidate, by=self.request.user)

    def _valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _answer(self, obj):
        return Response(self.get_serializer_class()(obj, context=self.get_serializer_context()).data)


class ServiceRecordViewSet(RecordViewSet):
    queryset = ServiceRecord.objects.select_related("case").order_by("-id")
    serializer_class = s.ServiceRecordSerializer
    filterset_class = ServiceRecordFilterSet

    def model_instance(self, data):
        data = {k: v for k, v in data.items() if k != "proof"}
        return ServiceRecord(**data)

    def create_record(self, candidate, data):
        return services.record_service(candidate, by=self.request.user, proof=data.get("proof") or None)

    @extend_schema(request=None, responses=s.ServiceRecordSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._answer(services.complete_public_notice(self.get_object(), by=request.user))


class PaymentViewSet(RecordViewSet):
    queryset = Payment.objects.select_related("case").order_by("-paid_on", "-id")
    serializer_class = s.PaymentSerializer
    filterset_class = PaymentFilterSet
    service = services.record_payment

    @extend_schema(request=s.HandoverSerializer, responses=s.PaymentSerializer)
    @action(detail=True, methods=["post"])
    def handover(self, request, pk=None):
        data = self._valid(s.HandoverSerializer)
        return self._answer(services.record_handover(self.get_object(), by=request.user,
                                                     handed_over_on=data.get("handed_over_on")))


class PaymentPlanViewSet(RecordViewSet):
    queryset = PaymentPlan.objects.select_related("case").order_by("-id")
    serializer_class = s.PaymentPlanSerializer
    filterset_class = PaymentPlanFilterSet
    service = services.request_plan

    @extend_schema(request=s.PlanDecisionSerializer, responses=s.PaymentPlanSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = self._valid(s.PlanDecisionSerializer)
        return self._answer(services.decide_plan(self.get_object(), by=request.user, **data))


class DemandViewSet(RecordViewSet):
    queryset = Demand.objects.select_related("case").order_by("-issued_on", "-id")
    serializer_class = s.DemandSerializer
    filterset_class = DemandFilterSet
    service = services.issue_demand


class CourtApplicationViewSet(RecordViewSet):
    queryset = CourtApplication.objects.select_related("case").order_by("-filed_on", "-id")
    serializer_class = s.CourtApplicationSerializer
    filterset_class = CourtApplicationFilterSet
    service = services.apply_to_court

    @extend_schema(request=s.CourtOutcomeSerializer, responses=s.CourtApplicationSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        data = self._valid(s.CourtOutcomeSerializer)
        return self._answer(services.record_court_outcome(self.get_object(), by=request.user, **data))


class ReconsiderationViewSet(RecordViewSet):
    queryset = Reconsideration.objects.select_related("case").order_by("-filed_on", "-id")
    serializer_class = s.ReconsiderationSerializer
    filterset_class = ReconsiderationFilterSet
    service = services.record_review

    @extend_schema(request=s.ReviewOutcomeSerializer, responses=s.ReconsiderationSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        data = self._valid(s.ReviewOutcomeSerializer)
        return self._answer(services.record_review_outcome(self.get_object(), by=request.user, **data))


class LitigationViewSet(ReconsiderationViewSet):
    queryset = Litigation.objects.select_related("case").order_by("-filed_on", "-id")
    serializer_class = s.LitigationSerializer
    filterset_class = LitigationFilterSet

    @extend_schema(request=s.ReviewOutcomeSerializer, responses=s.LitigationSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        return super().outcome(request, pk)
