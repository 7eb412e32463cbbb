"""The API of evidence, preservations, seizures and the seized items ledger: the same scope, services and guards
as the pages. Records change only through the actions (never by PUT/PATCH/DELETE)."""

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from zongzhi.utilities.api import ScopedViewSet
from zongzhi.utilities.drf import ScopedPermission
from zongzhi.utilities.scope import CHANGE, VIEW, can

from .. import services
from ..filtersets import EvidenceFilterSet, PreservationFilterSet, SeizedItemFilterSet, SeizureFilterSet
from ..models import Evidence, EvidenceFile, Preservation, SeizedItem, Seizure
from . import serializers as s


class StepPermission(ScopedPermission):
    """A step (approve, decide, extend …) changes a record: it needs the change permission, not that of a POST."""

    def has_permission(self, request, view):
        steps = getattr(view, "steps", ())
        if view.action in steps:
            model = view.queryset.model
            return request.user.is_authenticated and can(request.user, model, CHANGE)
        return super().has_permission(request, view)


class StepViewSet(ScopedViewSet):
    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [StepPermission]
    steps = ()
    create_serializer = None

    @property
    def action_map_scope(self):
        return {**ScopedViewSet.action_map_scope, **{name: CHANGE for name in self.steps}}

    def valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def answer(self, obj, code=status.HTTP_200_OK):
        obj = self.get_queryset().model.objects.filter(pk=obj.pk).first() or obj
        return Response(self.get_serializer_class()(obj, context=self.get_serializer_context()).data, status=code)

    def create(self, request, *args, **kwargs):
        data = self.valid(self.create_serializer)
        return self.answer(self.perform_step(data), status.HTTP_201_CREATED)


class EvidenceViewSet(StepViewSet):
    """Evidence of the cases in scope. ``POST`` (multipart) adds an item with its ``files``; ``files`` adds files;
    ``remove`` deletes an item entered by mistake, with a reason, before the decision."""

    queryset = (Evidence.objects.select_related("case", "collected_by").prefetch_related("files")
                .order_by("-id"))
    serializer_class = s.EvidenceSerializer
    filterset_class = EvidenceFilterSet
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    create_serializer = s.EvidenceCreateSerializer
    steps = ("files", "remove")

    @extend_schema(request=s.EvidenceCreateSerializer, responses=s.EvidenceSerializer)
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_step(self, data):
        data["files"] = self.request.FILES.getlist("files") or data.get("files") or []
        case = data.pop("case")
        return services.add_evidence(case, by=self.request.user, **data)

    @extend_schema(request=s.EvidenceFilesSerializer, responses=s.EvidenceSerializer)
    @action(detail=True, methods=["post"])
    def files(self, request, pk=None):
        evidence = self.get_object()
        self.valid(s.EvidenceFilesSerializer)
        services.add_files(evidence, by=request.user, files=request.FILES.getlist("files"))
        return self.answer(evidence)

    @extend_schema(request=s.EvidenceRemovalSerializer, responses=None)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        evidence = self.get_object()
        data = self.valid(s.EvidenceRemovalSerializer)
        services.delete_evidence(evidence, by=request.user, reason=data["reason"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class EvidenceFileViewSet(ScopedViewSet):
    """Stored evidence files; ``download`` hands one out only when its SHA-256 still matches (else 409)."""

    queryset = EvidenceFile.objects.select_related("evidence").order_by("-id")
    serializer_class = s.EvidenceFileSerializer
    http_method_names = ["get", "head", "options"]
    action_map_scope = {**ScopedViewSet.action_map_scope, "download": VIEW}

    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        stored = self.get_object()
        if not services.verify_file(stored):
            return Response({"detail": _("The stored file no longer matches the SHA-256 recorded at upload: it was "
                                         "changed, damaged or removed, and is not handed out."),
                             "sha256": stored.sha256}, status=status.HTTP_409_CONFLICT)
        response = FileResponse(stored.file.storage.open(stored.file.name, "rb"), content_type=stored.content_type,
                                as_attachment=True, filename=stored.original_name)
        response["X-Content-SHA256"] = stored.sha256
        return response


class PreservationViewSet(StepViewSet):
    queryset = Preservation.objects.select_related("case").prefetch_related("items").order_by("-id")
    serializer_class = s.PreservationSerializer
    filterset_class = PreservationFilterSet
    create_serializer = s.PreservationCreateSerializer
    steps = ("approve", "decide")

    @extend_schema(request=s.PreservationCreateSerializer, responses=s.PreservationSerializer)
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_step(self, data):
        case = data.pop("case")
        data["items"] = [dict(i) for i in data["items"]]
        return services.register_preservation(case, by=self.request.user, **data)

    @extend_schema(request=s.MeasureApprovalSerializer, responses=s.PreservationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self.answer(services.approve_preservation(self.get_object(), by=request.user,
                                                         **self.valid(s.MeasureApprovalSerializer)))

    @extend_schema(request=s.PreservationDecisionSerializer, responses=s.PreservationSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        return self.answer(services.decide_preservation(self.get_object(), by=request.user,
                                                        **self.valid(s.PreservationDecisionSerializer)))


class SeizureViewSet(StepViewSet):
    queryset = Seizure.objects.select_related("case__region").prefetch_related("items__case__region").order_by("-id")
    serializer_class = s.SeizureSerializer
    filterset_class = SeizureFilterSet
    create_serializer = s.SeizureCreateSerializer
    steps = ("approve", "extend", "testing")

    @extend_schema(request=s.SeizureCreateSerializer, responses=s.SeizureSerializer)
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_step(self, data):
        case = data.pop("case")
        data["items"] = [dict(i) for i in data["items"]]
        return services.register_seizure(case, by=self.request.user, **data)

    @extend_schema(request=s.MeasureApprovalSerializer, responses=s.SeizureSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self.answer(services.approve_seizure(self.get_object(), by=request.user,
                                                    **self.valid(s.MeasureApprovalSerializer)))

    @extend_schema(request=s.SeizureExtensionSerializer, responses=s.SeizureSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        return self.answer(services.extend_seizure(self.get_object(), by=request.user,
                                                   **self.valid(s.SeizureExtensionSerializer)))

    @extend_schema(request=s.SeizureTestingSerializer, responses=s.SeizureSerializer)
    @action(detail=True, methods=["post"])
    def testing(self, request, pk=None):
        return self.answer(services.add_testing_period(self.get_object(), by=request.user,
                                                       **self.valid(s.SeizureTestingSerializer)))


class SeizedItemViewSet(StepViewSet):
    """The seized and confiscated items ledger; ``status`` records a release, confiscation, auction, destruction
    or transfer; ``custody`` a change of custody place or custodian."""

    queryset = SeizedItem.objects.select_related("case__region").order_by("-seized_on", "-id")
    serializer_class = s.SeizedItemSerializer
    filterset_class = SeizedItemFilterSet
    http_method_names = ["get", "head", "options", "post"]
    steps = ("change_status", "custody")

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.prefetch_related("events") if self.action == "retrieve" else queryset

    def get_serializer_class(self):
        return s.SeizedItemDetailSerializer if self.action in ("retrieve", *self.steps) else s.SeizedItemSerializer

    def create(self, request, *args, **kwargs):
        return Response({"detail": _("Items enter the ledger when a seizure is approved.")},
                        status=status.HTTP_405_METHOD_NOT_ALLOWED)

    @extend_schema(request=s.ItemStatusSerializer, responses=s.SeizedItemDetailSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        return self.answer(services.change_item_status(self.get_object(), by=request.user,
                                                       **self.valid(s.ItemStatusSerializer)))

    @extend_schema(request=s.ItemCustodySerializer, responses=s.SeizedItemDetailSerializer)
    @action(detail=True, methods=["post"])
    def custody(self, request, pk=None):
        return self.answer(services.move_item(self.get_object(), by=request.user, **self.valid(s.ItemCustodySerializer)))
