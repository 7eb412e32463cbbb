from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from zongzhi.agencies.models import Agency
from zongzhi.regions.models import Region
from zongzhi.utilities.api import ScopedSerializer

from ..choices import PenaltyType
from ..models import Acceptance, CatalogItem, CountySelection, DelegationCatalog, Evaluation, Matter, TransitionSetting


class MatterSerializer(ScopedSerializer):
    penalty_types = serializers.ListField(child=serializers.ChoiceField(PenaltyType.choices), required=False)
    domain_code = serializers.CharField(source="domain.code", read_only=True)
    violated_citation = serializers.CharField(read_only=True)
    penalty_citation = serializers.CharField(read_only=True)
    limitation_years = serializers.IntegerField(read_only=True)

    class Meta:
        model = Matter
        fields = ["id", "code", "name", "kind", "domain", "domain_code", "violated_article", "violated_paragraph",
                  "violated_item", "violated_citation", "penalty_article", "penalty_paragraph", "penalty_item",
                  "penalty_citation", "penalty_types", "fine_min", "fine_max", "multiple_min", "multiple_max",
                  "multiple_base", "original_department", "scope_limit", "applies_to", "inspection_items",
                  "coercive_measures", "first_violation_exempt", "endangers_safety", "limitation_years", "keeper",
                  "created", "updated"]
        read_only_fields = ["created", "updated"]


class DelegationCatalogSerializer(ScopedSerializer):
    class Meta:
        model = DelegationCatalog
        fields = ["id", "issuer", "keeper", "name", "version", "document_number", "effective", "status", "previous",
                  "published_on", "notes", "created", "updated"]
        read_only_fields = ["status", "published_on", "created", "updated"]

    def validate(self, attrs):
        if self.instance is not None and not self.instance.is_draft:
            raise serializers.ValidationError(_("A published catalog cannot be changed; issue a new version."))
        return super().validate(attrs)


class CatalogItemSerializer(ScopedSerializer):
    matter_code = serializers.CharField(source="matter.code", read_only=True)

    class Meta:
        model = CatalogItem
        fields = ["id", "catalog", "matter", "matter_code", "number", "name", "domain", "applies_to",
                  "violated_basis", "penalty_basis", "fine_min", "fine_max", "multiple_min", "multiple_max",
                  "scope_limit", "original_department", "concurrent"]
        read_only_fields = ["name", "domain", "applies_to", "violated_basis", "penalty_basis", "fine_min", "fine_max",
                            "multiple_min", "multiple_max", "scope_limit", "original_department"]

    def validate(self, attrs):
        catalog = attrs.get("catalog") or getattr(self.instance, "catalog", None)
        if catalog is not None and not catalog.is_draft:
            raise serializers.ValidationError({"catalog": _("Items can only be added to a draft catalog.")})
        return super().validate(attrs)


class CountySelectionSerializer(ScopedSerializer):
    class Meta:
        model = CountySelection
        fields = ["id", "county", "catalog", "decided_on", "document_number", "items"]

    def validate(self, attrs):
        catalog, items = attrs.get("catalog"), attrs.get("items") or []
        if catalog and any(i.catalog_id != catalog.pk for i in items):
            raise serializers.ValidationError({"items": _("Select items of the chosen catalog only.")})
        return super().validate(attrs)


class AcceptanceSerializer(ScopedSerializer):
    in_force_today = serializers.SerializerMethodField()

    class Meta:
        model = Acceptance
        fields = ["id", "agency", "matter", "catalog", "accepted_on", "lapses_on", "status", "document_number", "note",
                  "in_force_today", "created", "updated"]
        read_only_fields = ["lapses_on", "status", "created", "updated"]

    def get_in_force_today(self, obj) -> bool:
        import datetime

        return obj.is_active_on(datetime.date.today())


class WithdrawSerializer(serializers.Serializer):
    on = serializers.DateField(label=_("Lapses on"))
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class EvaluationSerializer(ScopedSerializer):
    class Meta:
        model = Evaluation
        fields = ["id", "agency", "matter", "conclusion", "reasons", "evaluator", "evaluated_on", "created", "updated"]
        read_only_fields = ["created", "updated"]


class TransitionSettingSerializer(ScopedSerializer):
    class Meta:
        model = TransitionSetting
        fields = ["id", "region", "days", "basis"]


class MayExerciseQuerySerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    matter = serializers.PrimaryKeyRelatedField(queryset=Matter.objects.all())
    date = serializers.DateField()
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.fields["agency"].queryset = Agency.objects.restrict(getattr(request, "user", None))


class AnswerSerializer(serializers.Serializer):
    allowed = serializers.BooleanField()
    reason = serializers.CharField()
    in_name_of = serializers.IntegerField(source="in_name_of.pk", default=None)
    in_name_of_name = serializers.CharField(source="in_name_of.name", default=None)
    acceptance = serializers.IntegerField(source="acceptance.pk", default=None)
    catalog = serializers.IntegerField(source="catalog.pk", default=None)
    catalog_name = serializers.CharField(source="catalog", default=None)


class ChangeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    matter = serializers.IntegerField(source="matter.pk")
    matter_code = serializers.CharField(source="matter.code")
    fields = serializers.SerializerMethodField(method_name="field_changes")

    def field_changes(self, obj) -> list[dict]:
        return [{"field": str(label), "before": was, "after": now} for label, was, now in obj.fields]


class BoundaryCellSerializer(serializers.Serializer):
    township = serializers.CharField(source="township.code")
    township_name = serializers.CharField(source="township.name")
    matter = serializers.IntegerField(source="item.matter_id")
    matter_code = serializers.CharField(source="item.matter.code")
    holders = serializers.SerializerMethodField()

    def get_holders(self, obj) -> list[dict]:
        return [{"id": a.pk, "name": a.name} for a in obj.holders]
