from rest_framework import serializers

from zongzhi.utilities.api import ScopedSerializer

from ..choices import InspectionResult, PointResult
from ..models import Draw, Finding, Inspection, InspectionItem, InspectionPlan, JointInspection


class InspectionItemSerializer(ScopedSerializer):
    class Meta:
        model = InspectionItem
        fields = ["id", "agency", "code", "name", "matter", "domain", "basis", "checklist", "published",
                   "published_on", "created", "updated"]
        read_only_fields = ["published", "published_on", "created", "updated"]
        extra_kwargs = {"domain": {"required": False}}


class InspectionPlanSerializer(ScopedSerializer):
    class Meta:
        model = InspectionPlan
        fields = ["id", "agency", "name", "kind", "year", "starts_on", "ends_on", "items", "planned_count", "note",
                  "status", "approved_by", "approved_on", "published_on", "created", "updated"]
        read_only_fields = ["status", "approved_by", "approved_on", "published_on", "created", "updated"]


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = ["id", "description", "matter", "action", "correction_deadline", "follow_up", "clue", "case"]
        read_only_fields = fields


class InspectionSerializer(ScopedSerializer):
    findings = FindingSerializer(many=True, read_only=True)
    reason = serializers.CharField(write_only=True, required=False, allow_blank=True)
    public_url = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = ["id", "agency", "subject", "plan", "draw", "joint", "follow_up_of", "items", "inspectors", "mode",
                  "non_site", "date", "scheduled_at", "started_at", "finished_at", "status", "result", "summary",
                  "code", "public_url", "warnings", "limit_reason", "finding_count", "findings", "reason", "created",
                  "updated"]
        read_only_fields = ["draw", "joint", "follow_up_of", "started_at", "finished_at", "status", "result", "code",
                            "warnings", "limit_reason", "finding_count", "created", "updated"]

    def get_public_url(self, obj) -> str:
        return obj.get_public_url()


class DrawSerializer(ScopedSerializer):
    class Meta:
        model = Draw
        fields = ["id", "plan", "agency", "name", "region", "area", "risk_classes", "categories", "ratio", "count",
                  "inspectors_per_inspection", "scheduled_for", "seed", "inputs", "result", "status", "drawn_at",
                  "drawn_by", "results_due", "published_on", "created", "updated"]
        read_only_fields = ["agency", "seed", "inputs", "result", "status", "drawn_at", "drawn_by", "results_due",
                            "published_on", "created", "updated"]


class JointInspectionSerializer(ScopedSerializer):
    inspections = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = JointInspection
        fields = ["id", "subject", "lead_agency", "agencies", "scheduled_for", "status", "visits_saved", "note",
                  "inspections", "created", "updated"]
        read_only_fields = fields


class DateSerializer(serializers.Serializer):
    on = serializers.DateField(required=False)


class FindingInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=2000)
    matter = serializers.IntegerField(required=False)


class FinishSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=InspectionResult.choices, required=False)
    summary = serializers.CharField(required=False, allow_blank=True)


class AnswerSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    number = serializers.IntegerField(min_value=1)
    result = serializers.ChoiceField(choices=PointResult.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class ChecklistSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True)


class CorrectionSerializer(serializers.Serializer):
    finding = serializers.IntegerField()
    deadline = serializers.DateField()


class FindingRefSerializer(serializers.Serializer):
    finding = serializers.IntegerField()


class MergeSerializer(serializers.Serializer):
    inspections = serializers.ListField(child=serializers.IntegerField(), min_length=2)
    lead_agency = serializers.IntegerField()
    date = serializers.DateField()
