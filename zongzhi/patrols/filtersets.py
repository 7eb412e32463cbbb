import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.regions.models import Region
from zongzhi.subjects.models import Area
from zongzhi.subjects.services import townships_for
from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import NonSiteKind, NonSiteStatus
from .models import Campaign, NonSiteTask, Patrol, PatrolFinding


class _TownshipMixin:
    """Offers only the townships (and areas, campaigns) the user can see."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if "region" in self.filters:
            self.filters["region"].queryset = townships_for(user, self._meta.model)
        if "area" in self.filters:
            self.filters["area"].queryset = Area.objects.restrict(user)
        if "campaign" in self.filters:
            self.filters["campaign"].queryset = Campaign.objects.restrict(user)


class NonSiteTaskFilterSet(_TownshipMixin, BaseFilterSet):
    search_fields = ("subject__name__icontains", "topic__icontains", "token_prefix__exact")
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.none(), field_name="subject__region",
                                              label=_("Township"))
    kind = django_filters.ChoiceFilter(choices=NonSiteKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=NonSiteStatus.choices, label=_("Status"))
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.none(), label=_("Campaign"))
    sent_after = django_filters.DateFilter(field_name="sent_at", lookup_expr="date__gte", label=_("Sent from"))
    sent_before = django_filters.DateFilter(field_name="sent_at", lookup_expr="date__lte", label=_("Sent until"))

    class Meta:
        model = NonSiteTask
        fields = ["q", "region", "kind", "status", "campaign", "sent_after", "sent_before"]


class PatrolFilterSet(_TownshipMixin, BaseFilterSet):
    search_fields = ("summary__icontains",)
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.none(), field_name="agency__region",
                                              label=_("Township"))
    area = django_filters.ModelChoiceFilter(queryset=Area.objects.none(), label=_("Area"))
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.none(), label=_("Campaign"))
    started_after = django_filters.DateFilter(field_name="started_at", lookup_expr="date__gte", label=_("From"))
    started_before = django_filters.DateFilter(field_name="started_at", lookup_expr="date__lte", label=_("Until"))

    class Meta:
        model = Patrol
        fields = ["q", "region", "area", "campaign", "started_after", "started_before"]


class PatrolFindingFilterSet(BaseFilterSet):
    search_fields = ("description__icontains", "address__icontains")
    patrol = django_filters.NumberFilter(field_name="patrol_id", label=_("Patrol"))
    has_clue = django_filters.BooleanFilter(field_name="clue", lookup_expr="isnull", exclude=True,
                                            label=_("Clue opened"))

    class Meta:
        model = PatrolFinding
        fields = ["q", "patrol", "has_clue"]


class CampaignFilterSet(BaseFilterSet):
    search_fields = ("name__icontains",)
    year = django_filters.NumberFilter(field_name="starts_on", lookup_expr="year", label=_("Year"))

    class Meta:
        model = Campaign
        fields = ["q", "year"]
