from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from zongzhi.utilities import views as generic
from zongzhi.utilities.excel import export_response
from zongzhi.utilities.views import ImportView

from . import services
from .choices import CREDIT_COLORS, RISK_COLORS, RISK_HEX, Category, RiskClass, SubjectKind
from .filtersets import AreaFilterSet, ClassStrategyFilterSet, SubjectFilterSet
from .forms import AreaForm, ClassStrategyForm, SubjectForm
from .imports import SubjectImporter
from .models import Area, ClassStrategy, Subject
from .tables import area_table, export_table, ledger_table, strategy_table, subject_table


def map_settings():
    return {"tile_url": settings.MAP_TILE_URL, "tile_attribution": settings.MAP_TILE_ATTRIBUTION}


class SubjectListView(generic.ObjectListView):
    model = Subject
    table = subject_table
    filterset_class = SubjectFilterSet
    import_url_name = "subjects:subject_import"
    extra_actions = (("subjects:map", gettext_lazy("Map")), ("subjects:classstrategy_list",
                                                             gettext_lazy("Class strategies")))

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "xlsx":
            return super().get(request, *args, **kwargs)
        table = export_table(SubjectImporter.columns)
        subjects, _filterset = self.filtered(request)
        return export_response(table, table.optimize(subjects), Subject._meta.verbose_name_plural)


class SubjectDetailView(generic.ObjectDetailView):
    model = Subject
    queryset = Subject.objects.select_related("region", "area", "department")

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "xlsx":
            return super().get(request, *args, **kwargs)
        from zongzhi.inspections.views import ledger_export

        return ledger_export(self.get_object(), request.user)

    def extra_context(self, obj):
        from zongzhi.inspections.services import ledger_entries

        return {"risk_colors": RISK_COLORS, "credit_colors": CREDIT_COLORS, "risk_hex": RISK_HEX[obj.risk_class],
                "strategy": services.strategies_for(obj.region).get(obj.risk_class),
                "ledger": ledger_entries(obj, self.request.user), **map_settings()}


class SubjectEditView(generic.ObjectEditView):
    model = Subject
    form_class = SubjectForm


class SubjectDeleteView(generic.ObjectDeleteView):
    model = Subject


class SubjectImportView(ImportView):
    importer_class = SubjectImporter


class AreaListView(generic.ObjectListView):
    model = Area
    queryset = Area.objects.annotate(subject_count=Count("subjects")).order_by("region__code", "kind", "name")
    table = area_table
    filterset_class = AreaFilterSet
    extra_actions = (("subjects:map", gettext_lazy("Map")),)


class AreaDetailView(generic.ObjectDetailView):
    model = Area
    queryset = Area.objects.select_related("region", "team").prefetch_related("officers")

    def extra_context(self, obj):
        counts = dict(obj.subjects.values_list("risk_class").annotate(n=Count("pk")).order_by())
        return {"by_class": [(value, label, RISK_COLORS[value], counts.get(value, 0))
                             for value, label in RiskClass.choices], **map_settings()}


class AreaEditView(generic.ObjectEditView):
    model = Area
    form_class = AreaForm
    template_name = "subjects/area_edit.html"

    def common_context(self, **extra):
        return super().common_context(**map_settings(), **extra)


class AreaDeleteView(generic.ObjectDeleteView):
    model = Area


class AreaLedgerView(generic.ObjectMixin, View):
    """一表: the subjects of one area by risk class, with contacts and the strategy of each class."""

    model = Area
    template_name = "subjects/area_ledger.html"

    def get(self, request, pk):
        area = self.get_object()
        strategies = services.strategies_for(area.region)
        table = ledger_table(strategies)
        subjects = Subject.objects.restrict(request.user).filter(area=area, active=True).order_by(
            "-risk_class", "name", "pk")
        if request.GET.get("export") == "xlsx":
            return export_response(table, subjects, _("%(area)s subjects table") % {"area": area.name})
        rows = list(subjects)
        groups = [(value, label, RISK_COLORS[value], strategies.get(value), [s for s in rows if s.risk_class == value])
                  for value, label in reversed(RiskClass.choices)]
        return render(request, self.template_name, self.common_context(
            object=area, table=table, groups=groups, total=len(rows)))


class ClassStrategyListView(generic.ObjectListView):
    model = ClassStrategy
    table = strategy_table
    filterset_class = ClassStrategyFilterSet


class ClassStrategyDetailView(generic.ObjectDetailView):
    model = ClassStrategy
    queryset = ClassStrategy.objects.select_related("region")


class ClassStrategyEditView(generic.ObjectEditView):
    model = ClassStrategy
    form_class = ClassStrategyForm


class ClassStrategyDeleteView(generic.ObjectDeleteView):
    model = ClassStrategy


class MapView(LoginRequiredMixin, View):
    """一图: areas and subjects of the county or one township; the data comes from the map API."""

    def get(self, request):
        return render(request, "subjects/map.html", {
            "townships": services.townships_for(request.user, Subject),
            "kinds": SubjectKind.choices, "categories": Category.choices,
            "classes": [(value, label, RISK_HEX[value]) for value, label in RiskClass.choices],
            "data_url": reverse("subjects-map"), "list_url": reverse("subjects:subject_list"),
            "day_choices": [(n, ngettext("%(n)d day", "%(n)d days", n) % {"n": n}) for n in (7, 30, 90, 180, 365)],
            "results": map_results(), "labels": map_labels(), **map_settings(),
        })


def map_results():
    """The legend of the inspection layer: (result, label, colour), the last for inspections without a result."""
    from zongzhi.inspections.choices import InspectionResult

    from .maplayers import RESULT_HEX

    return [*((value, label, RESULT_HEX[value]) for value, label in InspectionResult.choices),
            ("", _("not finished yet"), RESULT_HEX[""])]


def map_labels():
    """The words of the map's script (layer control, popups, notes); ``{count}`` and ``{days}`` are filled in."""
    return {
        "areas": _("Enforcement areas"), "subjects": _("Subjects"), "inspections": _("Recent inspections"),
        "cases": _("Open cases"), "inspectors": _("Inspectors"), "result": _("Result"), "findings": _("Findings"),
        "cause": _("Cause of action"), "stage": _("Stage"), "next_due": _("Next deadline"),
        "overdue": _("overdue"),
        "inspections_shown": _("Inspections of the last {days} days shown: {count}."),
        "cases_shown": _("Open cases shown: {count}."),
        "truncated": _("Showing the newest {count}: filter or zoom in to see the rest."),
        "unlocated": _("{count} open cases without a location"),
    }
