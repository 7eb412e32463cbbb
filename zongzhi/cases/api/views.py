from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from zongzhi.utilities.api import ScopedViewSet
from zongzhi.utilities.drf import ScopedPermission
from zongzhi.utilities.scope import ADD, CHANGE, can

from .. import services
from ..filtersets import ClueFilterSet
from ..models import Clue
from .serializers import ClueDetailSerializer, ClueSerializer, DuplicateSerializer, TriageSerializer

STATE_CHANGES = ("triage", "mark_duplicate")


class CluePermission(ScopedPermission):
    """Triage and merging change a clue: they need the change permission, not the add permission of a POST."""

    def has_permission(self, request, view):
        if view.action in STATE_CHANGES:
            return request.user.is_authenticated and can(request.user, Clue, CHANGE)
        return super().has_permission(request, view)


class ClueViewSet(ScopedViewSet):
    """Clues (the 一事一记 ledger). Registration, ``triage`` and ``mark-duplicate`` go through the same services as
    the web pages; a clue is never edited or deleted through the API."""

    queryset = Clue.objects.select_related("agency__region").order_by("-received_at", "-id")
    serializer_class = ClueSerializer
    filterset_class = ClueFilterSet
    permission_classes = [CluePermission]
    http_method_names = ["get", "post", "head", "options"]
    action_map_scope = {**ScopedViewSet.action_map_scope, "triage": CHANGE, "mark_duplicate": CHANGE}

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.prefetch_related("events") if self.action == "retrieve" else queryset

    def get_serializer_class(self):
        return ClueDetailSerializer if self.action == "retrieve" else ClueSerializer

    def perform_create(self, serializer):
        self._check(serializer, ADD)
        serializer.instance = services.register_clue(Clue(**serializer.validated_data), by=self.request.user)

    @extend_schema(request=TriageSerializer, responses=ClueSerializer)
    @action(detail=True, methods=["post"])
    def triage(self, request, pk=None):
        data = self._valid(TriageSerializer)
        clue = services.triage(self.get_object(), by=request.user, **data)
        return Response(ClueSerializer(clue, context=self.get_serializer_context()).data)

    @extend_schema(request=DuplicateSerializer, responses=ClueSerializer)
    @action(detail=True, methods=["post"], url_path="mark-duplicate")
    def mark_duplicate(self, request, pk=None):
        data = self._valid(DuplicateSerializer)
        clue = services.mark_duplicate(self.get_object(), data["of"], by=request.user)
        return Response(ClueSerializer(clue, context=self.get_serializer_context()).data)

    def _valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
