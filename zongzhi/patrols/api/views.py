from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from zongzhi.utilities.api import ScopedViewSet
from zongzhi.utilities.drf import ScopedPermission
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, can

from .. import services
from ..filtersets import CampaignFilterSet, NonSiteTaskFilterSet, PatrolFilterSet, PatrolFindingFilterSet
from ..models import Campaign, NonSiteTask, Patrol, PatrolFinding
from .serializers import (
    CampaignSerializer,
    NonSiteTaskDetailSerializer,
    NonSiteTaskSerializer,
    OpenClueSerializer,
    PatrolFindingSerializer,
    PatrolSerializer,
    ReviewSerializer,
)


class _ActionPermission(ScopedPermission):
    """State changes posted to a record need the change permission, not the add permission of a POST."""

    def has_permission(self, request, view):
        if view.action in getattr(view, "state_changes", ()):
            model = view.queryset.model
            return request.user.is_authenticated and can(request.user, model, CHANGE)
        return super().has_permission(request, view)


def _valid(view, serializer_class):
    serializer = serializer_class(data=view.request.data, context=view.get_serializer_context())
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class NonSiteTaskViewSet(ScopedViewSet):
    """Non-site tasks (非现场检查). ``POST`` sends a task and answers with its public ``link`` (once); ``review``
    accepts, asks again (a new ``link``) or opens a clue. Tasks are never edited or deleted."""

    queryset = NonSiteTask.objects.select_related("subject").order_by("-sent_at", "-id")
    serializer_class = NonSiteTaskSerializer
    filterset_class = NonSiteTaskFilterSet
    permission_classes = [_ActionPermission]
    http_method_names = ["get", "post", "head", "options"]
    state_changes = ("review",)
    action_map_scope = {**ScopedViewSet.action_map_scope, "review": CHANGE, "counts": VIEW}

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.prefetch_related("attachments", "events") if self.action == "retrieve" else queryset

    def get_serializer_class(self):
        return NonSiteTaskDetailSerializer if self.action == "retrieve" else NonSiteTaskSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self._check(serializer, ADD)
        task, token = services.send_task(NonSiteTask(**serializer.validated_data), by=request.user)
        data = NonSiteTaskSerializer(task, context={**self.get_serializer_context(), "token": token}).data
        return Response(data, status=201)

    @extend_schema(request=ReviewSerializer, responses=NonSiteTaskSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        data = _valid(self, ReviewSerializer)
        task, token = services.review_task(self.get_object(), by=request.user, **data)
        return Response(NonSiteTaskSerializer(task, context={**self.get_serializer_context(), "token": token}).data)

    @extend_schema(responses={200: {"type": "object"}})
    @action(detail=False, methods=["get"])
    def counts(self, request):
        """Non-site inspections counted apart: per kind and status, filtered like the list."""
        return Response(services.nonsite_counts(self.filter_queryset(self.get_queryset())))


class PatrolViewSet(ScopedViewSet):
    queryset = Patrol.objects.select_related("agency").prefetch_related("officers", "findings").order_by(
        "-started_at", "-id")
    serializer_class = PatrolSerializer
    filterset_class = PatrolFilterSet

    def _save(self, serializer):
        officers = serializer.validated_data.get("officers")
        serializer.instance = services.save_patrol(serializer._candidate, officers=officers, by=self.request.user)

    def perform_create(self, serializer):
        self._check(serializer, ADD)
        self._save(serializer)

    def perform_update(self, serializer):
        self._check(serializer, CHANGE)
        self._save(serializer)


class PatrolFindingViewSet(ScopedViewSet):
    """Findings of patrols; ``open-clue`` registers a clue (source: patrol) in one step."""

    queryset = PatrolFinding.objects.select_related("patrol").order_by("-found_at", "-id")
    serializer_class = PatrolFindingSerializer
    filterset_class = PatrolFindingFilterSet
    permission_classes = [_ActionPermission]
    state_changes = ("open_clue",)
    action_map_scope = {**ScopedViewSet.action_map_scope, "open_clue": CHANGE}

    def perform_create(self, serializer):
        self._check(serializer, ADD)
        serializer.instance = services.add_finding(serializer._candidate, by=self.request.user)

    @extend_schema(request=OpenClueSerializer, responses=PatrolFindingSerializer)
    @action(detail=True, methods=["post"], url_path="open-clue")
    def open_clue(self, request, pk=None):
        from rest_framework.exceptions import PermissionDenied

        from zongzhi.cases.models import Clue

        if not can(request.user, Clue, ADD):
            raise PermissionDenied()
        data = _valid(self, OpenClueSerializer)
        finding = self.get_object()
        services.open_clue(finding, by=request.user, category=data.get("category"))
        finding.refresh_from_db()
        return Response(PatrolFindingSerializer(finding, context=self.get_serializer_context()).data)


class CampaignViewSet(ScopedViewSet):
    queryset = Campaign.objects.select_related("region").prefetch_related("matters").order_by("-starts_on", "-id")
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "figures": VIEW}

    @extend_schema(responses={200: {"type": "object"}})
    @action(detail=True, methods=["get"])
    def figures(self, request, pk=None):
        """The campaign's figures beside those of the same period a year earlier, with the change in per cent."""
        comparison = services.campaign_comparison(self.get_object(), request.user)
        return Response({
            "period": comparison["period"], "last_period": comparison["last_period"],
            "rows": [{"key": key, "this_year": now, "last_year": before, "change_percent": change}
                     for key, now, before, change in comparison["rows"]],
        })
