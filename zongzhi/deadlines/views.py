import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View

from zongzhi.utilities import views as generic
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, can

from .choices import Direction
from .filtersets import DeadlineRuleFilterSet
from .forms import CalculatorForm, DeadlineRuleForm, HolidayYearForm
from .models import DeadlineRule, HolidayYear
from .services import UnknownRule, compute, count_period, enter_holiday_year
from .tables import deadline_rule_table, holiday_year_table
from .workdays import CalendarDataMissing, package_years


class CalculatorView(LoginRequiredMixin, View):
    """期限计算器: a rule (or a count of one's own) from a start date; an HTMX request gets the result only."""

    def get(self, request):
        if not can(request.user, DeadlineRule, VIEW):
            raise Http404
        form = CalculatorForm(request.GET if "start" in request.GET else None, initial=request.GET.dict(),
                              user=request.user)
        result = error = None
        if form.is_valid():
            try:
                result = self.compute(form.cleaned_data)
            except (CalendarDataMissing, UnknownRule) as exc:
                error = str(exc)
        context = {"form": form, "result": result, "error": error}
        if request.headers.get("HX-Request"):
            return render(request, "deadlines/_calculator_result.html", context)
        return render(request, "deadlines/calculator.html", context)

    @staticmethod
    def compute(data):
        start = data["start"]
        if data["start_time"]:
            start = datetime.datetime.combine(start, data["start_time"])
        if data["rule"]:
            return compute(data["rule"], start, region=data["region"])
        return count_period(start, data["count"], data["unit"], data["direction"] or Direction.AFTER)


class DeadlineRuleListView(generic.ObjectListView):
    model = DeadlineRule
    table = deadline_rule_table
    filterset_class = DeadlineRuleFilterSet


class DeadlineRuleDetailView(generic.ObjectDetailView):
    model = DeadlineRule
    queryset = DeadlineRule.objects.select_related("region")

    def extra_context(self, obj):
        others = DeadlineRule.objects.restrict(self.request.user).filter(code=obj.code).exclude(pk=obj.pk)
        local = ""
        if can(self.request.user, DeadlineRule, ADD):  # a local rule starts as a copy of this one
            fields = ("code", "name", "count", "unit", "direction", "start_event", "citation")
            local = reverse("deadlines:deadlinerule_add") + "?" + urlencode({f: getattr(obj, f) for f in fields})
        return {"other_rules": others.select_related("region"), "add_local_url": local}


class DeadlineRuleEditView(generic.ObjectEditView):
    model = DeadlineRule
    form_class = DeadlineRuleForm


class DeadlineRuleDeleteView(generic.ObjectDeleteView):
    model = DeadlineRule


class HolidayYearListView(generic.ObjectListView):
    model = HolidayYear
    queryset = HolidayYear.objects.annotate(day_count=Count("days")).order_by("-year")
    table = holiday_year_table
    template_name = "deadlines/holidayyear_list.html"

    def extra_context(self, request):
        return {"package_years": package_years()}


class HolidayYearDetailView(generic.ObjectDetailView):
    model = HolidayYear

    def extra_context(self, obj):
        return {"days": obj.days.all(), "can_enter": can(self.request.user, HolidayYear, CHANGE)}


class HolidayYearEditView(generic.ObjectEditView):
    """Add a year, or replace the days of one. A holiday year is national data: whoever may write holiday years
    (the system administrator, a justice bureau) may enter any year."""

    model = HolidayYear
    form_class = HolidayYearForm

    def get_instance(self):
        action = CHANGE if "pk" in self.kwargs else ADD
        if not can(self.request.user, HolidayYear, action):
            raise Http404
        return get_object_or_404(HolidayYear, pk=self.kwargs["pk"]) if "pk" in self.kwargs else HolidayYear()

    def save(self, form):
        data = form.cleaned_data
        return enter_holiday_year(year=data["year"], source=data["source"], published=data["published"],
                                  days=form.days, instance=form.instance)


class HolidayYearDeleteView(generic.ObjectDeleteView):
    model = HolidayYear
