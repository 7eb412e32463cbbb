from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from zongzhi.catalog.choices import PenaltyType
from zongzhi.catalog.models import Matter
from zongzhi.regions.models import Region
from zongzhi.utilities.api import ScopedSerializer

from ..choices import Flag, Level, MultipleBase
from ..models import NOT_DRAFT, DiscretionBand, DiscretionStandard

MONEY = {"max_digits": 16, "decimal_places": 2}


class DiscretionBandSerializer(ScopedSerializer):
    penalty_types = serializers.ListField(child=serializers.ChoiceField(choices=PenaltyType.choices),
                                          required=False, label=_("penalty types"))
    citation = serializers.CharField(read_only=True)

    class Meta:
        model = DiscretionBand
        fields = ["id", "standard", "level", "conditions", "penalty_types", "fine_min", "fine_max", "multiple_base",
                  "multiple_min", "multiple_max", "multiple_from", "other_measures", "item", "citation", "created",
                  "updated"]
        read_only_fields = ["created", "updated"]


class DiscretionStandardSerializer(ScopedSerializer):
    matter_code = serializers.CharField(source="matter.code", read_only=True)
    issuing_region_code = serializers.CharField(source="issuing_region.code", read_only=True)
    citation = serializers.CharField(read_only=True)
    bands = DiscretionBandSerializer(many=True, read_only=True)

    class Meta:
        model = DiscretionStandard
        fields = ["id", "matter", "matter_code", "issuing_region", "issuing_region_code", "issuer", "title",
                  "document_number", "version", "effective_from", "status", "filed_on", "published_on",
                  "supersedes", "citation", "bands", "created", "updated"]
        read_only_fields = ["created", "updated"]

    def validate(self, attrs):
        if self.instance is not None and not self.instance.is_draft:
            raise serializers.ValidationError(NOT_DRAFT)
        return super().validate(attrs)


class BandQuerySerializer(serializers.Serializer):
    matter = serializers.SlugRelatedField(slug_field="code", queryset=Matter.objects.all(),
                                          help_text=_("Matter code."))
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all(),
                                          help_text=_("Code of the region where the act is handled."))
    date = serializers.DateField(required=False, help_text=_("Date of the act; default today."))
    level = serializers.ChoiceField(choices=Level.choices)

    def get_fields(self):
        fields = super().get_fields()
        for base in MultipleBase:  # the facts a multiple may be taken of
            fields[base.value] = serializers.DecimalField(label=base.label, min_value=0, required=False, **MONEY)
        return fields

    def facts(self):
        return {name: self.validated_data[name] for name in MultipleBase.values if name in self.validated_data}


class CheckQuerySerializer(BandQuerySerializer):
    amount = serializers.DecimalField(min_value=0, default=0, **MONEY, help_text=_("Proposed fine in yuan."))
    penalty_types = serializers.ListField(child=serializers.ChoiceField(choices=PenaltyType.choices), default=list)


class BandResultSerializer(serializers.Serializer):
    standard = serializers.IntegerField(source="standard.pk")
    standard_citation = serializers.CharField(source="standard.citation")
    issuing_region = serializers.CharField(source="standard.issuing_region.code")
    version = serializers.CharField(source="standard.version")
    level = serializers.ChoiceField(choices=Level.choices)
    conditions = serializers.CharField()
    penalty_types = serializers.ListField(child=serializers.CharField())
    amount_min = serializers.DecimalField(allow_null=True, **MONEY)
    amount_max = serializers.DecimalField(allow_null=True, **MONEY)
    amount_basis = serializers.CharField()
    other_measures = serializers.CharField()
    legal_types = serializers.ListField(child=serializers.CharField())
    legal_min = serializers.DecimalField(allow_null=True, **MONEY)
    legal_max = serializers.DecimalField(allow_null=True, **MONEY)
    benchmark_citation = serializers.CharField()
    penalty_citation = serializers.CharField()


class CheckResultSerializer(serializers.Serializer):
    band = BandResultSerializer()
    amount = serializers.DecimalField(**MONEY)
    penalty_types = serializers.ListField(child=serializers.CharField())
    flags = serializers.ListField(child=serializers.ChoiceField(choices=Flag.choices))
    messages = serializers.ListField(child=serializers.CharField())
    needs_reason = serializers.BooleanField()
    needs_legal_review = serializers.BooleanField()
    review_basis = serializers.CharField()
