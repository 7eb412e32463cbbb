from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from zongzhi.agencies.models import Agency
from zongzhi.catalog.choices import PenaltyType
from zongzhi.discretion.choices import Level
from zongzhi.officers.models import Officer
from zongzhi.utilities.api import ScopedSerializer
from zongzhi.utilities.identifiers import mask_resident_id
from zongzhi.utilities.scope import CHANGE, in_scope

from .. import services
from ..choices import CaseOutcome, ClueStatus, NoPenaltyGround, Outcome, PartyKind
from ..models import REPORTER_FIELDS, Case, CaseDeadline, CaseEvent, CaseStage, Clue, ClueEvent, Party


def _user(serializer):
    return getattr(serializer.context.get("request"), "user", None)


class ClueEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClueEvent
        fields = ["kind", "at", "actor", "actor_name", "note", "data"]


class ClueSerializer(ScopedSerializer):
    """Reporter details appear only for users who may change the clue."""

    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Clue
        fields = ["id", "number", "year", "serial", "source", "received_at", "agency", "agency_name", "region",
                  "category", "matter", "description", "address", "latitude", "longitude", "subject_name",
                  "subject_identifier", "anonymous", *REPORTER_FIELDS, "status", "outcome", "triage_reason",
                  "transferred_to", "triaged_by", "triaged_at", "duplicate_of", "external_id", "service_code",
                  "media_url", "public_status", "created", "updated"]
        read_only_fields = ["created", "updated"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.reporter_visible_to(self.context["request"].user):
            for name in REPORTER_FIELDS:
                data.pop(name)
        return data


class ClueDetailSerializer(ClueSerializer):
    events = ClueEventSerializer(many=True, read_only=True)
    suspected_duplicates = serializers.SerializerMethodField()

    class Meta(ClueSerializer.Meta):
        fields = [*ClueSerializer.Meta.fields, "suspected_duplicates", "events"]

    def get_suspected_duplicates(self, clue) -> list[int]:
        visible = Clue.objects.restrict(self.context["request"].user)
        return list(visible.filter(pk__in=clue.suspected_duplicates.values("pk")).values_list("pk", flat=True))


class TriageSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    reason = serializers.CharField(max_length=2000)
    transferred_to = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), required=False,
                                                        allow_null=True, default=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transferred_to"].queryset = Agency.objects.restrict(_user(self))


class DuplicateSerializer(serializers.Serializer):
    of = serializers.PrimaryKeyRelatedField(queryset=Clue.objects.all())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["of"].queryset = Clue.objects.restrict(_user(self))


# --- cases (案件) -------------------------------------------------------------------------------------------

OUTCOMES = [c for c in CaseOutcome.choices if c[0] != CaseOutcome.TRANSFERRED]
SUMMARY_TYPES = [(PenaltyType.WARNING, PenaltyType.WARNING.label), (PenaltyType.FINE, PenaltyType.FINE.label)]


class PartySerializer(serializers.ModelSerializer):
    """A party. A person's identity number is masked for users who may not change the case."""

    class Meta:
        model = Party
        fields = ["id", "kind", "name", "identifier", "representative", "address", "phone"]
        read_only_fields = ["id"]


class CaseEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "stage", "at", "actor_name", "note", "data"]


class CaseStageSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="stage.code", read_only=True)

    class Meta:
        model = CaseStage
        fields = ["id", "code", "status", "started_at", "started_by", "finished_at", "finished_by", "note"]


class CaseDeadlineSerializer(serializers.ModelSerializer):
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    days_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = CaseDeadline
        fields = ["id", "case", "key", "label", "rule", "citation", "start", "due_on", "state", "met_on",
                  "provisional", "overdue", "days_left"]


class CaseDeadlineListSerializer(CaseDeadlineSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    township = serializers.CharField(source="case.region.name", read_only=True)

    class Meta(CaseDeadlineSerializer.Meta):
        fields = [*CaseDeadlineSerializer.Meta.fields, "case_number", "township"]


class CaseSerializer(ScopedSerializer):
    """A case. Created through ``services.file_case`` (parties nested, at least two certified officers); every
    later change is a step endpoint (``/api/v1/cases/<id>/<step>/``)."""

    parties = PartySerializer(many=True)
    officers = serializers.PrimaryKeyRelatedField(many=True, queryset=Officer.objects.all())

    class Meta:
        model = Case
        fields = ["id", "number", "year", "serial", "agency", "deciding_body", "region", "clue", "matter",
                  "procedure", "cause", "facts", "act_place", "act_on", "continuing", "act_ended_on", "harmful",
                  "discovered_on", "officers", "parties", "status", "stage", "requested_on", "filed_on",
                  "next_due_on", "next_due_label", "hearing_rights", "review_reasons", "discussion_required",
                  "outcome", "penalty_types", "fine_amount", "confiscated_amount", "discretion_level",
                  "deviation_reason", "no_penalty_ground", "decision_text", "decided_on", "closed_on",
                  "archived_on", "created", "updated"]
        read_only_fields = ["created", "updated"]
        extra_kwargs = {"cause": {"required": False, "allow_blank": True}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clue"].queryset = self.fields["clue"].queryset.filter(status=ClueStatus.NEW)

    def validate(self, attrs):
        parties = attrs.pop("parties", None)  # a reverse relation: not set on the candidate instance
        attrs = super().validate(attrs)
        if parties is not None:
            attrs["parties"] = parties
        return attrs

    def validate_parties(self, value):
        if not value:
            raise serializers.ValidationError(_("A case needs at least one party."))
        return value

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = _user(self)
        if not in_scope(user, instance, CHANGE):
            for party in data.get("parties", []):
                if party.get("kind") == PartyKind.PERSON and party.get("identifier"):
                    party["identifier"] = mask_resident_id(party["identifier"])
                party.pop("phone", None)
        return data


class CaseDetailSerializer(CaseSerializer):
    stages = CaseStageSerializer(many=True, read_only=True)
    deadlines = CaseDeadlineSerializer(many=True, read_only=True)
    events = CaseEventSerializer(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "allowed_actions", "stages", "deadlines", "events"]

    def get_allowed_actions(self, case) -> list[str]:
        return services.allowed_actions(case, _user(self))


class OnTheSpotSerializer(CaseSerializer):
    """Summary procedure: the case and its on-the-spot decision (行政处罚法 第五十一条、第五十二条)."""

    fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, required=False, default=0)
    penalty_types = serializers.ListField(child=serializers.ChoiceField(choices=SUMMARY_TYPES), allow_empty=False)
    decision_text = serializers.CharField(required=False, allow_blank=True, default="")


# The steps (same keys as the page's forms: ``zongzhi.cases.actions``).


class ApproveFilingSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("approve", _("Approve the filing")), ("refuse", _("Do not file"))],
                                       default="approve")
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ReportSerializer(serializers.Serializer):
    facts = serializers.CharField(max_length=8000)
    proposed_outcome = serializers.ChoiceField(choices=OUTCOMES)
    penalty_types = serializers.ListField(child=serializers.ChoiceField(choices=PenaltyType.choices), required=False,
                                          default=list)
    fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, required=False, default=0)
    confiscated_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, required=False,
                                                  default=0)
    level = serializers.ChoiceField(choices=Level.choices, required=False, allow_blank=True, default="")
    deviation_reason = serializers.CharField(required=False, allow_blank=True, default="")
    complex_case = serializers.BooleanField(required=False, default=False)


class NoticeSerializer(serializers.Serializer):
    notified_on = serializers.DateField(required=False, allow_null=True, default=None)


class StatementSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=8000)
    waived = serializers.BooleanField(required=False, default=False)


class RequestHearingSerializer(serializers.Serializer):
    requested_on = serializers.DateField(required=False, allow_null=True, default=None)


class NotifyHearingSerializer(serializers.Serializer):
    hearing_on = serializers.DateField()
    notified_on = serializers.DateField(required=False, allow_null=True, default=None)


class RecordHearingSerializer(serializers.Serializer):
    minutes = serializers.CharField(max_length=20000)


class EmptySerializer(serializers.Serializer):
    pass


class DecideSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=OUTCOMES)
    fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, required=False,
                                           allow_null=True, default=None)
    no_penalty_ground = serializers.ChoiceField(choices=NoPenaltyGround.choices, required=False, allow_blank=True,
                                                default="")
    education_record = serializers.CharField(required=False, allow_blank=True, default="")
    decision_text = serializers.CharField(required=False, allow_blank=True, default="")


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ExtendSerializer(ReasonSerializer):
    days = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class OfficersSerializer(serializers.Serializer):
    officers = serializers.PrimaryKeyRelatedField(many=True, queryset=Officer.objects.all())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].child_relation.queryset = Officer.objects.restrict(_user(self))
