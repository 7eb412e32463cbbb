import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import LawKind
from .models import Article, Law, LawVersion


class LawFilterSet(BaseFilterSet):
    search_fields = ("title__icontains", "short_title__icontains")
    kind = django_filters.ChoiceFilter(choices=LawKind.choices, label=_("Kind"))
    issuer = django_filters.CharFilter(label=_("Issuer"))
    region = django_filters.CharFilter(field_name="region__code", label=_("Jurisdiction region code"))

    class Meta:
        model = Law
        fields = ["q", "kind", "issuer", "region"]


class LawVersionFilterSet(BaseFilterSet):
    search_fields = ("law__title__icontains", "label__icontains")
    law = django_filters.ModelChoiceFilter(queryset=Law.objects.all(), label=_("Law"))

    class Meta:
        model = LawVersion
        fields = ["q", "law"]


class ArticleFilterSet(BaseFilterSet):
    search_fields = ("text__icontains",)
    law = django_filters.ModelChoiceFilter(field_name="version__law", queryset=Law.objects.all(), label=_("Law"))
    version = django_filters.ModelChoiceFilter(queryset=LawVersion.objects.select_related("law"), label=_("Version"))
    number = django_filters.NumberFilter(label=_("Article number"))

    class Meta:
        model = Article
        fields = ["q", "law", "version", "number"]
