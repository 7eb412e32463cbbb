from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zongzhi.cases.models import Case
from zongzhi.officers.models import Officer
from zongzhi.utilities.scope import CHANGE

from ..choices import EvidenceKind, ItemStatus, PreservationDecision, SeizureKind
from ..models import (
    MAX_EXTENSION_DAYS,
    MAX_SEIZURE_DAYS,
    Evidence,
    EvidenceFile,
    Preservation,
    PreservationItem,
    SeizedItem,
    SeizedItemEvent,
    Seizure,
)


def _user(serializer):
    return getattr(serializer.context.get("request"), "user", None)


@extend_schema_field(OpenApiTypes.INT)
class CaseField(serializers.PrimaryKeyRelatedField):
    """A case the user may change (others are "not found", never named)."""

    def get_queryset(self):
        return Case.objects.restrict(_user(self.parent), CHANGE)


class EvidenceFileSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceFile
        fields = ["id", "evidence", "original_name", "content_type", "size", "sha256", "uploaded_by", "created",
                  "download_url"]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        return f"/api/v1/evidence-files/{obj.pk}/download/"


class EvidenceSerializer(serializers.ModelSerializer):
    files = EvidenceFileSerializer(many=True, read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    collected_by_name = serializers.CharField(source="collected_by.name", read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "case", "case_number", "serial", "kind", "title", "description", "collected_by",
                  "collected_by_name", "collected_at", "place", "source", "added_by", "files", "created"]
        read_only_fields = fields


class EvidenceCreateSerializer(serializers.Serializer):
    """Multipart: the fields and any number of ``files``."""

    case = CaseField()
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    collected_by = serializers.PrimaryKeyRelatedField(queryset=Officer.objects.all())
    collected_at = serializers.DateTimeField(required=False)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True)
    files = serializers.ListField(child=serializers.FileField(), required=False)


class EvidenceFilesSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), min_length=1)


class EvidenceRemovalSerializer(serializers.Serializer):
    reason = serializers.CharField()


class SeizureItemInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    unit = serializers.CharField(max_length=20)
    specification = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PreservationItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PreservationItem
        fields = ["name", "quantity", "unit", "specification", "kept_at"]


class PreservationSerializer(serializers.ModelSerializer):
    items = PreservationItemSerializer(many=True, read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)

    class Meta:
        model = Preservation
        fields = ["id", "case", "case_number", "serial", "registered_on", "place", "reason", "status", "proposed_by",
                  "approved_by", "approved_on", "due_on", "decision", "decision_note", "decided_on", "decided_by",
                  "items", "created"]
        read_only_fields = fields


class PreservationCreateSerializer(serializers.Serializer):
    case = CaseField()
    registered_on = serializers.DateField(required=False)
    place = serializers.CharField(max_length=200)
    reason = serializers.CharField(max_length=2000)
    items = PreservationItemSerializer(many=True)


class MeasureApprovalSerializer(serializers.Serializer):
    approve = serializers.BooleanField(default=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PreservationDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=PreservationDecision.choices)
    decided_on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SeizedItemEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = SeizedItemEvent
        fields = ["from_status", "to_status", "on", "at", "actor_name", "document_ref", "custody_place", "custodian",
                  "note"]


class SeizedItemSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    township = serializers.CharField(source="case.region.name", read_only=True)

    class Meta:
        model = SeizedItem
        fields = ["id", "seizure", "case", "case_number", "township", "name", "quantity", "unit", "specification",
                  "custody_place", "custodian", "status", "seized_on", "status_on", "document_ref", "created"]
        read_only_fields = fields


class SeizedItemDetailSerializer(SeizedItemSerializer):
    events = SeizedItemEventSerializer(many=True, read_only=True)

    class Meta(SeizedItemSerializer.Meta):
        fields = [*SeizedItemSerializer.Meta.fields, "events"]
        read_only_fields = fields


class SeizureSerializer(serializers.ModelSerializer):
    items = SeizedItemSerializer(many=True, read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)

    class Meta:
        model = Seizure
        fields = ["id", "case", "case_number", "serial", "kind", "seized_on", "place", "reason", "term_days",
                  "custody_place", "custodian", "status", "proposed_items", "approved_by", "approved_on",
                  "extension_days", "extension_reason", "extended_by", "extended_on", "testing_days", "due_on",
                  "ended_on", "items", "created"]
        read_only_fields = fields


class SeizureCreateSerializer(serializers.Serializer):
    case = CaseField()
    kind = serializers.ChoiceField(choices=SeizureKind.choices, default=SeizureKind.IMPOUND)
    seized_on = serializers.DateField(required=False)
    term_days = serializers.IntegerField(default=MAX_SEIZURE_DAYS)
    place = serializers.CharField(max_length=200)
    reason = serializers.CharField(max_length=2000)
    custody_place = serializers.CharField(max_length=200)
    custodian = serializers.CharField(max_length=100)
    items = SeizureItemInputSerializer(many=True)


class SeizureExtensionSerializer(serializers.Serializer):
    days = serializers.IntegerField(default=MAX_EXTENSION_DAYS)
    reason = serializers.CharField()


class SeizureTestingSerializer(serializers.Serializer):
    days = serializers.IntegerField()
    note = serializers.CharField()


class ItemStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[c for c in ItemStatus.choices if c[0] != ItemStatus.IN_CUSTODY])
    on = serializers.DateField(required=False)
    document_ref = serializers.CharField(max_length=100)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ItemCustodySerializer(serializers.Serializer):
    custody_place = serializers.CharField(max_length=200)
    custodian = serializers.CharField(max_length=100)
    on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")
