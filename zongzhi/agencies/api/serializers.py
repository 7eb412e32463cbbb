from rest_framework import serializers

from zongzhi.utilities.api import ScopedSerializer

from ..models import Agency, Domain


class DomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Domain
        fields = ["id", "code", "name", "order"]


class AgencySerializer(ScopedSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    domain_codes = serializers.SlugRelatedField(source="domains", many=True, read_only=True, slug_field="code")

    class Meta:
        model = Agency
        fields = ["id", "name", "short_name", "kind", "region", "region_code", "parent", "domains", "domain_codes",
                  "uscc", "is_enforcement_body", "acts_in_name_of", "address", "phone", "liaison_name",
                  "liaison_phone", "active", "created", "updated"]
        read_only_fields = ["created", "updated"]
