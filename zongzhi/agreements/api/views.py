import json

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from zongzhi.catalog.models import Matter
from zongzhi.utilities.api import ScopedViewSet
from zongzhi.utilities.documents import FORMATS
from zongzhi.utilities.drf import ScopedPermission
from zongzhi.utilities.scope import CHANGE, can

from .. import services
from ..choices import AgreementStatus
from ..filtersets import DelegationAgreementFilterSet
from ..models import DelegationAgreement
from ..views import document_response
from .serializers import DelegationAgreementSerializer, PublishSerializer, SignSerializer, TerminateSerializer


class MayChange(ScopedPermission):
    """A transition (a POST) changes the agreement: the role must allow changing agreements."""

    def has_permission(self, request, view):
        return request.user.is_authenticated and can(request.user, DelegationAgreement, CHANGE)


class FileRenderer(BaseRenderer):
    """Lets a client ask for the file by its media type; documents are returned as they are, errors as JSON."""

    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data, ensure_ascii=False).encode()


class DocxRenderer(FileRenderer):
    media_type, format = FORMATS["docx"][1], "docx"


class PdfRenderer(FileRenderer):
    media_type, format = FORMATS["pdf"][1], "pdf"


def transition(service, serializer_class):
    def handler(self, request, pk=None):
        agreement = self.get_object()
        params = serializer_class(data=request.data)
        params.is_valid(raise_exception=True)
        updated = service(agreement, **params.validated_data, by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=updated.pk)).data)

    handler.__name__ = service.__name__
    handler = action(detail=True, methods=["post"], permission_classes=[MayChange])(handler)
    return extend_schema(request=serializer_class, responses=DelegationAgreementSerializer)(handler)


def download(fmt, renderer):
    def handler(self, request, pk=None):
        return document_response(self.get_object(), fmt)

    handler.__name__ = fmt
    handler = action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, renderer])(handler)
    return extend_schema(responses={(200, renderer.media_type): OpenApiTypes.BINARY})(handler)


class DelegationAgreementViewSet(ScopedViewSet):
    queryset = (DelegationAgreement.objects.select_related("territory")
                .prefetch_related(Prefetch("matters", Matter.objects.only("id")), "basis_articles").order_by("id"))
    serializer_class = DelegationAgreementSerializer
    filterset_class = DelegationAgreementFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "sign": CHANGE, "publish": CHANGE, "terminate": CHANGE}

    sign = transition(services.sign, SignSerializer)
    publish = transition(services.publish, PublishSerializer)
    terminate = transition(services.terminate, TerminateSerializer)
    docx = download("docx", DocxRenderer)
    pdf = download("pdf", PdfRenderer)

    def perform_destroy(self, instance):
        if instance.status != AgreementStatus.DRAFT:
            raise ValidationError(_("Only a draft can be deleted: a signed agreement is terminated instead."))
        super().perform_destroy(instance)
