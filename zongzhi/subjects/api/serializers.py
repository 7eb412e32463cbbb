from django.utils.translation import gettext as _
from rest_framework import serializers

from zongzhi.utilities.api import ScopedSerializer

from ..models import Area, ClassStrategy, Subject


class SubjectSerializer(ScopedSerializer):
    """Locations are WGS84; the area follows the location when there is one."""

    region_name = serializers.CharField(source="region.name", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True, default=None)

    class Meta:
        model = Subject
        fields = ["id", "kind", "name", "uscc", "region", "region_name", "area", "area_name", "department", "address",
                  "latitude", "longitude", "category", "risk_class", "credit_class", "contact_name", "contact_phone",
                  "active", "created", "updated"]
        read_only_fields = ["created", "updated"]

    def to_internal_value(self, data):
        if isinstance(data.get("uscc"), str):  # normalise before the uniqueness check
            data = data.copy()
            data["uscc"] = data["uscc"].strip().upper()
        return super().to_internal_value(data)


class AreaSerializer(ScopedSerializer):
    """``boundary`` is a GeoJSON polygon of [longitude, latitude] pairs (WGS84), its ring closed."""

    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Area
        fields = ["id", "name", "region", "region_name", "kind", "key_area", "boundary", "team", "officers", "note",
                  "created", "updated"]
        read_only_fields = ["created", "updated"]


class ClassStrategySerializer(ScopedSerializer):
    class Meta:
        model = ClassStrategy
        fields = ["id", "region", "risk_class", "inspections_per_year", "mode", "note", "created", "updated"]
        read_only_fields = ["created", "updated"]


class MapQuerySerializer(serializers.Serializer):
    bbox = serializers.CharField(required=False, help_text="min longitude,min latitude,max longitude,max latitude")
    days = serializers.IntegerField(required=False, default=90, min_value=1, max_value=3660,
                                    help_text="Recent inspections: those of the last ``days`` days (default 90).")

    def validate_bbox(self, value):
        message = _("Give the box as west,south,east,north in WGS84 degrees.")
        try:
            west, south, east, north = (float(v) for v in value.split(","))
        except ValueError:
            raise serializers.ValidationError(message) from None
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise serializers.ValidationError(message)
        return west, south, east, north
