from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response

from zongzhi.agencies.models import Agency
from zongzhi.catalog.models import Matter
from zongzhi.utilities.api import ReadOnlyScopedViewSet, ScopedViewSet
from zongzhi.utilities.scope import ADD, CHANGE

from .. import services
from ..choices import DrawStatus, PlanStatus
from ..filtersets import (
    DrawFilterSet,
    InspectionFilterSet,
    InspectionItemFilterSet,
    InspectionPlanFilterSet,
    JointInspectionFilterSet,
)
from ..forms import agencies_for
from ..models import Draw, Finding, Inspection, InspectionItem, InspectionPlan, JointInspection
from .serializers import (
    ChecklistSerializer,
    CorrectionSerializer,
    DateSerializer,
    DrawSerializer,
    FindingInputSerializer,
    FindingRefSerializer,
    FinishSerializer,
    InspectionItemSerializer,
    InspectionPlanSerializer,
    InspectionSerializer,
    JointInspectionSerializer,
    MergeSerializer,
)


def _params(serializer_class, request):
    params = serializer_class(data=request.data)
    params.is_valid(raise_exception=True)
    return params.validated_data


class InspectionItemViewSet(ScopedViewSet):
    queryset = InspectionItem.objects.select_related("agency", "domain").order_by("id")
    serializer_class = InspectionItemSerializer
    filterset_class = InspectionItemFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "publish": CHANGE}

    def perform_update(self, serializer):
        if serializer.instance.published:
            raise exceptions.ValidationError({"detail": "已公布的检查事项不能修改。"})
        super().perform_update(serializer)

    @extend_schema(request=DateSerializer, responses=InspectionItemSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        data = _params(DateSerializer, request)
        item = services.publish_item(self.get_object(), published_on=data.get("on"), by=request.user)
        return Response(self.get_serializer(item).data)


class InspectionPlanViewSet(ScopedViewSet):
    queryset = InspectionPlan.objects.select_related("agency").prefetch_related("items").order_by("id")
    serializer_class = InspectionPlanSerializer
    filterset_class = InspectionPlanFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "approve": CHANGE, "publish": CHANGE}

    def _save(self, serializer, scope):
        self._check(serializer, scope)
        data = dict(serializer.validated_data)
        items = data.pop("items", None)
        plan = serializer._candidate
        if items is None:
            items = list(plan.items.all()) if plan.pk else []
        serializer.instance = services.save_plan(plan, items=items, by=self.request.user)

    def perform_create(self, serializer):
        self._save(serializer, ADD)

    def perform_update(self, serializer):
        if serializer.instance.status != PlanStatus.DRAFT:
            raise exceptions.ValidationError({"detail": "只有草稿状态的计划可以修改。"})
        self._save(serializer, CHANGE)

    @extend_schema(request=DateSerializer, responses=InspectionPlanSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = _params(DateSerializer, request)
        plan = services.approve_plan(self.get_object(), approved_on=data.get("on"), by=request.user)
        return Response(self.get_serializer(plan).data)

    @extend_schema(request=DateSerializer, responses=InspectionPlanSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        data = _params(DateSerializer, request)
        plan = services.publish_plan(self.get_object(), published_on=data.get("on"), by=request.user)
        return Response(self.get_serializer(plan).data)


class InspectionViewSet(ScopedViewSet):
    queryset = (Inspection.objects.select_related("agency", "subject")
                .prefetch_related(Prefetch("items", InspectionItem.objects.only("id")), "inspectors", "findings")
                .order_by("id"))
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilterSet
    http_method_names = ["get", "post", "head", "options"]
    action_map_scope = {**ScopedViewSet.action_map_scope, "start": CHANGE, "finish": CHANGE, "cancel": CHANGE,
                        "checklist": CHANGE, "findings": CHANGE, "correction": CHANGE, "clue": CHANGE,
                        "limits": ADD}

    def perform_create(self, serializer):
        self._check(serializer, ADD)
        data = serializer.validated_data
        if not agencies_for(self.request.user, Inspection).filter(pk=data["agency"].pk).exists():
            raise exceptions.ValidationError({"agency": [_("You cannot register inspections in the name of this "
                                                           "agency.")]})
        serializer.instance = services.register_inspection(
            serializer._candidate, items=data["items"], inspectors=data["inspectors"], by=self.request.user,
            reason=data.get("reason", ""))

    def _reply(self, inspection):
        return Response(self.get_serializer(self.get_queryset().get(pk=inspection.pk)).data)

    @extend_schema(request=InspectionSerializer, responses={200: {"type": "object"}})
    @action(detail=False, methods=["post"])
    def limits(self, request):
        """The warnings and refusals registering this inspection would meet (nothing is saved)."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report = services.check_limits(data["subject"], data["date"], list(data["inspectors"]))
        return Response({"warnings": report.warnings, "blocks": report.blocks})

    @extend_schema(request=None, responses=InspectionSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._reply(services.start_inspection(self.get_object(), by=request.user))

    @extend_schema(request=None, responses=InspectionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._reply(services.cancel_inspection(self.get_object(), by=request.user))

    @extend_schema(request=FinishSerializer, responses=InspectionSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        data = _params(FinishSerializer, request)
        return self._reply(services.finish_inspection(self.get_object(), result=data.get("result"),
                                                      summary=data.get("summary", ""), by=request.user))

    @extend_schema(request=ChecklistSerializer, responses=InspectionSerializer)
    @action(detail=True, methods=["post"])
    def checklist(self, request, pk=None):
        data = _params(ChecklistSerializer, request)
        answers = [(a["item"], a["number"], a["result"], a.get("note", "")) for a in data["answers"]]
        return self._reply(services.record_checklist(self.get_object(), answers, by=request.user))

    @extend_schema(request=FindingInputSerializer, responses=InspectionSerializer)
    @action(detail=True, methods=["post"])
    def findings(self, request, pk=None):
        data = _params(FindingInputSerializer, request)
        matter = get_object_or_404(Matter, pk=data["matter"]) if data.get("matter") else None
        inspection = self.get_object()
        services.add_finding(inspection, description=data["description"], matter=matter, by=request.user)
        return self._reply(inspection)

    def _finding(self, inspection, pk):
        return get_object_or_404(Finding, pk=pk, inspection=inspection)

    @extend_schema(request=CorrectionSerializer, responses=InspectionSerializer)
    @action(detail=True, methods=["post"])
    def correction(self, request, pk=None):
        data = _params(CorrectionSerializer, request)
        inspection = self.get_object()
        services.order_correction(self._finding(inspection, data["finding"]), deadline=data["deadline"],
                                  by=request.user)
        return self._reply(inspection)

    @extend_schema(request=FindingRefSerializer, responses=InspectionSerializer)
    @action(detail=True, methods=["post"])
    def clue(self, request, pk=None):
        data = _params(FindingRefSerializer, request)
        inspection = self.get_object()
        services.open_clue(self._finding(inspection, data["finding"]), by=request.user)
        return self._reply(inspection)


class DrawViewSet(ScopedViewSet):
    queryset = Draw.objects.select_related("agency", "plan").order_by("id")
    serializer_class = DrawSerializer
    filterset_class = DrawFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "run": CHANGE, "verify": CHANGE, "publish": CHANGE}

    def perform_update(self, serializer):
        if serializer.instance.status != DrawStatus.DRAFT:
            raise exceptions.ValidationError({"detail": "已抽取的抽查不能修改。"})
        super().perform_update(serializer)

    @extend_schema(request=None, responses=DrawSerializer)
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        draw = services.run_draw(self.get_object(), by=request.user)
        return Response(self.get_serializer(draw).data)

    @extend_schema(request=None, responses={200: {"type": "object"}})
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return Response({"reproduced": services.verify_draw(self.get_object())})

    @extend_schema(request=DateSerializer, responses=DrawSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        data = _params(DateSerializer, request)
        draw = services.publish_draw(self.get_object(), published_on=data.get("on"), by=request.user)
        return Response(self.get_serializer(draw).data)


class JointInspectionViewSet(ReadOnlyScopedViewSet):
    queryset = (JointInspection.objects.select_related("subject", "lead_agency")
                .prefetch_related("agencies", "inspections").order_by("id"))
    serializer_class = JointInspectionSerializer
    filterset_class = JointInspectionFilterSet
    http_method_names = ["get", "post", "head", "options"]
    action_map_scope = {**ScopedViewSet.action_map_scope, "merge": CHANGE}

    def create(self, request, *args, **kwargs):
        raise exceptions.MethodNotAllowed("POST")

    @extend_schema(request=MergeSerializer, responses=JointInspectionSerializer)
    @action(detail=False, methods=["post"])
    def merge(self, request):
        data = _params(MergeSerializer, request)
        visible = Inspection.objects.restrict(request.user, CHANGE).filter(pk__in=data["inspections"])
        inspections = list(visible)
        if len(inspections) != len(set(data["inspections"])):
            raise exceptions.NotFound()
        lead = get_object_or_404(Agency, pk=data["lead_agency"])
        joint = services.merge_joint(inspections, lead_agency=lead, date=data["date"], by=request.user)
        return Response(self.get_serializer(joint).data, status=201)
