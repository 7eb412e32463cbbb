import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from openpyxl import Workbook

from zongzhi.regions.models import Region
from zongzhi.utilities import views as generic
from zongzhi.utilities.excel import xlsx_response
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, can, in_scope

from . import services
from .choices import (
    ACCEPTANCE_STATUS_COLORS,
    CATALOG_STATUS_COLORS,
    CONCLUSION_COLORS,
    AcceptanceStatus,
    CatalogStatus,
    ImportKind,
)
from .filtersets import (
    AcceptanceFilterSet,
    CatalogItemFilterSet,
    CountySelectionFilterSet,
    DelegationCatalogFilterSet,
    EvaluationFilterSet,
    MatterFilterSet,
)
from .forms import (
    AcceptanceForm,
    CatalogItemForm,
    CountySelectionForm,
    DelegationCatalogForm,
    EvaluationForm,
    MatterForm,
    MayExerciseForm,
    TransitionSettingForm,
    WithdrawForm,
)
from .imports import importer_for, start_import
from .models import (
    Acceptance,
    CatalogItem,
    CountySelection,
    DelegationCatalog,
    Evaluation,
    ImportJob,
    Matter,
    TransitionSetting,
)
from .tables import (
    acceptance_table,
    catalog_table,
    evaluation_table,
    item_table,
    matter_table,
    selection_table,
    transition_table,
)

# --- matters ------------------------------------------------------------------------------------------------


class MatterListView(generic.ObjectListView):
    model = Matter
    table = matter_table
    filterset_class = MatterFilterSet
    import_url_name = "catalog:matter_import"
    extra_actions = (("catalog:may_exercise", gettext_lazy("May exercise?")),)


class MatterDetailView(generic.ObjectDetailView):
    model = Matter
    queryset = Matter.objects.select_related("domain", "keeper", "violated_article__version__law",
                                             "penalty_article__version__law")

    def extra_context(self, obj):
        user = self.request.user
        return {
            "items": obj.catalog_items.select_related("catalog").order_by("-catalog__effective"),
            "acceptances": Acceptance.objects.restrict(user).filter(matter=obj).select_related("agency", "catalog"),
            "penalty_type_labels": obj.penalty_type_labels,
            "status_colors": CATALOG_STATUS_COLORS,
        }


class MatterEditView(generic.ObjectEditView):
    model = Matter
    form_class = MatterForm


class MatterDeleteView(generic.ObjectDeleteView):
    model = Matter


# --- catalogs -----------------------------------------------------------------------------------------------


class CatalogListView(generic.ObjectListView):
    """The catalog page, with today's duty-boundary check of the county above the versions."""

    model = DelegationCatalog
    table = catalog_table
    filterset_class = DelegationCatalogFilterSet
    template_name = "catalog/delegationcatalog_list.html"
    extra_actions = (("catalog:boundaries", gettext_lazy("Duty boundaries")),
                     ("catalog:countyselection_list", gettext_lazy("County selections")),
                     ("catalog:transitionsetting_list", gettext_lazy("Transition settings")))

    def extra_context(self, request):
        county = selected_counties().first()
        return {"boundary": services.boundaries(county, datetime.date.today()) if county else None}


class CatalogDetailView(generic.ObjectDetailView):
    model = DelegationCatalog
    queryset = DelegationCatalog.objects.select_related("issuer", "keeper", "previous")

    def extra_context(self, obj):
        user = self.request.user
        items = list(obj.items.select_related("matter", "domain").order_by("number", "pk"))
        editable = obj.is_draft and in_scope(user, obj, CHANGE)
        return {
            "items": items,
            "selections": CountySelection.objects.restrict(user).filter(catalog=obj).select_related("county"),
            "next_versions": obj.next_versions.all(),
            "status_colors": CATALOG_STATUS_COLORS,
            "editable": editable,
            "can_publish": editable and bool(items),
        }


class CatalogEditView(generic.ObjectEditView):
    model = DelegationCatalog
    form_class = DelegationCatalogForm


class CatalogDeleteView(generic.ObjectDeleteView):
    model = DelegationCatalog

    def get_queryset(self, action=None):
        return super().get_queryset(action).filter(status=CatalogStatus.DRAFT)


class CatalogPublishView(generic.ObjectMixin, View):
    model = DelegationCatalog

    def post(self, request, pk):
        catalog = self.get_object(CHANGE)
        try:
            lapsed = services.publish_version(catalog)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Published %(catalog)s; %(n)s acceptances of removed matters will lapse.")
                             % {"catalog": catalog, "n": len(lapsed)})
        return redirect(catalog.get_absolute_url())


class CatalogDiffView(generic.ObjectMixin, View):
    """What changed from one version to another: ``?against=<pk>`` (default: the previous version)."""

    model = DelegationCatalog

    def get(self, request, pk):
        catalog = self.get_object()
        versions = self.get_queryset().exclude(pk=catalog.pk)
        against_pk = request.GET.get("against") or catalog.previous_id
        against = versions.filter(pk=against_pk).first() if str(against_pk or "").isdigit() else None
        changes = services.diff(against, catalog) if against else []
        return render(request, "catalog/diff.html", self.common_context(
            object=catalog, against=against, versions=versions, changes=changes,
            counts={k: sum(c.kind == k for c in changes) for k in ("added", "removed", "changed")}))


class CatalogItemListView(generic.ObjectListView):
    model = CatalogItem
    table = item_table
    filterset_class = CatalogItemFilterSet

    def has_add_view(self):
        return False


class CatalogItemEditView(generic.ObjectEditView):
    model = CatalogItem
    form_class = CatalogItemForm


class CatalogItemDeleteView(generic.ObjectDeleteView):
    model = CatalogItem

    def get_queryset(self, action=None):
        return super().get_queryset(action).filter(catalog__status=CatalogStatus.DRAFT)


class SelectionListView(generic.ObjectListView):
    model = CountySelection
    table = selection_table
    filterset_class = CountySelectionFilterSet


class SelectionEditView(generic.ObjectEditView):
    model = CountySelection
    form_class = CountySelectionForm


class TransitionListView(generic.ObjectListView):
    model = TransitionSetting
    table = transition_table
    template_name = "catalog/transitionsetting_list.html"

    def extra_context(self, request):
        return {"default_days": TransitionSetting.DEFAULT_DAYS, "default_basis": TransitionSetting.DEFAULT_BASIS}


class TransitionEditView(generic.ObjectEditView):
    model = TransitionSetting
    form_class = TransitionSettingForm


# --- acceptances --------------------------------------------------------------------------------------------


class AcceptanceListView(generic.ObjectListView):
    model = Acceptance
    table = acceptance_table
    filterset_class = AcceptanceFilterSet
    import_url_name = "catalog:acceptance_import"


class AcceptanceDetailView(generic.ObjectDetailView):
    model = Acceptance
    queryset = Acceptance.objects.select_related("agency__region", "matter__domain", "catalog")

    def extra_context(self, obj):
        today = datetime.date.today()
        return {
            "status_colors": ACCEPTANCE_STATUS_COLORS,
            "in_force": obj.is_active_on(today),
            "usage": services.usage(obj.agency, obj.matter, today),
            "withdraw_form": WithdrawForm(initial={"on": today + datetime.timedelta(days=1)}),
            "can_withdraw": obj.status == AcceptanceStatus.ACCEPTED and in_scope(self.request.user, obj, CHANGE),
            "evaluations": Evaluation.objects.restrict(self.request.user).filter(agency=obj.agency, matter=obj.matter),
        }


class AcceptanceEditView(generic.ObjectEditView):
    model = Acceptance
    form_class = AcceptanceForm


class AcceptanceDeleteView(generic.ObjectDeleteView):
    model = Acceptance


class AcceptanceWithdrawView(generic.ObjectMixin, View):
    model = Acceptance

    def post(self, request, pk):
        acceptance = self.get_object(CHANGE)
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.withdraw(acceptance, on=form.cleaned_data["on"], note=form.cleaned_data["note"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Withdrawn: %(object)s") % {"object": acceptance})
        else:
            messages.error(request, _("Please correct the errors below; nothing was saved."))
        return redirect(acceptance.get_absolute_url())


# --- evaluation ---------------------------------------------------------------------------------------------


class EvaluationListView(generic.ObjectListView):
    model = Evaluation
    table = evaluation_table
    filterset_class = EvaluationFilterSet
    extra_actions = (("catalog:evaluation_report", gettext_lazy("Evaluation report")),)


class EvaluationDetailView(generic.ObjectDetailView):
    model = Evaluation
    queryset = Evaluation.objects.select_related("agency", "matter__domain")

    def extra_context(self, obj):
        return {"colors": CONCLUSION_COLORS,
                "usage": services.usage(obj.agency, obj.matter, datetime.date.today())}


class EvaluationEditView(generic.ObjectEditView):
    model = Evaluation
    form_class = EvaluationForm


class EvaluationDeleteView(generic.ObjectDeleteView):
    model = Evaluation


class EvaluationReportView(generic.ObjectMixin, View):
    """Seed 004's report: of the delegated items evaluated, how many each township can effectively carry."""

    model = Evaluation

    def get(self, request):
        report = services.evaluation_report(self.get_queryset())
        if request.GET.get("export") == "xlsx":
            return self.export(report)
        return render(request, "catalog/evaluation_report.html", self.common_context(report=report,
                                                                                    colors=CONCLUSION_COLORS))

    def export(self, report):
        wb = Workbook()
        headers = [_("Effectively accepted"), _("Not yet able to accept"), _("Total")]
        for title, first, rows in ((_("By domain"), _("Domain"), report.by_domain),
                                   (_("By township"), _("Township"), report.by_township)):
            ws = wb.create_sheet(title)
            ws.append([first, *headers])
            for t in [*rows, report.total]:
                ws.append([t.label, t.effective, t.not_yet_able, t.total])
        ws = wb.create_sheet(_("Evaluations"))
        ws.append([_("Township"), _("Code"), _("Matter"), _("Domain"), _("Conclusion"), _("Reasons"), _("Evaluator"),
                   _("Evaluated on")])
        for e in report.latest:
            ws.append([str(e.agency), e.matter.code, e.matter.name, str(e.matter.domain), e.get_conclusion_display(),
                       e.reasons, e.evaluator, e.evaluated_on])
        wb.remove(wb.worksheets[0])
        return xlsx_response(wb, _("Capacity evaluation report"))


# --- questions ----------------------------------------------------------------------------------------------


class BoundariesView(LoginRequiredMixin, View):
    """职责边界清单: who holds each selected matter in each township; overlaps and gaps."""

    def get(self, request):
        if not can(request.user, Matter, VIEW):
            raise Http404
        counties = selected_counties()
        county = counties.filter(code=request.GET.get("county", "")).first() or counties.first()
        on = _date(request.GET.get("date")) or datetime.date.today()
        report = services.boundaries(county, on) if county else None
        return render(request, "catalog/boundaries.html", {"counties": counties, "county": county, "on": on,
                                                           "report": report})


class MayExerciseView(LoginRequiredMixin, View):
    def get(self, request):
        form = MayExerciseForm(request.GET or None, user=request.user)
        answer = None
        if form.is_valid():
            d = form.cleaned_data
            answer = services.may_exercise(d["agency"], d["matter"], d["date"], region=d["region"])
        return render(request, "catalog/may_exercise.html", {"form": form, "answer": answer},
                      status=400 if form.is_bound and not form.is_valid() else 200)


def selected_counties():
    return Region.objects.filter(level="county", catalog_selections__isnull=False).distinct().order_by("code")


def _date(text):
    try:
        return datetime.date.fromisoformat(text or "")
    except ValueError:
        return None


# --- Excel import with progress -----------------------------------------------------------------------------


class ImportView(LoginRequiredMixin, View):
    kind = None
    model = None

    def catalog(self):
        return None

    def check(self):
        if not can(self.request.user, self.model, ADD):
            raise Http404

    def get(self, request, **kwargs):
        self.check()
        catalog = self.catalog()
        if request.GET.get("template"):
            return importer_for(self.kind, request.user, catalog).template_response()
        job = ImportJob.objects.filter(user=request.user, pk=request.GET.get("job") or 0).first()
        return render(request, "catalog/import.html", {"title": ImportKind(self.kind).label, "job": job,
                                                       "catalog": catalog})

    def post(self, request, **kwargs):
        self.check()
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose an Excel file (.xlsx) to import."))
            return redirect(request.path)
        job = start_import(self.kind, request.user, upload, catalog=self.catalog())
        return redirect(f"{request.path}?job={job.pk}")


class MatterImportView(ImportView):
    kind = ImportKind.MATTERS
    model = Matter


class AcceptanceImportView(ImportView):
    kind = ImportKind.ACCEPTANCES
    model = Acceptance


class ItemImportView(ImportView):
    kind = ImportKind.ITEMS
    model = CatalogItem

    def catalog(self):
        catalog = get_object_or_404(DelegationCatalog.objects.restrict(self.request.user, CHANGE), pk=self.kwargs["pk"])
        if not catalog.is_draft:
            raise Http404
        return catalog


class ImportJobView(LoginRequiredMixin, View):
    """The progress of one import (polled by the upload page)."""

    def get(self, request, pk):
        job = get_object_or_404(ImportJob, pk=pk, user=request.user)
        return render(request, "catalog/_import_job.html", {"job": job})

