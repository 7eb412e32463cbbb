import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zongzhi.agencies.models import Agency, Domain
from zongzhi.utilities.filtersets import BaseFilterSet, NamedChoiceFilter

from .choices import CertificateKind, CertificateStatus, OfficerStatus, StaffingKind
from .models import Certificate, Officer
from .services import expiring


class ScopedAgencyFilterSet(BaseFilterSet):
    """Offers only the agencies the user can see."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Only what the option needs: a county-wide list may offer hundreds of agencies.
        self.filters["agency"].queryset = Agency.objects.restrict(getattr(request, "user", None)).order_by("name")


class OfficerFilterSet(ScopedAgencyFilterSet):
    search_fields = ("name__icontains", "post__icontains")
    agency = NamedChoiceFilter(queryset=Agency.objects.none(), label=_("Agency"))
    staffing = django_filters.ChoiceFilter(choices=StaffingKind.choices, label=_("Staffing kind"))
    status = django_filters.ChoiceFilter(choices=OfficerStatus.choices, label=_("Status"))
    legal_qualification = django_filters.BooleanFilter(label=_("Legal professional qualification"))

    class Meta:
        model = Officer
        fields = ["q", "agency", "staffing", "status", "legal_qualification"]


class CertificateFilterSet(ScopedAgencyFilterSet):
    search_fields = ("number__icontains", "officer__name__icontains")
    kind = django_filters.ChoiceFilter(choices=CertificateKind.choices, label=_("Certificate kind"))
    status = django_filters.ChoiceFilter(choices=CertificateStatus.choices, method="filter_status", label=_("Status"))
    domain = django_filters.ModelChoiceFilter(field_name="domains", queryset=Domain.objects.all(), label=_("Domain"))
    agency = NamedChoiceFilter(field_name="officer__agency", queryset=Agency.objects.none(),
                               label=_("Agency of the officer"))
    officer = django_filters.NumberFilter(field_name="officer_id", label=_("Officer"))
    expiring_within = django_filters.NumberFilter(method="filter_expiring", min_value=0,
                                                  label=_("Expiring within (days)"))

    class Meta:
        model = Certificate
        fields = ["q", "kind", "status", "domain", "agency", "officer", "expiring_within"]

    def filter_status(self, queryset, name, value):
        """As shown to users: an active certificate past its end counts as expired."""
        today = datetime.date.today()
        past = Q(status=CertificateStatus.ACTIVE, valid_to__lt=today)
        if value == CertificateStatus.ACTIVE:
            return queryset.filter(status=value).exclude(past)
        if value == CertificateStatus.EXPIRED:
            return queryset.filter(Q(status=value) | past)
        return queryset.filter(status=value)

    def filter_expiring(self, queryset, name, value):
        return expiring(queryset, int(value))
