from rest_framework import serializers

from ..models import ChangeLogEntry


class ChangeLogEntrySerializer(serializers.ModelSerializer):
    content_type = serializers.CharField(source="content_type.model", read_only=True)
    app_label = serializers.CharField(source="content_type.app_label", read_only=True)

    class Meta:
        model = ChangeLogEntry
        fields = ["id", "time", "user_name", "request_id", "source", "action", "app_label", "content_type",
                  "object_id", "object_repr", "before", "after", "prev_hash", "hash"]
