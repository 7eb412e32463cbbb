from django.utils.translation import gettext as _
from rest_framework import serializers

from zongzhi.utilities.api import ScopedSerializer

from ..choices import CertificateStatus
from ..models import Certificate, Officer


class OfficerSerializer(ScopedSerializer):
    """The identity number is shown in full only in a single officer's record, to users who may change
    that officer; lists always mask it."""

    agency_name = serializers.CharField(source="agency.name", read_only=True)
    is_enforcement_officer = serializers.BooleanField(read_only=True)

    class Meta:
        model = Officer
        fields = ["id", "name", "id_number", "agency", "agency_name", "post", "staffing", "legal_qualification",
                  "status", "phone", "is_enforcement_officer", "created", "updated"]
        read_only_fields = ["created", "updated"]

    def to_internal_value(self, data):
        if isinstance(data.get("id_number"), str):  # normalise before the uniqueness check
            data = data.copy()
            data["id_number"] = data["id_number"].strip().upper()
        return super().to_internal_value(data)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        view = self.context.get("view")
        in_list = getattr(view, "action", None) == "list"
        data["id_number"] = instance.masked_id_number if in_list else instance.id_number_for(request.user)
        return data


class CertificateSerializer(ScopedSerializer):
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    domain_codes = serializers.SlugRelatedField(source="domains", many=True, read_only=True, slug_field="code")
    effective_status = serializers.CharField(read_only=True)
    replaced_by = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Certificate
        fields = ["id", "officer", "officer_name", "kind", "number", "issuing_authority", "domains", "domain_codes",
                  "valid_from", "valid_to", "status", "effective_status", "revoke_reason", "revoked_on", "replaces",
                  "replaced_by", "created", "updated"]
        read_only_fields = ["revoke_reason", "revoked_on", "replaces", "created", "updated"]

    def validate_status(self, value):
        if value not in (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED):
            raise serializers.ValidationError(_("Only active or suspended can be set here; use the revoke and "
                                                "reissue actions."))
        return value

    def validate(self, attrs):
        if self.instance is not None and self.instance.status == CertificateStatus.REVOKED:
            raise serializers.ValidationError(_("Certificate %(number)s is revoked and can no longer be changed; "
                                                "issue a new one instead.") % {"number": self.instance.number})
        return super().validate(attrs)


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class ReissueSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=32)
    valid_from = serializers.DateField()
    valid_to = serializers.DateField()


class BulkRevokeSerializer(RevokeSerializer):
    ids = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
