from django.db.models import Count, Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response

from zongzhi.utilities.api import ReadOnlyScopedViewSet

from ..citation import CitationError, parse_citation, resolve_citation
from ..filtersets import ArticleFilterSet, LawFilterSet, LawVersionFilterSet
from ..models import Article, Law, LawVersion
from ..search import SearchError, search
from .serializers import (
    ArticleSerializer,
    CitationSerializer,
    LawSerializer,
    LawVersionSerializer,
    SearchHitSerializer,
    SearchQuerySerializer,
)


class LawViewSet(ReadOnlyScopedViewSet):
    queryset = Law.objects.select_related("region").prefetch_related(
        Prefetch("versions", queryset=LawVersion.objects.only("id", "law_id", "effective"))).order_by("id")
    serializer_class = LawSerializer
    filterset_class = LawFilterSet

    @extend_schema(parameters=[SearchQuerySerializer], responses=SearchHitSerializer(many=True))
    @action(detail=False, filterset_class=None, pagination_class=None)
    def search(self, request):
        """Full-text search over the versions in force: ranked articles with citation, snippet and score."""
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            hits = search(data["q"], law=data.get("law"), version=data.get("version"), limit=data["limit"])
        except SearchError as error:
            raise exceptions.ValidationError({"q": [str(error)]}) from None
        rows = [{"article": h.article, "citation": h.citation, "snippet": h.snippet, "score": round(h.score, 4)}
                for h in hits]
        return Response({"query": data["q"], "count": len(rows), "results": SearchHitSerializer(rows, many=True).data})

    @extend_schema(parameters=[OpenApiParameter("text", str, required=True,
                                                description="e.g. 《中华人民共和国行政处罚法》第五十一条")],
                   responses=CitationSerializer)
    @action(detail=False, filterset_class=None, pagination_class=None)
    def cite(self, request):
        """Resolve a citation to the article (in the version in force)."""
        text = request.query_params.get("text", "")
        try:
            citation = parse_citation(text)
            article = resolve_citation(text)
        except CitationError as error:
            raise exceptions.ValidationError({"text": [str(error)]}) from None
        return Response(CitationSerializer({"citation": article.citation(citation.paragraph, citation.item),
                                            "paragraph": citation.paragraph, "item": citation.item,
                                            "article": article}).data)


class LawVersionViewSet(ReadOnlyScopedViewSet):
    queryset = LawVersion.objects.annotate(article_count=Count("articles")).order_by("id")
    serializer_class = LawVersionSerializer
    filterset_class = LawVersionFilterSet


class ArticleViewSet(ReadOnlyScopedViewSet):
    queryset = Article.objects.select_related("version__law").order_by("id")
    serializer_class = ArticleSerializer
    filterset_class = ArticleFilterSet
