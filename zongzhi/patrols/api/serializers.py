from django.urls import reverse
from rest_framework import serializers

from zongzhi.agencies.models import Domain
from zongzhi.utilities.api import ScopedSerializer

from ..choices import ReviewOutcome
from ..models import Campaign, NonSiteAttachment, NonSiteEvent, NonSiteTask, Patrol, PatrolFinding


class NonSiteAttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = NonSiteAttachment
        fields = ["id", "round", "kind", "original_name", "content_type", "size", "sha256", "url", "created"]

    def get_url(self, obj) -> str:
        return reverse("patrols:nonsiteattachment_download", args=[obj.pk])


class NonSiteEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = NonSiteEvent
        fields = ["id", "kind", "at", "actor_name", "note", "data"]


class NonSiteTaskSerializer(ScopedSerializer):
    """Sending a task (POST) answers with ``link``: the public link, given once (only its hash is stored)."""

    subject_name = serializers.CharField(source="subject.name", read_only=True)
    link = serializers.SerializerMethodField()

    class Meta:
        model = NonSiteTask
        fields = ["id", "kind", "agency", "subject", "subject_name", "matter", "topic", "category", "campaign",
                  "instructions", "requested_items", "status", "round", "sent_at", "expires_at", "token_prefix",
                  "subject_note", "submitted_at", "review_note", "reviewed_at", "reviewed_by", "clue", "link",
                  "created", "updated"]
        read_only_fields = ["status", "round", "sent_at", "expires_at", "token_prefix", "subject_note",
                            "submitted_at", "review_note", "reviewed_at", "reviewed_by", "clue", "created", "updated"]

    def get_link(self, obj) -> str | None:
        token = self.context.get("token")
        request = self.context.get("request")
        if not token:
            return None
        url = reverse("patrols:nonsite_public", args=[token])
        return request.build_absolute_uri(url) if request else url


class NonSiteTaskDetailSerializer(NonSiteTaskSerializer):
    attachments = NonSiteAttachmentSerializer(many=True, read_only=True)
    events = NonSiteEventSerializer(many=True, read_only=True)

    class Meta(NonSiteTaskSerializer.Meta):
        fields = [*NonSiteTaskSerializer.Meta.fields, "attachments", "events"]


class ReviewSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    category = serializers.PrimaryKeyRelatedField(queryset=Domain.objects.all(), required=False, allow_null=True)


class PatrolFindingSerializer(ScopedSerializer):
    photo_url = serializers.SerializerMethodField()

    class Meta:
        model = PatrolFinding
        fields = ["id", "patrol", "found_at", "description", "address", "latitude", "longitude", "subject", "matter",
                  "category", "photo_url", "photo_sha256", "clue", "created", "updated"]
        read_only_fields = ["photo_sha256", "clue", "created", "updated"]

    def get_photo_url(self, obj) -> str | None:
        return reverse("patrols:finding_photo", args=[obj.pk]) if obj.photo else None


class OpenClueSerializer(serializers.Serializer):
    category = serializers.PrimaryKeyRelatedField(queryset=Domain.objects.all(), required=False, allow_null=True)


class PatrolSerializer(ScopedSerializer):
    """``route`` is an optional GeoJSON LineString of [longitude, latitude] points (WGS84)."""

    findings = PatrolFindingSerializer(many=True, read_only=True)

    class Meta:
        model = Patrol
        fields = ["id", "agency", "officers", "started_at", "ended_at", "area", "route", "campaign", "summary",
                  "findings", "created", "updated"]
        read_only_fields = ["created", "updated"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        agency = attrs.get("agency") or (self.instance.agency if self.instance else None)
        strangers = [o.name for o in attrs.get("officers") or [] if agency and not (
            o.agency.path.startswith(agency.path) or agency.path.startswith(o.agency.path))]
        if strangers:
            from django.utils.translation import gettext as _

            raise serializers.ValidationError({"officers": _("%(names)s do not belong to this team.") % {
                "names": "、".join(strangers)}})
        return attrs


class CampaignSerializer(ScopedSerializer):
    class Meta:
        model = Campaign
        fields = ["id", "name", "agency", "region", "starts_on", "ends_on", "domain", "matters", "description",
                  "created", "updated"]
        read_only_fields = ["created", "updated"]
