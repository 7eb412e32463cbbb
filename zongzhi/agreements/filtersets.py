import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.agencies.models import Agency
from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import DELEGATING_KINDS, AgreementKind, AgreementStatus
from .models import DelegationAgreement


class DelegationAgreementFilterSet(BaseFilterSet):
    search_fields = ("number__icontains", "delegating_agency__name__icontains", "receiving_agency__name__icontains",
                     "territory__name__icontains")
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=AgreementKind.choices, label=_("Kind"))
    delegating_agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.none(),
                                                         label=_("Delegating department"))
    territory = django_filters.CharFilter(method="in_region", label=_("Region code"))

    class Meta:
        model = DelegationAgreement
        fields = ["q", "status", "kind", "delegating_agency", "territory"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["delegating_agency"].queryset = Agency.objects.restrict(user).filter(kind__in=DELEGATING_KINDS)

    def in_region(self, queryset, name, value):
        """The agreements of a township, or of every township of a county, city or province."""
        value = value.strip()
        return queryset.filter(territory__path__contains=f"/{value}/") if value else queryset
