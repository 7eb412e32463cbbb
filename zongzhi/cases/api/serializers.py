from rest_framework import serializers

from zongzhi.agencies.models import Agency
from zongzhi.utilities.api import ScopedSerializer

from ..choices import Outcome
from ..models import REPORTER_FIELDS, Clue, ClueEvent


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
