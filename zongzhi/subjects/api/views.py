from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from zongzhi.utilities.api import ScopedViewSet
from zongzhi.utilities.scope import ADD, CHANGE

from .. import maplayers, services
from ..choices import RISK_HEX, AreaKind, Category, SubjectKind
from ..filtersets import AreaFilterSet, ClassStrategyFilterSet, SubjectFilterSet
from ..models import Area, ClassStrategy, Subject
from .serializers import AreaSerializer, ClassStrategySerializer, MapQuerySerializer, SubjectSerializer

# The most subjects one map request returns; zoom in (a smaller box) to see the rest.
MAP_LIMIT = 3000


class SubjectViewSet(ScopedViewSet):
    queryset = Subject.objects.select_related("region", "area").order_by("id")
    serializer_class = SubjectSerializer
    filterset_class = SubjectFilterSet

    def perform_create(self, serializer):
        self._check(serializer, ADD)
        serializer.instance = services.create_or_update_subject(serializer._candidate, by=self.request.user)

    def perform_update(self, serializer):
        self._check(serializer, CHANGE)
        serializer.instance = services.create_or_update_subject(serializer._candidate, by=self.request.user)


class AreaViewSet(ScopedViewSet):
    queryset = Area.objects.select_related("region").prefetch_related("officers").order_by("id")
    serializer_class = AreaSerializer
    filterset_class = AreaFilterSet

    def _save(self, serializer):
        serializer.instance = serializer._candidate
        services.save_area(serializer._candidate, officers=serializer.validated_data.get("officers"),
                           by=self.request.user)

    def perform_create(self, serializer):
        self._check(serializer, ADD)
        self._save(serializer)

    def perform_update(self, serializer):
        self._check(serializer, CHANGE)
        self._save(serializer)


class ClassStrategyViewSet(ScopedViewSet):
    queryset = ClassStrategy.objects.select_related("region").order_by("id")
    serializer_class = ClassStrategySerializer
    filterset_class = ClassStrategyFilterSet


class MapView(generics.GenericAPIView):
    """一图 as GeoJSON: the areas and the located subjects in the user's scope, optionally within ``bbox``,
    filtered like the subject list. At most ``MAP_LIMIT`` subjects (``truncated`` says when there were more).

    Two more layers, each a FeatureCollection of its own (capped at ``maplayers.LIMIT``, newest first):
    ``inspections`` (those of the last ``days`` days at their subject, in the inspection scope, the subject filters
    applied to their subject) and ``cases`` (the open cases in the case scope and township, at the clue's or a
    party's subject's location; ``cases.without_location`` counts the others). A fixed number of queries."""

    queryset = Subject.objects.all()
    filterset_class = SubjectFilterSet
    pagination_class = None

    @extend_schema(parameters=[MapQuerySerializer], responses={200: {"type": "object"}})
    def get(self, request):
        query = MapQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        box = query.validated_data.get("bbox")
        located = self.filter_queryset(Subject.objects.all()).filter(latitude__isnull=False, longitude__isnull=False)
        subjects = located.restrict(request.user)
        areas = Area.objects.restrict(request.user)
        region = request.query_params.get("region")
        region = int(region) if region and region.isdigit() else None
        if region is not None:
            areas = areas.filter(region_id=region)
        if box:
            west, south, east, north = box
            located = located.filter(latitude__range=(south, north), longitude__range=(west, east))
            subjects = subjects.filter(latitude__range=(south, north), longitude__range=(west, east))
            areas = areas.filter(min_lat__lte=north, max_lat__gte=south, min_lng__lte=east, max_lng__gte=west)
        rows = list(subjects.order_by("-risk_class", "pk").values(
            "pk", "name", "latitude", "longitude", "risk_class", "kind", "category", "address")[:MAP_LIMIT + 1])
        subject_url, area_url = reverse("subjects:subject_list"), reverse("subjects:area_list")
        kinds, categories, area_kinds = dict(SubjectKind.choices), dict(Category.choices), dict(AreaKind.choices)
        features = [{
            "type": "Feature", "id": f"area-{a['pk']}", "geometry": a["boundary"],
            "properties": {"layer": "area", "name": a["name"], "kind": str(area_kinds[a["kind"]]),
                           "grid": a["kind"] == AreaKind.GRID, "key_area": a["key_area"],
                           "url": f"{area_url}{a['pk']}/"},
        } for a in areas.order_by("kind", "name").values("pk", "name", "kind", "key_area", "boundary")]
        features += [{
            "type": "Feature", "id": f"subject-{s['pk']}",
            "geometry": {"type": "Point", "coordinates": [s["longitude"], s["latitude"]]},
            "properties": {"layer": "subject", "name": s["name"], "risk_class": s["risk_class"],
                           "color": RISK_HEX[s["risk_class"]], "kind": str(kinds[s["kind"]]),
                           "category": str(categories[s["category"]]), "address": s["address"],
                           "url": f"{subject_url}{s['pk']}/"},
        } for s in rows[:MAP_LIMIT]]
        return Response({
            "type": "FeatureCollection", "features": features, "truncated": len(rows) > MAP_LIMIT, "limit": MAP_LIMIT,
            "inspections": maplayers.inspection_layer(request.user, located, days=query.validated_data["days"]),
            "cases": maplayers.case_layer(request.user, region=region, box=box),
        })
