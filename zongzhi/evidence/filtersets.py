import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.cases.filtersets import townships_for
from zongzhi.utilities.filtersets import BaseFilterSet, NamedChoiceFilter
from zongzhi.utilities.forms import DateInput

from .choices import EvidenceKind, ItemStatus, PreservationStatus, SeizureStatus
from .models import Evidence, Preservation, SeizedItem, Seizure


def _townships(model):
    def options(request):
        return townships_for(getattr(request, "user", None), model)
    return options


class CaseFilters(BaseFilterSet):
    """Filters every list of this app shares: the case (by id, from the case page, or by its number) and the
    township of the case. Each runs on an index (the case foreign key, the case number, the case's region)."""

    case = django_filters.NumberFilter(field_name="case", label=_("Case id"))
    case_number = django_filters.CharFilter(field_name="case__number", lookup_expr="startswith",
                                            label=_("Case number"))


class EvidenceFilterSet(CaseFilters):
    search_fields = ("title__icontains", "source__icontains", "case__number__startswith")
    kind = django_filters.ChoiceFilter(choices=EvidenceKind.choices, label=_("Kind"))
    township = NamedChoiceFilter(field_name="case__region", queryset=_townships(Evidence), label=_("Township"))
    collected_from = django_filters.DateFilter(field_name="collected_at__date", lookup_expr="gte",
                                               label=_("Collected from"), widget=DateInput)
    collected_to = django_filters.DateFilter(field_name="collected_at__date", lookup_expr="lte",
                                             label=_("Collected to"), widget=DateInput)

    class Meta:
        model = Evidence
        fields = ["q", "kind", "township", "case", "case_number", "collected_from", "collected_to"]


class PreservationFilterSet(CaseFilters):
    search_fields = ("place__icontains", "case__number__startswith")
    status = django_filters.ChoiceFilter(choices=PreservationStatus.choices, label=_("Status"))
    township = NamedChoiceFilter(field_name="case__region", queryset=_townships(Preservation), label=_("Township"))
    registered_from = django_filters.DateFilter(field_name="registered_on", lookup_expr="gte",
                                                label=_("Registered from"), widget=DateInput)
    registered_to = django_filters.DateFilter(field_name="registered_on", lookup_expr="lte",
                                              label=_("Registered to"), widget=DateInput)

    class Meta:
        model = Preservation
        fields = ["q", "status", "township", "case", "case_number", "registered_from", "registered_to"]


class SeizureFilterSet(CaseFilters):
    search_fields = ("place__icontains", "case__number__startswith")
    status = django_filters.ChoiceFilter(choices=SeizureStatus.choices, label=_("Status"))
    township = NamedChoiceFilter(field_name="case__region", queryset=_townships(Seizure), label=_("Township"))
    seized_from = django_filters.DateFilter(field_name="seized_on", lookup_expr="gte", label=_("Seized from"),
                                            widget=DateInput)
    seized_to = django_filters.DateFilter(field_name="seized_on", lookup_expr="lte", label=_("Seized to"),
                                          widget=DateInput)

    class Meta:
        model = Seizure
        fields = ["q", "status", "township", "case", "case_number", "seized_from", "seized_to"]


class SeizedItemFilterSet(CaseFilters):
    """The ledger's filters: status, township, case, and the date seized (all indexed)."""

    search_fields = ("name__icontains", "custody_place__icontains", "case__number__startswith")
    status = django_filters.ChoiceFilter(choices=ItemStatus.choices, label=_("Status"))
    township = NamedChoiceFilter(field_name="case__region", queryset=_townships(SeizedItem), label=_("Township"))
    seized_from = django_filters.DateFilter(field_name="seized_on", lookup_expr="gte", label=_("Seized from"),
                                            widget=DateInput)
    seized_to = django_filters.DateFilter(field_name="seized_on", lookup_expr="lte", label=_("Seized to"),
                                          widget=DateInput)

    class Meta:
        model = SeizedItem
        fields = ["q", "status", "township", "case", "case_number", "seized_from", "seized_to"]
