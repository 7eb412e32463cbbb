import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from zongzhi.agencies.models import Domain
from zongzhi.utilities import views as generic
from zongzhi.utilities.scope import ADD, CHANGE, can, in_scope

from . import services
from .choices import CERTIFICATE_COLORS, STATUS_COLORS, CertificateStatus
from .filtersets import CertificateFilterSet, OfficerFilterSet
from .forms import CertificateForm, OfficerForm, ReissueForm, RevokeForm
from .imports import CertificateImporter, OfficerImporter
from .models import Certificate, Officer
from .tables import certificate_table, cleanup_table, officer_table


class OfficerListView(generic.ObjectListView):
    model = Officer
    table = officer_table
    filterset_class = OfficerFilterSet
    import_url_name = "officers:officer_import"


class OfficerDetailView(generic.ObjectDetailView):
    model = Officer
    queryset = Officer.objects.select_related("agency__region").prefetch_related("certificates__domains")

    def extra_context(self, obj):
        today = datetime.date.today()
        return {
            "id_number": obj.id_number_for(self.request.user),
            "certificates": [(c, c.effective_status, CERTIFICATE_COLORS[c.effective_status])
                             for c in obj.certificates.all()],
            "enforce_today": [(d, obj.can_enforce(today, d)) for d in Domain.objects.all()],
            "today": today,
            "status_colors": STATUS_COLORS,
            "can_add_certificate": in_scope(self.request.user, Certificate(officer=obj), ADD),
        }


class OfficerEditView(generic.ObjectEditView):
    model = Officer
    form_class = OfficerForm


class OfficerDeleteView(generic.ObjectDeleteView):
    model = Officer


class CertificateListView(generic.ObjectListView):
    model = Certificate
    table = certificate_table
    filterset_class = CertificateFilterSet
    import_url_name = "officers:certificate_import"
    extra_actions = (("officers:certificate_cleanup", gettext_lazy("Certificate clean-up")),)


class CertificateDetailView(generic.ObjectDetailView):
    model = Certificate
    queryset = Certificate.objects.select_related("officer__agency", "replaces", "replaced_by").prefetch_related(
        "domains")

    def extra_context(self, obj):
        status = obj.effective_status
        return {
            "status": status,
            "status_color": CERTIFICATE_COLORS[status],
            "can_act": obj.status != CertificateStatus.REVOKED and in_scope(self.request.user, obj, CHANGE),
        }


class CertificateEditView(generic.ObjectEditView):
    model = Certificate
    form_class = CertificateForm


def add_errors(form, error):
    """Put a service's errors on the form: under a field the form has, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class CertificateActionView(generic.ObjectMixin, View):
    """A POST form on one certificate that calls a service; errors re-render the form in Chinese."""

    model = Certificate
    action = CHANGE
    form_class = None
    title = ""
    template_name = "officers/certificate_action.html"

    def get(self, request, *args, **kwargs):
        return self.render_form(self.get_object(), self.form_class())

    def post(self, request, *args, **kwargs):
        cert = self.get_object()
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                result = self.perform(cert, form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, self.success_message(result))
                return redirect(result.get_absolute_url())
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return self.render_form(cert, form, status=400)

    def render_form(self, cert, form, status=200):
        return render(self.request, self.template_name, self.common_context(
            object=cert, form=form, title=self.title), status=status)


class CertificateRevokeView(CertificateActionView):
    form_class = RevokeForm
    title = gettext_lazy("Revoke the certificate")

    def perform(self, cert, data):
        return services.revoke_certificate(cert, reason=data["reason"], by=self.request.user)

    def success_message(self, cert):
        return _("Certificate %(number)s revoked.") % {"number": cert.number}


class CertificateReissueView(CertificateActionView):
    form_class = ReissueForm
    title = gettext_lazy("Reissue the certificate")

    def perform(self, cert, data):
        return services.reissue_certificate(cert, by=self.request.user, **data)

    def success_message(self, cert):
        return _("Certificate %(number)s issued in place of %(old)s.") % {"number": cert.number,
                                                                         "old": cert.replaces.number}


class CertificateCleanupView(LoginRequiredMixin, View):
    """The monthly clean-up (seed 004): active certificates of officers who retired, transferred or left."""

    template_name = "officers/certificate_cleanup.html"
    paginate_by = 100

    def candidates(self, action):
        queryset = Certificate.objects.restrict(self.request.user, action)
        return cleanup_table.optimize(services.cleanup_candidates(queryset)).order_by("officer__agency", "number")

    def get(self, request):
        return self.render_page(RevokeForm())

    def post(self, request):
        if not can(request.user, Certificate, CHANGE):
            raise Http404
        form = RevokeForm(request.POST)
        ids = request.POST.getlist("selected")
        chosen = list(self.candidates(CHANGE).filter(pk__in=[i for i in ids if i.isdigit()]))
        if form.is_valid():
            if not ids:
                form.add_error(None, _("Select at least one certificate."))
            elif len(chosen) != len(set(ids)):
                form.add_error(None, _("Some selected certificates are not clean-up candidates you may revoke; "
                                       "reload the page and try again."))
            else:
                count = services.bulk_revoke(chosen, reason=form.cleaned_data["reason"], by=request.user)
                messages.success(request, _("%(count)d certificates revoked.") % {"count": count})
                return redirect("officers:certificate_cleanup")
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return self.render_page(form, selected=set(ids), status=400)

    def render_page(self, form, selected=(), status=200):
        user = self.request.user
        page = Paginator(self.candidates("view"), self.paginate_by).get_page(self.request.GET.get("page"))
        return render(self.request, self.template_name, {
            "table": cleanup_table, "rows": list(page.object_list), "page": page, "query": "", "form": form,
            "selected": selected, "can_revoke": can(user, Certificate, CHANGE),
            "list_url": reverse("officers:certificate_list"),
        }, status=status)


class OfficerImportView(generic.ImportView):
    importer_class = OfficerImporter


class CertificateImportView(generic.ImportView):
    importer_class = CertificateImporter

