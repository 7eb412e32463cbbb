from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from zongzhi.utilities.api import ScopedViewSet
from zongzhi.utilities.scope import CHANGE

from .. import services
from ..choices import TransferKind
from ..filtersets import CollectiveDiscussionFilterSet, LegalReviewFilterSet, TransferFilterSet
from ..models import CollectiveDiscussion, LegalReview, Transfer
from .serializers import (
    CollectiveDiscussionSerializer,
    LegalReviewSerializer,
    ReviewOpinionSerializer,
    TransferAnswerSerializer,
    TransferDecisionSerializer,
    TransferSerializer,
)


class _Base(ScopedViewSet):
    http_method_names = ["get", "post", "head", "options"]

    def _valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _out(self, obj):
        return Response(self.get_serializer_class()(obj, context=self.get_serializer_context()).data)


class LegalReviewViewSet(_Base):
    """Legal reviews: the queue (``status`` defaults to pending; ``status=all``), ``POST`` with a ``case`` opens
    the review of a case at the legal review stage, ``opinion`` records the reviewer's opinion."""

    queryset = LegalReview.objects.select_related("case").order_by("status", "due_on", "id")
    serializer_class = LegalReviewSerializer
    filterset_class = LegalReviewFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "opinion": CHANGE}

    def list(self, request, *args, **kwargs):
        services.request_missing_reviews(request.user)
        return super().list(request, *args, **kwargs)

    def filter_queryset(self, queryset):
        # The queue's filters (pending by default) are for the list; a single review is found whatever its status.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def perform_create(self, serializer):
        case = serializer.validated_data["case"]
        serializer.instance = services.request_review(case, by=self.request.user)

    @extend_schema(request=ReviewOpinionSerializer, responses=LegalReviewSerializer)
    @action(detail=True, methods=["post"])
    def opinion(self, request, pk=None):
        data = self._valid(ReviewOpinionSerializer)
        review = services.give_opinion(self.get_object(), by=request.user, **data)
        return self._out(review)


class CollectiveDiscussionViewSet(_Base):
    """Collective discussions; ``POST`` records one (the head of the agency, the case at the discussion stage)."""

    queryset = CollectiveDiscussion.objects.select_related("case").order_by("-held_on", "-id")
    serializer_class = CollectiveDiscussionSerializer
    filterset_class = CollectiveDiscussionFilterSet

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.record_discussion(
            d["case"], by=self.request.user, held_on=d.get("held_on"), chair=d.get("chair", ""),
            attendees=d.get("attendees", []), conclusion=d.get("conclusion", ""), minutes=d.get("minutes", ""),
            place=d.get("place", ""))


class TransferViewSet(_Base):
    """Transfers out, seen by the sending and the receiving side. ``POST``: ``kind=competent`` transfers to
    ``to_agency`` at once; ``kind=criminal`` reports a suspected crime to the head (``receiver_name`` the police,
    ``copy_to`` the procuratorate). Then ``decide`` (the head), ``send``, ``answer`` (the receiving side)."""

    queryset = Transfer.objects.select_related("case", "to_agency__region").order_by("-created", "-id")
    serializer_class = TransferSerializer
    filterset_class = TransferFilterSet
    action_map_scope = {**ScopedViewSet.action_map_scope, "decide": CHANGE, "send": CHANGE, "answer": CHANGE}

    def perform_create(self, serializer):
        d = serializer.validated_data
        case, by = d["case"], self.request.user
        if d.get("kind") == TransferKind.CRIMINAL:
            serializer.instance = services.report_crime(
                case, by=by, grounds=d.get("grounds", ""), police=d.get("receiver_name", ""),
                procuratorate=d.get("copy_to", ""), to_agency=d.get("to_agency"), materials=d.get("materials", ""),
                reported_on=d.get("reported_on"))
        elif d.get("kind") == TransferKind.COMPETENT:
            serializer.instance = services.transfer_to_agency(case, by=by, to_agency=d.get("to_agency"),
                                                              grounds=d.get("grounds", ""),
                                                              materials=d.get("materials", ""))
        else:
            raise drf_serializers.ValidationError({"kind": [_("Choose the kind of transfer.")]})

    @extend_schema(request=TransferDecisionSerializer, responses=TransferSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = self._valid(TransferDecisionSerializer)
        return self._out(services.decide_criminal_transfer(self.get_object(), by=request.user, **data))

    @extend_schema(request=None, responses=TransferSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        return self._out(services.send_transfer(self.get_object(), by=request.user))

    @extend_schema(request=TransferAnswerSerializer, responses=TransferSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        data = self._valid(TransferAnswerSerializer)
        return self._out(services.answer_transfer(self.get_object(), by=request.user, **data))
