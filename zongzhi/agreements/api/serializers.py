from rest_framework import serializers

from zongzhi.utilities.api import ScopedSerializer

from ..models import DelegationAgreement, counterparts


class DelegationAgreementSerializer(ScopedSerializer):
    territory_code = serializers.CharField(source="territory.code", read_only=True)
    public_url = serializers.SerializerMethodField()

    class Meta:
        model = DelegationAgreement
        fields = ["id", "kind", "number", "delegating_agency", "receiving_agency", "territory", "territory_code",
                  "basis", "basis_articles", "matters", "valid_from", "valid_to", "procedure", "supervision",
                  "remedies", "status", "signed_on", "published_on", "terminated_on", "termination_reason",
                  "template_version", "public_url", "created", "updated"]
        read_only_fields = ["territory", "status", "signed_on", "published_on", "terminated_on",
                            "termination_reason", "created", "updated"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.fields["receiving_agency"].queryset = counterparts(getattr(request, "user", None))

    def get_public_url(self, obj) -> str | None:
        return obj.get_public_url() if obj.is_public else None

    def validate(self, attrs):
        attrs = super().validate(attrs)
        matters = attrs.get("matters", self.instance.matters.all() if self.instance else [])
        if matters:
            self._candidate.check_matters(matters)
        return attrs


class SignSerializer(serializers.Serializer):
    signed_on = serializers.DateField()


class PublishSerializer(serializers.Serializer):
    published_on = serializers.DateField()


class TerminateSerializer(serializers.Serializer):
    terminated_on = serializers.DateField()
    reason = serializers.CharField()
