import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.agencies.models import Agency, Domain
from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import AcceptanceStatus, AppliesTo, CatalogStatus, Conclusion, MatterKind
from .models import Acceptance, CatalogItem, CountySelection, DelegationCatalog, Evaluation, Matter


class MatterFilterSet(BaseFilterSet):
    search_fields = ("code__icontains", "name__icontains")
    kind = django_filters.ChoiceFilter(choices=MatterKind.choices, label=_("Kind"))
    domain = django_filters.ModelChoiceFilter(queryset=Domain.objects.all(), label=_("Domain"))
    applies_to = django_filters.ChoiceFilter(choices=AppliesTo.choices, label=_("Applies to"))

    class Meta:
        model = Matter
        fields = ["q", "kind", "domain", "applies_to"]


class DelegationCatalogFilterSet(BaseFilterSet):
    search_fields = ("name__icontains", "version__icontains", "document_number__icontains")
    status = django_filters.ChoiceFilter(choices=CatalogStatus.choices, label=_("Status"))

    class Meta:
        model = DelegationCatalog
        fields = ["q", "status"]


class CatalogItemFilterSet(BaseFilterSet):
    search_fields = ("name__icontains", "matter__code__icontains")
    catalog = django_filters.ModelChoiceFilter(queryset=DelegationCatalog.objects.all(), label=_("Catalog"))
    domain = django_filters.ModelChoiceFilter(queryset=Domain.objects.all(), label=_("Domain"))
    applies_to = django_filters.ChoiceFilter(choices=AppliesTo.choices, label=_("Applies to"))

    class Meta:
        model = CatalogItem
        fields = ["q", "catalog", "domain", "applies_to"]


class CountySelectionFilterSet(BaseFilterSet):
    catalog = django_filters.ModelChoiceFilter(queryset=DelegationCatalog.objects.all(), label=_("Catalog"))

    class Meta:
        model = CountySelection
        fields = ["catalog"]


def township_bodies(request):
    from .choices import TOWNSHIP_BODY_KINDS

    return Agency.objects.restrict(getattr(request, "user", None)).filter(kind__in=TOWNSHIP_BODY_KINDS)


class AcceptanceFilterSet(BaseFilterSet):
    search_fields = ("matter__code__icontains", "matter__name__icontains")
    agency = django_filters.ModelChoiceFilter(queryset=township_bodies, label=_("Township"))
    domain = django_filters.ModelChoiceFilter(field_name="matter__domain", queryset=Domain.objects.all(),
                                              label=_("Domain"))
    catalog = django_filters.ModelChoiceFilter(queryset=DelegationCatalog.objects.all(), label=_("Catalog"))
    status = django_filters.ChoiceFilter(choices=AcceptanceStatus.choices, label=_("Status"))

    class Meta:
        model = Acceptance
        fields = ["q", "agency", "domain", "catalog", "status"]


class EvaluationFilterSet(BaseFilterSet):
    search_fields = ("matter__code__icontains", "matter__name__icontains", "evaluator__icontains")
    agency = django_filters.ModelChoiceFilter(queryset=township_bodies, label=_("Township"))
    domain = django_filters.ModelChoiceFilter(field_name="matter__domain", queryset=Domain.objects.all(),
                                              label=_("Domain"))
    conclusion = django_filters.ChoiceFilter(choices=Conclusion.choices, label=_("Conclusion"))

    class Meta:
        model = Evaluation
        fields = ["q", "agency", "domain", "conclusion"]
