from rest_framework import serializers

from ..models import Article, Law, LawVersion


class LawVersionSerializer(serializers.ModelSerializer):
    article_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LawVersion
        fields = ["id", "law", "label", "promulgated", "effective", "history", "source", "retrieved", "sha256",
                  "article_count", "created", "updated"]


class LawSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True, default=None)
    current_version = serializers.SerializerMethodField()

    class Meta:
        model = Law
        fields = ["id", "title", "short_title", "kind", "issuer", "region", "region_code", "current_version",
                  "created", "updated"]

    def get_current_version(self, law) -> int | None:
        version = law.current_version()
        return version.pk if version else None


class ArticleSerializer(serializers.ModelSerializer):
    law = serializers.IntegerField(source="version.law_id", read_only=True)
    citation = serializers.CharField(read_only=True)

    class Meta:
        model = Article
        fields = ["id", "law", "version", "number", "label", "chapter", "section", "text", "paragraphs", "citation",
                  "created", "updated"]


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(allow_blank=True, trim_whitespace=True, required=False, default="")
    law = serializers.IntegerField(required=False, min_value=1)
    version = serializers.IntegerField(required=False, min_value=1)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)


class SearchHitSerializer(serializers.Serializer):
    article = ArticleSerializer()
    citation = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: the matched words are in <mark>.")
    score = serializers.FloatField()


class CitationSerializer(serializers.Serializer):
    citation = serializers.CharField(help_text="The canonical citation.")
    paragraph = serializers.IntegerField(allow_null=True)
    item = serializers.IntegerField(allow_null=True)
    article = ArticleSerializer()
