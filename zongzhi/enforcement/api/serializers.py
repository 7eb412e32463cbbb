from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from zongzhi.cases.models import Case
from zongzhi.utilities.api import ScopedSerializer

from ..choices import CourtOutcome, ReviewOutcome
from ..models import CourtApplication, Demand, Litigation, Payment, PaymentPlan, Reconsideration, ServiceRecord

COMMON_READ_ONLY = ["recorded_by", "created", "updated"]


class CaseRecordSerializer(ScopedSerializer):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all(), label=_("case"))
    case_ref = serializers.CharField(source="case.number", read_only=True, label=_("case number"))


class ServiceRecordSerializer(CaseRecordSerializer):
    class Meta:
        model = ServiceRecord
        fields = ["id", "case", "case_ref", "document", "document_number", "is_decision", "method", "recipient",
                  "address", "witnesses", "tracking_number", "posted_on", "consent_reference", "electronic_address",
                  "notice_on", "notice_reason", "served_on", "state", "proof", "proof_name", "proof_sha256",
                  "receipt_number", "note", *COMMON_READ_ONLY]
        read_only_fields = ["state", "proof_name", "proof_sha256", *COMMON_READ_ONLY]


class PaymentSerializer(CaseRecordSerializer):
    class Meta:
        model = Payment
        fields = ["id", "case", "case_ref", "channel", "amount", "paid_on", "payer", "bank", "bank_receipt_number",
                  "onsite_ground", "onsite_reason", "receipt_number", "handover_due_on", "handed_over_on",
                  "fine_part", "surcharge_part", "note", *COMMON_READ_ONLY]
        read_only_fields = ["handover_due_on", "handed_over_on", "fine_part", "surcharge_part", *COMMON_READ_ONLY]


class ScheduleLineSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class PaymentPlanSerializer(CaseRecordSerializer):
    schedule = ScheduleLineSerializer(many=True)

    class Meta:
        model = PaymentPlan
        fields = ["id", "case", "case_ref", "kind", "reason", "requested_on", "schedule", "status", "decided_on",
                  "decided_by", "decision_note", *COMMON_READ_ONLY]
        read_only_fields = ["status", "decided_on", "decided_by", "decision_note", *COMMON_READ_ONLY]

    def validate_schedule(self, value):
        return [{"due_on": row["due_on"].isoformat(), "amount": str(row["amount"])} for row in value]


class DemandSerializer(CaseRecordSerializer):
    class Meta:
        model = Demand
        fields = ["id", "case", "case_ref", "number", "issued_on", "served_on", "method", "amount_due",
                  "surcharge_due", "may_apply_from", "note", *COMMON_READ_ONLY]
        read_only_fields = ["amount_due", "surcharge_due", "may_apply_from", *COMMON_READ_ONLY]


class CourtApplicationSerializer(CaseRecordSerializer):
    class Meta:
        model = CourtApplication
        fields = ["id", "case", "case_ref", "court", "filed_on", "court_case_number", "outcome", "outcome_on",
                  "outcome_note", "note", *COMMON_READ_ONLY]
        read_only_fields = ["outcome", "outcome_on", "outcome_note", *COMMON_READ_ONLY]


class ReconsiderationSerializer(CaseRecordSerializer):
    class Meta:
        model = Reconsideration
        fields = ["id", "case", "case_ref", "body", "filed_on", "case_number", "outcome", "outcome_on",
                  "outcome_note", "note", *COMMON_READ_ONLY]
        read_only_fields = ["outcome", "outcome_on", "outcome_note", *COMMON_READ_ONLY]


class LitigationSerializer(CaseRecordSerializer):
    class Meta:
        model = Litigation
        fields = ["id", "case", "case_ref", "court", "instance", "filed_on", "case_number", "outcome",
                  "outcome_on", "outcome_note", "note", *COMMON_READ_ONLY]
        read_only_fields = ["outcome", "outcome_on", "outcome_note", *COMMON_READ_ONLY]


class PlanDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CourtOutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[c for c in CourtOutcome.choices if c[0] != "pending"])
    on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewOutcomeSerializer(CourtOutcomeSerializer):
    outcome = serializers.ChoiceField(choices=[c for c in ReviewOutcome.choices if c[0] != "pending"])


class HandoverSerializer(serializers.Serializer):
    handed_over_on = serializers.DateField(required=False)
