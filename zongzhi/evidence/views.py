"""Pages: the lists and details of evidence, preservations, seizures and the seized items ledger; the download of
evidence files (checked against their SHA-256); and the steps posted from the case page. Every query goes
through ``restrict``; the steps call ``services``."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from zongzhi.cases.models import Case
from zongzhi.utilities import views as generic
from zongzhi.utilities.scope import CHANGE, VIEW, can, in_scope

from . import forms, services
from .choices import ITEM_STATUS_COLORS, PRESERVATION_STATUS_COLORS, SEIZURE_STATUS_COLORS, ItemStatus
from .filtersets import EvidenceFilterSet, PreservationFilterSet, SeizedItemFilterSet, SeizureFilterSet
from .models import Evidence, EvidenceFile, Preservation, SeizedItem, Seizure
from .tables import evidence_table, preservation_table, seized_item_table, seizure_table


def case_url(case):
    """The case page (``cases:case``); the evidence list of the case while that page does not exist."""
    try:
        return reverse("cases:case", args=[case.pk])
    except NoReverseMatch:
        return reverse("evidence:evidence_list") + f"?case={case.pk}"


# --- lists and details ------------------------------------------------------------------------------------------

class EvidenceListView(generic.ObjectListView):
    model = Evidence
    table = evidence_table
    filterset_class = EvidenceFilterSet


class EvidenceDetailView(generic.ObjectDetailView):
    model = Evidence
    queryset = Evidence.objects.select_related("case", "collected_by", "added_by")

    def extra_context(self, obj):
        user = self.request.user
        return {"files": obj.files.select_related("uploaded_by").order_by("id"), "case_url": case_url(obj.case),
                "may_change": in_scope(user, obj, CHANGE) and obj.case.is_live,
                "decided": services.is_decided(obj.case), "files_form": forms.FilesForm(),
                "reason_form": forms.ReasonForm()}


class PreservationListView(generic.ObjectListView):
    model = Preservation
    table = preservation_table
    filterset_class = PreservationFilterSet


class PreservationDetailView(generic.ObjectDetailView):
    model = Preservation
    queryset = Preservation.objects.select_related("case", "proposed_by", "approved_by", "decided_by")

    def extra_context(self, obj):
        return {"items": obj.items.all(), "case_url": case_url(obj.case), "colors": PRESERVATION_STATUS_COLORS,
                "deadline": obj.case.deadlines.filter(key=obj.deadline_key).order_by("-id").first(),
                "may_change": in_scope(self.request.user, obj, CHANGE)}


class SeizureListView(generic.ObjectListView):
    model = Seizure
    table = seizure_table
    filterset_class = SeizureFilterSet


class SeizureDetailView(generic.ObjectDetailView):
    model = Seizure
    queryset = Seizure.objects.select_related("case", "proposed_by", "approved_by", "extended_by")

    def extra_context(self, obj):
        return {"items": obj.items.order_by("id"), "case_url": case_url(obj.case), "colors": SEIZURE_STATUS_COLORS,
                "item_colors": ITEM_STATUS_COLORS,
                "deadline": obj.case.deadlines.filter(key=obj.deadline_key).order_by("-id").first(),
                "may_change": in_scope(self.request.user, obj, CHANGE)}


class SeizedItemListView(generic.ObjectListView):
    """The seized and confiscated items ledger (扣押和罚没物品台账) across the cases the user may see."""

    model = SeizedItem
    table = seized_item_table
    filterset_class = SeizedItemFilterSet
    export_filename = gettext_lazy("Seized items ledger")


class SeizedItemDetailView(generic.ObjectDetailView):
    model = SeizedItem
    queryset = SeizedItem.objects.select_related("case__region", "seizure")

    def extra_context(self, obj):
        may_change = in_scope(self.request.user, obj, CHANGE)
        return {"events": obj.events.all(), "case_url": case_url(obj.case), "colors": ITEM_STATUS_COLORS,
                "may_change": may_change,
                "status_form": forms.ItemStatusForm() if may_change and obj.status in (
                    ItemStatus.IN_CUSTODY, ItemStatus.CONFISCATED) else None,
                "move_form": forms.MoveItemForm(initial={"custody_place": obj.custody_place,
                                                         "custodian": obj.custodian})
                if may_change and obj.status in (ItemStatus.IN_CUSTODY, ItemStatus.CONFISCATED) else None}


# --- downloads ----------------------------------------------------------------------------------------------------

class FileDownloadView(LoginRequiredMixin, View):
    """An evidence file, only to users who may see its case, only if its SHA-256 still matches."""

    def get(self, request, pk):
        stored = get_object_or_404(EvidenceFile.objects.restrict(request.user, VIEW).select_related("evidence"),
                                   pk=pk)
        if not services.verify_file(stored):
            return render(request, "evidence/file_refused.html", {"file": stored, "evidence": stored.evidence},
                          status=409)
        response = FileResponse(stored.file.storage.open(stored.file.name, "rb"), content_type=stored.content_type,
                                as_attachment=request.GET.get("inline") != "1", filename=stored.original_name)
        response["X-Content-SHA256"] = stored.sha256
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- steps from the case page ---------------------------------------------------------------------------------

class StepView(LoginRequiredMixin, View):
    """GET shows the step's form; POST validates it, calls the service and goes back (to ``next`` or the case
    page); a refusal shows the form again with the article, status 400."""

    form_class = None
    title = ""
    model = None  # the object the step acts on; ``None``: the case itself (``case_pk``)
    template_name = "evidence/step.html"

    def get_target(self):
        if not can(self.request.user, self.model or Evidence, CHANGE):  # the role must allow writing evidence
            raise Http404
        if self.model is None:
            return get_object_or_404(Case.objects.restrict(self.request.user, CHANGE), pk=self.kwargs["case_pk"])
        return get_object_or_404(self.model.objects.restrict(self.request.user, CHANGE).select_related("case"),
                                 pk=self.kwargs["pk"])

    def case_of(self, target):
        return target if isinstance(target, Case) else target.case

    def make_form(self, target, data=None, files=None, initial=None):
        return self.form_class(data, files, initial=initial)

    def back(self, target):
        nxt = self.request.POST.get("next") or self.request.GET.get("next")
        if nxt and url_has_allowed_host_and_scheme(nxt, {self.request.get_host()}):
            return nxt
        return case_url(self.case_of(target))

    def render_form(self, target, form, status=200):
        return render(self.request, self.template_name, {
            "title": self.get_title(target), "form": form, "target": target, "case": self.case_of(target),
            "back": self.back(target), "multipart": any(isinstance(f.widget, forms.MultipleFileInput)
                                                        for f in form.fields.values())}, status=status)

    def get_title(self, target):
        return f"{self.title} · {target}"

    def get(self, request, **kwargs):
        target = self.get_target()
        initial = {k: v for k, v in request.GET.items() if k != "next"}  # e.g. a seizure from a preservation
        return self.render_form(target, self.make_form(target, initial=initial or None))

    def post(self, request, **kwargs):
        target = self.get_target()
        form = self.make_form(target, request.POST, request.FILES)
        if form.is_valid():
            try:
                result = self.perform(target, form.cleaned_data)
            except ValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(request, self.success_message(result))
                return redirect(self.back(target))
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return self.render_form(target, form, status=400)

    def success_message(self, result):
        return _("Saved: %(object)s") % {"object": result}


class AddEvidenceView(StepView):
    form_class = forms.EvidenceForm
    title = gettext_lazy("Add evidence")

    def make_form(self, target, data=None, files=None, initial=None):
        return forms.EvidenceForm(data, files, case=target, initial=initial)

    def perform(self, case, data):
        return services.add_evidence(case, by=self.request.user, **data)


class AddFilesView(StepView):
    form_class = forms.FilesForm
    model = Evidence
    title = gettext_lazy("Add files")

    def perform(self, evidence, data):
        services.add_files(evidence, by=self.request.user, files=data["files"])
        return evidence


class DeleteEvidenceView(StepView):
    form_class = forms.ReasonForm
    model = Evidence
    title = gettext_lazy("Delete evidence")

    def perform(self, evidence, data):
        title = str(evidence)
        services.delete_evidence(evidence, by=self.request.user, reason=data["reason"])
        return title

    def success_message(self, result):
        return _("Deleted: %(object)s") % {"object": result}


class AddPreservationView(StepView):
    form_class = forms.PreservationForm
    title = gettext_lazy("Register evidence for preservation")

    def perform(self, case, data):
        return services.register_preservation(case, by=self.request.user, **data)


class ApprovePreservationView(StepView):
    form_class = forms.ApprovalForm
    model = Preservation
    title = gettext_lazy("Approve the preservation")

    def perform(self, preservation, data):
        return services.approve_preservation(preservation, by=self.request.user, **data)


class DecidePreservationView(StepView):
    form_class = forms.PreservationDecisionForm
    model = Preservation
    title = gettext_lazy("Decide on the preserved evidence")

    def perform(self, preservation, data):
        return services.decide_preservation(preservation, by=self.request.user, **data)


class AddSeizureView(StepView):
    form_class = forms.SeizureForm
    title = gettext_lazy("Seize or impound")

    def perform(self, case, data):
        return services.register_seizure(case, by=self.request.user, **data)


class ApproveSeizureView(StepView):
    form_class = forms.ApprovalForm
    model = Seizure
    title = gettext_lazy("Approve the seizure")

    def perform(self, seizure, data):
        return services.approve_seizure(seizure, by=self.request.user, **data)


class ExtendSeizureView(StepView):
    form_class = forms.ExtensionForm
    model = Seizure
    title = gettext_lazy("Extend the seizure")

    def perform(self, seizure, data):
        return services.extend_seizure(seizure, by=self.request.user, **data)


class TestingPeriodView(StepView):
    form_class = forms.TestingForm
    model = Seizure
    title = gettext_lazy("Testing period")

    def perform(self, seizure, data):
        return services.add_testing_period(seizure, by=self.request.user, **data)


class ItemStatusView(StepView):
    form_class = forms.ItemStatusForm
    model = SeizedItem
    title = gettext_lazy("Deal with the seized item")

    def back(self, target):
        nxt = self.request.POST.get("next") or self.request.GET.get("next")
        if nxt and url_has_allowed_host_and_scheme(nxt, {self.request.get_host()}):
            return nxt
        return target.get_absolute_url()

    def perform(self, item, data):
        return services.change_item_status(item, by=self.request.user, **data)


class MoveItemView(ItemStatusView):
    form_class = forms.MoveItemForm
    title = gettext_lazy("Change custody")

    def perform(self, item, data):
        return services.move_item(item, by=self.request.user, **data)


class CaseSectionView(LoginRequiredMixin, View):
    """The evidence section of a case alone (for an HTMX refresh of the case page)."""

    def get(self, request, case_pk):
        case = get_object_or_404(Case.objects.restrict(request.user, VIEW).select_related("region"), pk=case_pk)
        from .templatetags.evidence import section_context

        return render(request, "evidence/_section.html", section_context(case, request.user))


