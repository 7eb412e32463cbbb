import json

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from zongzhi.utilities.api import ReadOnlyScopedViewSet, ScopedViewSet
from zongzhi.utilities.documents import FORMATS
from zongzhi.utilities.drf import ScopedPermission
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, can, in_scope

from .. import services
from ..case_integration import issue_for_case
from ..filtersets import DocumentTemplateFilterSet, GeneratedDocumentFilterSet, PublicationFilterSet
from ..models import DocumentTemplate, GeneratedDocument, Publication
from ..views import file_response
from .serializers import (
    DocumentTemplateSerializer,
    GeneratedDocumentSerializer,
    IssueSerializer,
    PublicationSerializer,
    PublishSerializer,
    VoidSerializer,
    WithdrawSerializer,
)


class FileRenderer(BaseRenderer):
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data, ensure_ascii=False).encode()


class DocxRenderer(FileRenderer):
    media_type, format = FORMATS["docx"][1], "docx"


class PdfRenderer(FileRenderer):
    media_type, format = FORMATS["pdf"][1], "pdf"


class DocumentTemplateViewSet(ScopedViewSet):
    queryset = DocumentTemplate.objects.select_related("region").order_by("kind", "id")
    serializer_class = DocumentTemplateSerializer
    filterset_class = DocumentTemplateFilterSet


def download(fmt, renderer):
    def handler(self, request, pk=None):
        doc = self.get_object()
        with (doc.pdf if fmt == "pdf" else doc.docx).open("rb") as f:
            return file_response(f.read(), fmt, doc.filename(fmt))

    handler.__name__ = fmt
    handler = action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, renderer])(handler)
    return extend_schema(responses={(200, renderer.media_type): OpenApiTypes.BINARY})(handler)


class GeneratedDocumentViewSet(ReadOnlyScopedViewSet):
    """Issued documents. ``issue`` numbers and renders a kind for a case; ``void`` withdraws a wrong one."""

    http_method_names = ["get", "head", "options", "post"]
    queryset = GeneratedDocument.objects.select_related("agency").order_by("-issued_at", "-id")
    serializer_class = GeneratedDocumentSerializer
    filterset_class = GeneratedDocumentFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "issue": ADD, "void": CHANGE, "pdf": VIEW, "docx": VIEW}

    @extend_schema(request=IssueSerializer, responses={201: GeneratedDocumentSerializer})
    @action(detail=False, methods=["post"])
    def issue(self, request):
        params = IssueSerializer(data=request.data, context={"request": request})
        params.is_valid(raise_exception=True)
        doc = issue_for_case(params.validated_data["case"], params.validated_data["kind"], by=request.user,
                             **params.validated_data["context"])
        return Response(self.get_serializer(doc).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=VoidSerializer, responses=GeneratedDocumentSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        doc = self.get_object()
        params = VoidSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        return Response(self.get_serializer(services.void_document(doc, by=request.user, **params.validated_data)).data)

    pdf = download("pdf", PdfRenderer)
    docx = download("docx", DocxRenderer)


class MayPublish(ScopedPermission):
    """Publishing and withdrawing use the permission of the decision document (users/roles.py)."""

    def has_permission(self, request, view):
        return request.user.is_authenticated and can(request.user, GeneratedDocument, CHANGE)


class PublicationViewSet(ReadOnlyScopedViewSet):
    """Publications of penalty decisions. ``publish`` a case's decision; ``withdraw`` one (Art. 48)."""

    http_method_names = ["get", "head", "options", "post"]
    queryset = Publication.objects.select_related("document").order_by("-published_at", "-id")
    serializer_class = PublicationSerializer
    filterset_class = PublicationFilterSet

    @extend_schema(request=PublishSerializer, responses={201: PublicationSerializer})
    @action(detail=False, methods=["post"], permission_classes=[MayPublish])
    def publish(self, request):
        params = PublishSerializer(data=request.data, context={"request": request})
        params.is_valid(raise_exception=True)
        publication = services.publish(params.validated_data["case"], by=request.user)
        return Response(self.get_serializer(publication).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=WithdrawSerializer, responses=PublicationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[MayPublish])
    def withdraw(self, request, pk=None):
        publication = get_object_or_404(Publication.objects.restrict(request.user, VIEW)
                                        .select_related("document__agency"), pk=pk)
        if not in_scope(request.user, publication.document, CHANGE):
            raise exceptions.PermissionDenied()
        params = WithdrawSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        return Response(self.get_serializer(services.withdraw(publication, by=request.user,
                                                              **params.validated_data)).data)
