from rest_framework import serializers

from ..models import Region


class RegionSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", read_only=True, default=None)
    administered_by_code = serializers.CharField(source="administered_by.code", read_only=True, default=None)

    class Meta:
        model = Region
        fields = ["id", "code", "name", "level", "kind", "parent", "parent_code", "administered_by",
                  "administered_by_code", "path"]
