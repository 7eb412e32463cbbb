from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from zongzhi.agencies.models import Agency
from zongzhi.cases.models import Case
from zongzhi.officers.models import Officer
from zongzhi.utilities.api import ScopedSerializer
from zongzhi.utilities.scope import VIEW

from ..choices import CHECKLIST_CODES, CheckResult, Conclusion, Opinion, TransferKind
from ..models import CollectiveDiscussion, LegalReview, Transfer


def visible_cases(serializer):
    request = serializer.context.get("request")
    return Case.objects.restrict(getattr(request, "user", None), VIEW)


class LegalReviewSerializer(ScopedSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = LegalReview
        fields = ["id", "case", "case_number", "round", "status", "requested_on", "due_on", "due_citation",
                  "is_overdue", "grounds", "reviewer", "reviewer_name", "reviewer_officer", "checklist", "opinion",
                  "reasons", "changes", "reviewed_on", "created", "updated"]
        read_only_fields = [f for f in fields if f != "case"]


class ReviewCheckSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=CheckResult.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class ReviewOpinionSerializer(serializers.Serializer):
    officer = serializers.PrimaryKeyRelatedField(queryset=Officer.objects.all(), label=_("Reviewer (officer record)"))
    checklist = serializers.DictField(child=ReviewCheckSerializer(), help_text=", ".join(CHECKLIST_CODES))
    opinion = serializers.ChoiceField(choices=Opinion.choices)
    reasons = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    changes = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    reviewed_on = serializers.DateField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.fields["officer"].queryset = Officer.objects.restrict(getattr(request, "user", None), VIEW)


class DiscussionAttendeeSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    post = serializers.CharField(max_length=64)
    opinion = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class CollectiveDiscussionSerializer(ScopedSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    attendees = DiscussionAttendeeSerializer(many=True)

    class Meta:
        model = CollectiveDiscussion
        fields = ["id", "case", "case_number", "held_on", "place", "chair", "attendees", "conclusion", "minutes",
                  "recorded_by", "created", "updated"]
        read_only_fields = ["recorded_by", "created", "updated"]
        extra_kwargs = {"conclusion": {"choices": Conclusion.choices}}

    def validate(self, attrs):
        return attrs  # the service validates (attendees, conclusion, the head)


class TransferSerializer(ScopedSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    receiver = serializers.CharField(read_only=True)
    to_agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), required=False, allow_null=True)
    reported_on = serializers.DateField(required=False)

    class Meta:
        model = Transfer
        fields = ["id", "case", "case_number", "kind", "status", "to_agency", "receiver_name", "receiver", "copy_to",
                  "grounds", "materials", "reported_on", "decision_due_on", "decided_at", "decided_by",
                  "decision_note", "send_due_at", "sent_at", "sent_by", "answered_on", "answer_note", "answered_by",
                  "created", "updated"]
        read_only_fields = ["status", "decision_due_on", "decided_at", "decided_by", "decision_note", "send_due_at",
                            "sent_at", "sent_by", "answered_on", "answer_note", "answered_by", "created", "updated"]
        extra_kwargs = {"kind": {"choices": TransferKind.choices}}

    def validate(self, attrs):
        return attrs  # the service validates (receiver, grounds, state of the case)


class TransferDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class TransferAnswerSerializer(serializers.Serializer):
    accepted = serializers.BooleanField(help_text=_("Accepted (competent agency) or filed (police)."))
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    answered_on = serializers.DateField(required=False)
