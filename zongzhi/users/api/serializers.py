from rest_framework import serializers

from ..models import ApiToken, RoleAssignment, User


class RoleAssignmentSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = RoleAssignment
        fields = ["id", "role", "agency", "agency_name", "active"]


class MeSerializer(serializers.ModelSerializer):
    roles = RoleAssignmentSerializer(source="role_assignments", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "is_superuser", "roles"]


class TokenSerializer(serializers.ModelSerializer):
    key = serializers.SerializerMethodField(help_text="Shown once, in the answer to the create call.")

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created", "expires", "last_used", "revoked", "key"]
        read_only_fields = ["prefix", "created", "last_used", "revoked"]

    def get_key(self, obj) -> str | None:
        return getattr(obj, "key", None)
