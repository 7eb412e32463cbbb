from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import DeadlineRule, HolidayDay, HolidayYear
from ..workdays import validate_in_range


class DeadlineRuleSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True, default=None)

    class Meta:
        model = DeadlineRule
        fields = ["id", "code", "name", "count", "unit", "direction", "start_event", "citation", "note", "region",
                  "region_code", "created", "updated"]


class HolidayDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = HolidayDay
        fields = ["date", "kind", "festival"]


class HolidayYearSerializer(serializers.ModelSerializer):
    days = HolidayDaySerializer(many=True, read_only=True)

    class Meta:
        model = HolidayYear
        fields = ["id", "year", "source", "published", "days", "created", "updated"]


class ComputeQuerySerializer(serializers.Serializer):
    rule = serializers.SlugField(help_text=_("The rule's code, e.g. decision-service."))
    start = serializers.DateField(help_text=_("The day of the start event, YYYY-MM-DD (not counted)."),
                                  validators=[validate_in_range])
    region = serializers.CharField(required=False, help_text=_("A region code: its local rules apply."))


class ProvisionalFields(serializers.Serializer):
    provisional = serializers.BooleanField(help_text=_("True when the date was counted through a year whose holiday "
                                                       "arrangement is not published yet (its statutory holidays "
                                                       "only); it is recounted once the year is entered."))
    provisional_note = serializers.CharField(help_text=_("Why the date is provisional, in the user's language; "
                                                         "empty otherwise."))


class ComputeResultSerializer(ProvisionalFields):
    rule = serializers.CharField()
    start = serializers.CharField()
    due = serializers.CharField(help_text=_("A date; a date and time for periods in hours."))
    citation = serializers.CharField()


class AddWorkingDaysQuerySerializer(serializers.Serializer):
    start = serializers.DateField(help_text=_("YYYY-MM-DD (not counted)."), validators=[validate_in_range])
    days = serializers.IntegerField(min_value=0, max_value=1000)


class AddWorkingDaysResultSerializer(ProvisionalFields):
    start = serializers.DateField()
    days = serializers.IntegerField()
    due = serializers.DateField()
