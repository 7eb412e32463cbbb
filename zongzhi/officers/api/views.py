from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from zongzhi.utilities.api import ScopedViewSet
from zongzhi.utilities.scope import CHANGE, VIEW

from .. import services
from ..filtersets import CertificateFilterSet, OfficerFilterSet
from ..models import Certificate, Officer
from .serializers import (
    BulkRevokeSerializer,
    CertificateSerializer,
    OfficerSerializer,
    ReissueSerializer,
    RevokeSerializer,
)


class OfficerViewSet(ScopedViewSet):
    queryset = Officer.objects.select_related("agency__region").order_by("id")
    serializer_class = OfficerSerializer
    filterset_class = OfficerFilterSet


class CertificateViewSet(ScopedViewSet):
    """Certificates; ``revoke``, ``reissue`` and the monthly clean-up (``cleanup``, ``bulk_revoke``) go through
    the same services as the web pages."""

    queryset = Certificate.objects.select_related("officer", "replaced_by").prefetch_related("domains").order_by("id")
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "revoke": CHANGE, "reissue": CHANGE, "cleanup": VIEW,
                        "bulk_revoke": CHANGE}

    @extend_schema(request=RevokeSerializer, responses=CertificateSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        data = self._valid(RevokeSerializer)
        cert = services.revoke_certificate(self.get_object(), reason=data["reason"], by=request.user)
        return Response(self.get_serializer(cert).data)

    @extend_schema(request=ReissueSerializer, responses={201: CertificateSerializer})
    @action(detail=True, methods=["post"])
    def reissue(self, request, pk=None):
        data = self._valid(ReissueSerializer)
        new = services.reissue_certificate(self.get_object(), by=request.user, **data)
        return Response(self.get_serializer(new).data, status=status.HTTP_201_CREATED)

    @action(detail=False, methods=["get"])
    def cleanup(self, request):
        """Active certificates of officers who retired, transferred or left."""
        queryset = self.filter_queryset(services.cleanup_candidates(self.get_queryset()))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=BulkRevokeSerializer, responses={200: {"type": "object",
                                                                   "properties": {"revoked": {"type": "integer"}}}})
    @action(detail=False, methods=["post"], url_path="cleanup/revoke")
    def bulk_revoke(self, request):
        """Revoke the clean-up candidates ``ids``; all or nothing."""
        data = self._valid(BulkRevokeSerializer)
        ids = set(data["ids"])
        chosen = list(services.cleanup_candidates(self.get_queryset()).filter(pk__in=ids))
        missing = sorted(ids - {c.pk for c in chosen})
        if missing:
            raise serializers.ValidationError({"ids": [
                _("Not clean-up candidates you may revoke: %(ids)s.") % {"ids": ", ".join(map(str, missing))}]})
        return Response({"revoked": services.bulk_revoke(chosen, reason=data["reason"], by=request.user)})

    def _valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
