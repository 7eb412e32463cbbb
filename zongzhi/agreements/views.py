from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from zongzhi.utilities import views as generic
from zongzhi.utilities.documents import FORMATS
from zongzhi.utilities.scope import CHANGE

from . import services
from .choices import KIND_COLORS, STATUS_COLORS, AgreementStatus
from .documents import build_document, filename, wording
from .filtersets import DelegationAgreementFilterSet
from .forms import DelegationAgreementForm, PublishForm, SignForm, TerminateForm
from .models import DelegationAgreement
from .tables import agreement_table

ACTIONS = {
    "sign": (gettext_lazy("Sign"), SignForm),
    "publish": (gettext_lazy("Publish"), PublishForm),
    "terminate": (gettext_lazy("Terminate"), TerminateForm),
}
DETAIL_RELATED = ("delegating_agency", "receiving_agency", "territory")
MATTER_RELATED = ("violated_article__version__law", "penalty_article__version__law")


def document_response(agreement, fmt):
    render_document, content_type = FORMATS[fmt]
    response = HttpResponse(render_document(build_document(agreement)), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename(agreement, fmt))
    return response


class DelegationAgreementListView(generic.ObjectListView):
    model = DelegationAgreement
    queryset = DelegationAgreement.objects.annotate(matter_count=Count("matters")).order_by("-id")
    table = agreement_table
    filterset_class = DelegationAgreementFilterSet
    extra_actions = (("agreements:public_list", gettext_lazy("Public index")),)


class DelegationAgreementDetailView(generic.ObjectDetailView):
    model = DelegationAgreement
    queryset = DelegationAgreement.objects.select_related(*DETAIL_RELATED)

    def extra_context(self, obj):
        may_change = self.get_queryset(CHANGE).filter(pk=obj.pk).exists()
        return {
            "matters": obj.matters.select_related(*MATTER_RELATED),
            "articles": obj.basis_articles.select_related("version__law"),
            "missing": services.missing_for_signature(obj) if obj.status == AgreementStatus.DRAFT else [],
            "actions": [{"name": name, "label": ACTIONS[name][0], "form": ACTIONS[name][1](),
                         "url": reverse(f"agreements:{name}", args=[obj.pk])}
                        for name in services.allowed_actions(obj)] if may_change else [],
            "editable": may_change and obj.status == AgreementStatus.DRAFT,
            "status_colors": STATUS_COLORS,
            "kind_colors": KIND_COLORS,
            "jurisdiction": wording(obj)["jurisdiction"],
        }


class DraftOnlyMixin:
    """Only a draft may be edited or deleted: a signed agreement is terminated and replaced."""

    def base_queryset(self):
        return super().base_queryset().filter(status=AgreementStatus.DRAFT)


class DelegationAgreementEditView(DraftOnlyMixin, generic.ObjectEditView):
    model = DelegationAgreement
    form_class = DelegationAgreementForm


class DelegationAgreementDeleteView(DraftOnlyMixin, generic.ObjectDeleteView):
    model = DelegationAgreement


class TransitionView(generic.ObjectMixin, View):
    """POST a small form; the service does the change (or refuses it with a message)."""

    model = DelegationAgreement
    action = CHANGE
    form_class = None
    service = None
    done = ""

    def post(self, request, pk):
        agreement = self.get_object()
        form = self.form_class(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError({name: errors for name, errors in form.errors.items()})
            self.service(agreement, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": describe(error, form)})
        else:
            messages.success(request, self.done)
        return redirect(agreement.get_absolute_url())


def describe(error, form):
    """'签署日期：不能晚于今天。' — messages with the label of the field they belong to."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    labels = {name: field.label for name, field in form.fields.items()}
    return " ".join(f"{labels.get(name, '')}：{m}" if name in labels else m
                    for name, errors in error.message_dict.items() for m in errors)


class SignView(TransitionView):
    form_class, service, done = SignForm, staticmethod(services.sign), gettext_lazy("The agreement is signed.")


class PublishView(TransitionView):
    form_class, service = PublishForm, staticmethod(services.publish)
    done = gettext_lazy("The agreement is published.")


class TerminateView(TransitionView):
    form_class, service = TerminateForm, staticmethod(services.terminate)
    done = gettext_lazy("The agreement is terminated.")


class DocumentView(generic.ObjectMixin, View):
    model = DelegationAgreement
    queryset = DelegationAgreement.objects.select_related(*DETAIL_RELATED)

    def get(self, request, pk, fmt):
        return document_response(self.get_object(), fmt)


# --- public pages (事前公开, 行政处罚法 Art. 39): no login, published agreements only -------------------------------

published = DelegationAgreement.objects.filter(status=AgreementStatus.PUBLISHED).select_related(*DETAIL_RELATED)


def public_list(request):
    page = Paginator(published.annotate(matter_count=Count("matters")).order_by("territory__code", "id"),
                     50).get_page(request.GET.get("page"))
    return render(request, "agreements/public_list.html", {"page": page, "rows": list(page.object_list),
                                                           "query": ""})


def public_detail(request, pk):
    agreement = get_object_or_404(published, pk=pk)
    return render(request, "agreements/public_detail.html", {
        "object": agreement, "matters": agreement.matters.select_related(*MATTER_RELATED),
    })


def public_pdf(request, pk):
    return document_response(get_object_or_404(published, pk=pk), "pdf")
