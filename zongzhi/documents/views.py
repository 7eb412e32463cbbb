from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from zongzhi.utilities import views as generic
from zongzhi.utilities.documents import FORMATS
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, can, in_scope

from . import services
from .choices import PUBLICATION_COLORS, STATUS_COLORS, DocumentStatus, PublicationStatus
from .filtersets import DocumentTemplateFilterSet, GeneratedDocumentFilterSet, PublicationFilterSet
from .forms import DocumentTemplateForm, IssueForm, VerifyForm, VoidForm, WithdrawForm
from .models import DocumentTemplate, GeneratedDocument, Publication
from .tables import document_table, publication_table, template_table


def describe(error) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(m for msgs in error.message_dict.values() for m in msgs)
    return " ".join(error.messages)


# --- templates ------------------------------------------------------------------------------------------------

class DocumentTemplateListView(generic.ObjectListView):
    model = DocumentTemplate
    table = template_table
    filterset_class = DocumentTemplateFilterSet


class DocumentTemplateDetailView(generic.ObjectDetailView):
    model = DocumentTemplate
    queryset = DocumentTemplate.objects.select_related("region")


class DocumentTemplateEditView(generic.ObjectEditView):
    model = DocumentTemplate
    form_class = DocumentTemplateForm


class DocumentTemplateDeleteView(generic.ObjectDeleteView):
    model = DocumentTemplate


# --- issued documents -----------------------------------------------------------------------------------------

class GeneratedDocumentListView(generic.ObjectListView):
    model = GeneratedDocument
    table = document_table
    filterset_class = GeneratedDocumentFilterSet


class GeneratedDocumentDetailView(generic.ObjectDetailView):
    model = GeneratedDocument
    queryset = GeneratedDocument.objects.select_related("agency", "template__region")

    def extra_context(self, obj):
        may_change = self.get_queryset(CHANGE).filter(pk=obj.pk).exists()
        return {"status_colors": STATUS_COLORS,
                "void_form": VoidForm() if may_change and obj.status == DocumentStatus.ISSUED else None}


def file_response(data: bytes, fmt: str, filename: str):
    response = HttpResponse(data, content_type=FORMATS[fmt][1])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class DocumentFileView(generic.ObjectMixin, View):
    model = GeneratedDocument

    def get(self, request, pk, fmt):
        doc = self.get_object()
        field = doc.pdf if fmt == "pdf" else doc.docx
        with field.open("rb") as f:
            return file_response(f.read(), fmt, doc.filename(fmt))


class VoidView(generic.ObjectMixin, View):
    model = GeneratedDocument
    action = CHANGE

    def post(self, request, pk):
        doc = self.get_object()
        form = VoidForm(request.POST)
        try:
            services.void_document(doc, reason=form.data.get("reason", ""), by=request.user)
        except ValidationError as error:
            messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": describe(error)})
        else:
            messages.success(request, _("The document is void."))
        return redirect(doc.get_absolute_url())


# --- publications ---------------------------------------------------------------------------------------------

class PublicationListView(generic.ObjectListView):
    model = Publication
    table = publication_table
    filterset_class = PublicationFilterSet
    extra_actions = (("documents:public_list", gettext_lazy("Public page")),)


class PublicationDetailView(generic.ObjectDetailView):
    model = Publication
    queryset = Publication.objects.select_related("agency", "document")

    def extra_context(self, obj):
        may_change = may_write_publication(self.request.user, obj)
        return {"status_colors": PUBLICATION_COLORS,
                "withdraw_form": WithdrawForm() if may_change and obj.status == PublicationStatus.PUBLISHED else None}


def may_write_publication(user, publication) -> bool:
    """Publishing and withdrawing use the permission of the decision document (roles.py grants case handlers
    ``documents.generateddocument``): whoever may change the decision may change its publication."""
    return in_scope(user, publication.document, CHANGE)


class WithdrawView(generic.ObjectMixin, View):
    model = Publication
    queryset = Publication.objects.select_related("document__agency")

    def post(self, request, pk):
        publication = self.get_object()
        if not may_write_publication(request.user, publication):
            raise Http404
        form = WithdrawForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError({k: v for k, v in form.errors.items()})
            services.withdraw(publication, reason=form.cleaned_data["reason"],
                                changed_on=form.cleaned_data["changed_on"], by=request.user)
        except ValidationError as error:
            messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": describe(error)})
        else:
            messages.success(request, _("The publication is withdrawn."))
        return redirect(publication.get_absolute_url())


# --- a case's documents ---------------------------------------------------------------------------------------

class CaseMixin(LoginRequiredMixin):
    def get_case(self, action=VIEW):
        from zongzhi.cases.models import Case

        return get_object_or_404(Case.objects.restrict(self.request.user, action)
                                 .select_related("agency", "deciding_body", "region"), pk=self.kwargs["case_pk"])


class CaseDocumentsView(CaseMixin, View):
    """The documents of one case: the list, a form to issue a kind, the case file and the publication."""

    def get(self, request, case_pk):
        return self.render_page(self.get_case())

    def render_page(self, case, form=None, status=200):
        docs = list(GeneratedDocument.objects.restrict(request_user := self.request.user)
                    .filter(case=case).select_related("agency").order_by("issued_at", "id"))
        publications = list(Publication.objects.restrict(request_user).filter(case=case).order_by("-published_at"))
        may_issue = can(request_user, GeneratedDocument, ADD) and self._may_change(case)
        try:
            case_url = case.get_absolute_url()
        except NoReverseMatch:  # the case pages are not there (yet)
            case_url = ""
        return render(self.request, "documents/case_documents.html", {
            "case": case, "case_url": case_url, "documents": docs, "publications": publications,
            "form": (form or IssueForm()) if may_issue else None,
            "may_publish": may_issue and services.publishable_decision(case) is not None
            and not any(p.status == PublicationStatus.PUBLISHED for p in publications),
            "status_colors": STATUS_COLORS, "publication_colors": PUBLICATION_COLORS,
        }, status=status)

    def _may_change(self, case):
        from zongzhi.cases.models import Case

        return Case.objects.restrict(self.request.user, CHANGE).filter(pk=case.pk).exists()

    def post(self, request, case_pk):
        case = self.get_case(CHANGE)
        if not can(request.user, GeneratedDocument, ADD):
            raise Http404
        form = IssueForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a valid kind of document."))
            return self.render_page(case, form, status=400)
        from .case_integration import issue_for_case

        try:
            doc = issue_for_case(case, form.cleaned_data["kind"], by=request.user)
        except ValidationError as error:
            messages.error(request, _("Nothing was issued: %(errors)s") % {"errors": describe(error)})
            return self.render_page(case, form, status=400)
        messages.success(request, _("Issued: %(number)s") % {"number": doc.number})
        return redirect(reverse("documents:case_documents", kwargs={"case_pk": case.pk}))


class CaseFileView(CaseMixin, View):
    def get(self, request, case_pk):
        from .case_integration import case_file_pdf

        case = self.get_case()
        return file_response(case_file_pdf(case), "pdf", f"{case.number}-案卷.pdf")


class CasePublishView(CaseMixin, View):
    def post(self, request, case_pk):
        case = self.get_case(CHANGE)
        if not can(request.user, GeneratedDocument, ADD):
            raise Http404
        try:
            services.publish(case, by=request.user)
        except ValidationError as error:
            messages.error(request, _("Nothing was published: %(errors)s") % {"errors": describe(error)})
        else:
            messages.success(request, _("The decision is published."))
        return redirect(reverse("documents:case_documents", kwargs={"case_pk": case.pk}))


# --- public pages (no login) ----------------------------------------------------------------------------------

VERIFY_LIMIT = 10  # failed checks per address and window
VERIFY_WINDOW = 15 * 60  # seconds


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def verify(request):
    """Anyone may check that a document is genuine: number + code → kind, number, issuing body, date, status.
    No personal data. Failed checks are limited per address (against guessing codes)."""
    key = f"documents:verify:{_client_address(request)}"
    data = request.GET if "number" in request.GET else None
    form = VerifyForm(data)
    context = {"form": form, "checked": False, "document": None}
    status = 200
    if data is not None:
        if (cache.get(key) or 0) >= VERIFY_LIMIT:
            context["throttled"] = True
            return render(request, "documents/verify.html", context, status=429)
        if form.is_valid():
            doc = services.verify(form.cleaned_data["number"], form.cleaned_data["code"])
            context.update(checked=True, document=doc)
            if doc is None:
                cache.add(key, 0, VERIFY_WINDOW)
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, 1, VERIFY_WINDOW)
                status = 404
        else:
            status = 400
    return render(request, "documents/verify.html", context, status=status)


published = Publication.objects.filter(status=PublicationStatus.PUBLISHED).select_related("agency")


def public_list(request):
    page = Paginator(published.order_by("-published_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "documents/public_list.html", {"page": page, "rows": list(page.object_list),
                                                          "query": ""})


def public_detail(request, pk):
    return render(request, "documents/public_detail.html", {"object": get_object_or_404(published, pk=pk)})

