import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import DrawStatus, InspectionMode, InspectionResult, InspectionStatus, PlanKind, PlanStatus
from .models import Draw, Inspection, InspectionItem, InspectionPlan, JointInspection


class InspectionItemFilterSet(BaseFilterSet):
    search_fields = ("code__icontains", "name__icontains")
    published = django_filters.BooleanFilter(label=_("Published"))

    class Meta:
        model = InspectionItem
        fields = ["q", "published", "domain"]


class InspectionPlanFilterSet(BaseFilterSet):
    search_fields = ("name__icontains",)
    kind = django_filters.ChoiceFilter(choices=PlanKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Status"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = InspectionPlan
        fields = ["q", "kind", "status", "year"]


class InspectionFilterSet(BaseFilterSet):
    search_fields = ("subject__name__icontains", "code")
    status = django_filters.ChoiceFilter(choices=InspectionStatus.choices, label=_("Status"))
    mode = django_filters.ChoiceFilter(choices=InspectionMode.choices, label=_("Mode"))
    result = django_filters.ChoiceFilter(choices=InspectionResult.choices, label=_("Result"))
    non_site = django_filters.BooleanFilter(label=_("Non-site"))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))
    subject = django_filters.NumberFilter(field_name="subject_id", label=_("Subject"))

    class Meta:
        model = Inspection
        fields = ["q", "status", "mode", "result", "non_site", "date_from", "date_to", "subject"]


class DrawFilterSet(BaseFilterSet):
    search_fields = ("name__icontains",)
    status = django_filters.ChoiceFilter(choices=DrawStatus.choices, label=_("Status"))

    class Meta:
        model = Draw
        fields = ["q", "status"]


class JointInspectionFilterSet(BaseFilterSet):
    search_fields = ("subject__name__icontains",)
    date_from = django_filters.DateFilter(field_name="scheduled_for", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="scheduled_for", lookup_expr="lte", label=_("To"))

    class Meta:
        model = JointInspection
        fields = ["q", "date_from", "date_to"]
