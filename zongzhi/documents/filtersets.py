import django_filters
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.filtersets import BaseFilterSet

from .choices import DocumentKind, DocumentStatus, PublicationStatus
from .models import DocumentTemplate, GeneratedDocument, Publication


class DocumentTemplateFilterSet(BaseFilterSet):
    search_fields = ("title__icontains", "note__icontains")
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, label=_("Kind"))
    active = django_filters.BooleanFilter(label=_("Active"))
    national = django_filters.BooleanFilter(field_name="region", lookup_expr="isnull", label=_("National default"))

    class Meta:
        model = DocumentTemplate
        fields = ["q", "kind", "active", "national"]


class GeneratedDocumentFilterSet(BaseFilterSet):
    search_fields = ("number__icontains", "title__icontains")
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=DocumentStatus.choices, label=_("Status"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = GeneratedDocument
        fields = ["q", "kind", "status", "year"]


class PublicationFilterSet(BaseFilterSet):
    search_fields = ("title__icontains", "party__icontains")
    status = django_filters.ChoiceFilter(choices=PublicationStatus.choices, label=_("Status"))
    late = django_filters.BooleanFilter(label=_("Published late"))

    class Meta:
        model = Publication
        fields = ["q", "status", "late"]
