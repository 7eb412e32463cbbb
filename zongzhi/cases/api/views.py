from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from zongzhi.utilities.api import ReadOnlyScopedViewSet, ScopedViewSet
from zongzhi.utilities.drf import ScopedPermission
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, can, restrict

from .. import actions, services
from ..choices import RUNNING_STATUSES, DeadlineState
from ..filtersets import CaseDeadlineFilterSet, CaseFilterSet, ClueFilterSet
from ..models import Case, CaseDeadline, Clue, Party
from .serializers import (
    ApproveFilingSerializer,
    CaseDeadlineListSerializer,
    CaseDetailSerializer,
    CaseSerializer,
    ClueDetailSerializer,
    ClueSerializer,
    DecideSerializer,
    DuplicateSerializer,
    EmptySerializer,
    ExtendSerializer,
    NoteSerializer,
    NoticeSerializer,
    NotifyHearingSerializer,
    OfficersSerializer,
    OnTheSpotSerializer,
    ReasonSerializer,
    RecordHearingSerializer,
    ReportSerializer,
    RequestHearingSerializer,
    StatementSerializer,
    TriageSerializer,
)

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


# --- cases (案件) -------------------------------------------------------------------------------------------

def _step(code, serializer_class, url_path):
    """An ``@action`` endpoint for step ``code``: validates with ``serializer_class`` and calls
    ``actions.perform`` (the same service and guards as the page). A refusal is a 400 with the article."""

    def view(self, request, pk=None):
        case = self.get_object()  # outside the scope: 404 before anything else
        data = self._valid(serializer_class)
        case = actions.perform(code, case, by=request.user, data=data)
        return Response(CaseDetailSerializer(self._detail(case.pk), context=self.get_serializer_context()).data)

    view.__name__ = code
    view.__doc__ = f"Step “{code}” of the case (see docs/cases.md)."
    view = action(detail=True, methods=["post"], url_path=url_path)(view)
    return extend_schema(request=serializer_class, responses=CaseDetailSerializer)(view)


STEP_SERIALIZERS = {
    "approve_filing": (ApproveFilingSerializer, "approve-filing"),
    "report": (ReportSerializer, "report"),
    "notice": (NoticeSerializer, "notice"),
    "statement": (StatementSerializer, "statement"),
    "request_hearing": (RequestHearingSerializer, "request-hearing"),
    "notify_hearing": (NotifyHearingSerializer, "notify-hearing"),
    "record_hearing": (RecordHearingSerializer, "record-hearing"),
    "end_statement": (EmptySerializer, "end-statement"),
    "decide": (DecideSerializer, "decide"),
    "close": (NoteSerializer, "close"),
    "archive": (EmptySerializer, "archive"),
    "suspend": (ReasonSerializer, "suspend"),
    "resume": (NoteSerializer, "resume"),
    "extend": (ExtendSerializer, "extend"),
    "officers": (OfficersSerializer, "officers"),
}


class CaseViewSet(ScopedViewSet):
    """Cases. ``POST`` files a case (``services.file_case``: parties nested, two certified officers, the matter
    exercisable by the agency); ``on-the-spot`` decides under the summary procedure; every later change is a step
    endpoint with the guards of the page. A case outside the user's scope is a 404."""

    queryset = (Case.objects.select_related("agency", "region", "matter")
                .prefetch_related("parties", "officers").order_by("-requested_on", "-id"))
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    http_method_names = ["get", "post", "head", "options"]
    action_map_scope = {**ScopedViewSet.action_map_scope, "on_the_spot": ADD,
                        **{code: CHANGE for code in STEP_SERIALIZERS}}

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("stages__stage", "deadlines", "events")
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return CaseDetailSerializer
        if self.action == "on_the_spot":
            return OnTheSpotSerializer
        return CaseSerializer

    def _detail(self, pk):
        return (Case.objects.select_related("agency", "region", "matter")
                .prefetch_related("parties", "officers", "stages__stage", "deadlines", "events").get(pk=pk))

    def _candidate(self, data):
        data = dict(data)
        parties = [Party(**p) for p in data.pop("parties")]
        officers = list(data.pop("officers"))
        return Case(**data), parties, officers

    @extend_schema(request=CaseSerializer, responses={201: CaseDetailSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self._check(serializer, ADD)
        case, parties, officers = self._candidate(serializer.validated_data)
        case = services.file_case(case, parties=parties, officers=officers, by=request.user)
        return Response(CaseDetailSerializer(self._detail(case.pk), context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=OnTheSpotSerializer, responses={201: CaseDetailSerializer})
    @action(detail=False, methods=["post"], url_path="on-the-spot")
    def on_the_spot(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self._check(serializer, ADD)
        data = dict(serializer.validated_data)
        fine, types, text = data.pop("fine_amount", 0), data.pop("penalty_types"), data.pop("decision_text", "")
        case, parties, officers = self._candidate(data)
        case = services.decide_on_the_spot(case, parties=parties, officers=officers, by=request.user,
                                           fine_amount=fine, penalty_types=types, decision_text=text)
        return Response(CaseDetailSerializer(self._detail(case.pk), context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    def _valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


for _code, (_serializer, _path) in STEP_SERIALIZERS.items():
    setattr(CaseViewSet, _code, _step(_code, _serializer, _path))


class CaseDeadlineViewSet(ReadOnlyScopedViewSet):
    """Deadlines due: open time limits of running cases in the user's scope, overdue (``?overdue=1``) or due
    within ``days`` (default 5)."""

    queryset = (CaseDeadline.objects.filter(state=DeadlineState.OPEN, case__status__in=RUNNING_STATUSES)
                .select_related("case__region").order_by("due_on", "id"))
    serializer_class = CaseDeadlineListSerializer
    filterset_class = CaseDeadlineFilterSet

    def get_queryset(self):
        return restrict(self.queryset.all(), self.request.user, VIEW)
