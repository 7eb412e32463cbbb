from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ..models import ApiToken
from ..services import issue_token, revoke_token
from .serializers import MeSerializer, TokenSerializer


class MeViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def list(self, request):
        return Response(MeSerializer(request.user).data)


class TokenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                   viewsets.GenericViewSet):
    """A user's own tokens: create (the key is returned once) and revoke."""

    serializer_class = TokenSerializer
    permission_classes = [permissions.IsAuthenticated]
    queryset = ApiToken.objects.none()

    def get_queryset(self):
        return ApiToken.objects.filter(user=self.request.user).order_by("-created")

    def perform_create(self, serializer):
        token, key = issue_token(self.request.user, name=serializer.validated_data["name"],
                                 expires=serializer.validated_data.get("expires"))
        serializer.instance = token
        token.key = key

    @extend_schema(request=None, responses=TokenSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        token = revoke_token(self.get_object())
        return Response(TokenSerializer(token).data)
