import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.cases.filtersets import townships_for
from zongzhi.utilities.filtersets import BaseFilterSet, NamedChoiceFilter

from .choices import Conclusion, Opinion, ReviewStatus, TransferKind, TransferStatus
from .models import CollectiveDiscussion, LegalReview, Transfer

ALL = "all"


def review_townships(request):
    return townships_for(getattr(request, "user", None), LegalReview)


def transfer_townships(request):
    return townships_for(getattr(request, "user", None), Transfer)


class LegalReviewFilterSet(BaseFilterSet):
    """The review queue: pending reviews unless another status (or all) is chosen. Filters run on indexed columns:
    status and due date (``reviews_review_due_idx``), opinion, the case's region (foreign key)."""

    search_fields = ("case__number__contains", "case__cause__contains")
    status = django_filters.ChoiceFilter(choices=[*ReviewStatus.choices, (ALL, _("All"))], method="filter_status",
                                         label=_("Status"), empty_label=None)
    opinion = django_filters.ChoiceFilter(choices=Opinion.choices, label=_("Opinion"))
    township = NamedChoiceFilter(field_name="case__region", queryset=review_townships, label=_("Township"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Only overdue"),
                                           widget=django_filters.widgets.BooleanWidget)

    class Meta:
        model = LegalReview
        fields = ["q", "status", "opinion", "township", "overdue"]

    def filter_status(self, queryset, name, value):
        return queryset  # applied in ``filter_queryset`` so that "pending" is also the default

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(status=ReviewStatus.PENDING, due_on__lt=timezone.localdate()) if value else queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        status = self.form.cleaned_data.get("status") or ReviewStatus.PENDING
        return queryset if status == ALL else queryset.filter(status=status)


class CollectiveDiscussionFilterSet(BaseFilterSet):
    search_fields = ("case__number__contains", "case__cause__contains", "chair__contains")
    conclusion = django_filters.ChoiceFilter(choices=Conclusion.choices, label=pgettext_lazy("review", "Conclusion"))

    class Meta:
        model = CollectiveDiscussion
        fields = ["q", "conclusion"]


class TransferFilterSet(BaseFilterSet):
    search_fields = ("case__number__contains", "receiver_name__contains")
    kind = django_filters.ChoiceFilter(choices=TransferKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=TransferStatus.choices, label=_("Status"))
    township = NamedChoiceFilter(field_name="case__region", queryset=transfer_townships, label=_("Township"))

    class Meta:
        model = Transfer
        fields = ["q", "kind", "status", "township"]
