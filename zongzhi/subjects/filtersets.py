import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.regions.models import Region
from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import AreaKind, Category, CreditClass, RiskClass, SubjectKind
from .models import Area, ClassStrategy, Subject
from .services import townships_for


class TownshipFilterSet(BaseFilterSet):
    """Offers only the townships (and areas) the user can see."""

    region = django_filters.ModelChoiceFilter(queryset=Region.objects.none(), label=_("Township"))

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        self.filters["region"].queryset = townships_for(user, self._meta.model)
        if "area" in self.filters:
            self.filters["area"].queryset = Area.objects.restrict(user)


class SubjectFilterSet(TownshipFilterSet):
    search_fields = ("name__icontains", "uscc__iexact", "address__icontains", "contact_name__icontains")
    area = django_filters.ModelChoiceFilter(queryset=Area.objects.none(), label=_("Area"))
    kind = django_filters.ChoiceFilter(choices=SubjectKind.choices, label=_("Kind"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("Category"))
    risk_class = django_filters.MultipleChoiceFilter(choices=RiskClass.choices, label=_("Risk class"))
    credit_class = django_filters.ChoiceFilter(choices=CreditClass.choices, label=_("Credit class"))
    active = django_filters.BooleanFilter(label=pgettext_lazy("subject", "Active"))

    class Meta:
        model = Subject
        fields = ["q", "region", "area", "kind", "category", "risk_class", "credit_class", "active"]


class AreaFilterSet(TownshipFilterSet):
    search_fields = ("name__icontains", "note__icontains")
    kind = django_filters.ChoiceFilter(choices=AreaKind.choices, label=_("Kind"))
    key_area = django_filters.BooleanFilter(label=_("Key area"))

    class Meta:
        model = Area
        fields = ["q", "region", "kind", "key_area"]


class ClassStrategyFilterSet(BaseFilterSet):
    risk_class = django_filters.ChoiceFilter(choices=RiskClass.choices, label=_("Risk class"))

    class Meta:
        model = ClassStrategy
        fields = ["risk_class"]
