from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from zongzhi.discretion.choices import Level
from zongzhi.utilities import views as generic
from zongzhi.utilities.excel import export_response
from zongzhi.utilities.pagination import CappedPaginator
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, can, in_scope, restrict

from . import actions, services
from .choices import (
    CASE_STATUS_COLORS,
    EVENT_COLORS,
    OUTCOME_COLORS,
    OUTCOME_COLORS_CASE,
    RUNNING_STATUSES,
    STAGE_STATUS_COLORS,
    STATUS_COLORS,
    ClueStatus,
    DeadlineState,
)
from .filtersets import DEFAULT_DUE_DAYS, CaseDeadlineFilterSet, CaseFilterSet, ClueFilterSet
from .forms import (
    CaseFileForm,
    ClueForm,
    DuplicateForm,
    OnTheSpotForm,
    PartyFormSet,
    TriageForm,
    initial_from_clue,
)
from .models import Case, CaseDeadline, Clue, Party
from .tables import (
    case_export_table,
    case_table,
    clue_export_table,
    clue_table,
    deadline_export_table,
    deadline_table,
)


class ClueListView(generic.ObjectListView):
    """The 一事一记 ledger: every clue and its outcome; the export carries the full record of each."""

    model = Clue
    table = clue_table
    filterset_class = ClueFilterSet

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "xlsx":
            return super().get(request, *args, **kwargs)
        queryset, _filterset = self.filtered(request)
        return export_response(clue_export_table, clue_export_table.optimize(queryset), Clue._meta.verbose_name_plural)


class ClueDetailView(generic.ObjectDetailView):
    model = Clue
    queryset = Clue.objects.select_related("agency", "region", "category", "matter", "transferred_to",
                                           "duplicate_of", "triaged_by")

    def extra_context(self, obj, triage_form=None, duplicate_form=None):
        user = self.request.user
        visible = Clue.objects.restrict(user, VIEW)
        candidates = visible.filter(pk__in=obj.suspected_duplicates.values("pk"))
        may_act = obj.status == ClueStatus.NEW and in_scope(user, obj, CHANGE)
        return {
            "may_file_case": obj.status == ClueStatus.NEW and can(user, Case, ADD) and in_scope(user, obj, CHANGE),
            "show_reporter": obj.reporter_visible_to(user),
            "events": obj.events.select_related("actor"),
            "event_colors": EVENT_COLORS,
            "status_colors": STATUS_COLORS,
            "outcome_colors": OUTCOME_COLORS,
            "suspects": candidates.select_related("agency"),
            "duplicates": visible.filter(duplicate_of=obj),
            "triage_form": triage_form if triage_form is not None else (TriageForm(user=user) if may_act else None),
            "duplicate_form": duplicate_form if duplicate_form is not None else (DuplicateForm(
                candidates=candidates.exclude(status=ClueStatus.DUPLICATE)) if may_act and candidates.exists() else None),
        }


class ClueRegisterView(generic.ObjectEditView):
    model = Clue
    form_class = ClueForm
    template_name = "cases/clue_register.html"

    def save(self, form):
        return services.register_clue(form.instance, by=self.request.user)


class ClueActionView(ClueDetailView):
    """A POST from the detail page that calls a service; errors re-render the page with the form in Chinese."""

    action = CHANGE

    def get(self, request, *args, **kwargs):
        return redirect(self.get_object(VIEW).get_absolute_url())

    def post(self, request, *args, **kwargs):
        clue = self.get_object()
        form = self.bind(clue)
        if form.is_valid():
            try:
                clue = self.perform(clue, form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Saved: %(object)s") % {"object": clue})
                return redirect(clue.get_absolute_url())
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return render(request, self.get_template_names(), self.common_context(
            object=clue, tab="detail", **self.extra_context(clue, **{self.form_name: form})), status=400)


class ClueTriageView(ClueActionView):
    form_name = "triage_form"

    def bind(self, clue):
        return TriageForm(self.request.POST, user=self.request.user)

    def perform(self, clue, data):
        return services.triage(clue, by=self.request.user, **data)


class ClueDuplicateView(ClueActionView):
    form_name = "duplicate_form"

    def bind(self, clue):
        candidates = Clue.objects.restrict(self.request.user).filter(pk__in=clue.suspected_duplicates.values("pk"))
        return DuplicateForm(self.request.POST, candidates=candidates)

    def perform(self, clue, data):
        return services.mark_duplicate(clue, data["of"], by=self.request.user)


# --- cases (案件) -------------------------------------------------------------------------------------------

class CaseListView(generic.ObjectListView):
    """Cases with their stage and next deadline; the export masks the identity numbers of persons."""

    model = Case
    table = case_table
    filterset_class = CaseFilterSet
    paginator_class = CappedPaginator  # a county holds a million cases: count at most 10,000, filter to narrow
    extra_actions = (("cases:case_on_the_spot", gettext_lazy("Summary procedure: decide on the spot")),)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "xlsx":
            return super().get(request, *args, **kwargs)
        queryset, _filterset = self.filtered(request)
        return export_response(case_export_table, case_export_table.optimize(queryset),
                               Case._meta.verbose_name_plural)


def section_templates():
    """The case-page sections other apps provide (``<app>/case_section.html``), those that exist."""
    names = []
    for app in SECTION_APPS:
        name = f"{app}/case_section.html"
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        names.append(name)
    return names


SECTION_APPS = ["evidence", "reviews", "enforcement", "documents"]


def documents_url(case):
    try:
        return reverse("documents:case_documents", kwargs={"case_pk": case.pk})
    except NoReverseMatch:
        return ""


class CaseDetailView(generic.ObjectDetailView):
    """The case page: header, parties, matter, stage track, deadlines, timeline, the steps the user may take now
    (``services.allowed_actions``) and the sections of the evidence, reviews, enforcement and documents apps."""

    model = Case
    queryset = Case.objects.select_related(
        "agency", "deciding_body", "region", "clue", "filing_approved_by", "decided_by", "matter__domain",
        "matter__violated_article__version__law", "matter__penalty_article__version__law")

    def extra_context(self, obj, open_step=None, step_form=None):
        user = self.request.user
        may_change = in_scope(user, obj, CHANGE)
        codes = services.allowed_actions(obj, user)
        steps = []
        for code in codes:
            step = actions.STEPS.get(code)
            if step is None:
                continue
            form = step_form if code == open_step and step_form is not None else None
            if form is None and code == open_step:
                form = actions.form_for(code, obj)
            steps.append({"code": code, "label": step.label, "style": step.style, "form": form,
                          "url": reverse("cases:case_step", args=[obj.pk, code])})
        rows = {}
        for row in obj.stages.select_related("stage").order_by("started_at", "id"):
            rows.setdefault(row.stage_id, []).append(row)
        track = [{"stage": stage, "rows": rows.get(stage.pk, []), "current": stage.code == obj.stage}
                 for stage in sorted(services.ensure_stages().values(), key=lambda s: s.order)]
        deadlines = list(obj.deadlines.filter(state=DeadlineState.OPEN).order_by("due_on", "id"))
        for d in deadlines:
            d.overdue_by = -d.days_left
        return {
            "case": obj,
            "may_change": may_change,
            "parties": obj.parties.all(),
            "officers": obj.officers.select_related("agency"),
            "track": track,
            "deadlines": deadlines,
            "past_deadlines": obj.deadlines.exclude(state=DeadlineState.OPEN).order_by("due_on", "id"),
            "events": obj.events.order_by("at", "id"),
            "actions": codes,
            "steps": steps,
            "open_step": open_step,
            "sections": section_templates(),
            "documents_url": documents_url(obj),
            "discretion_level_label": dict(Level.choices).get(obj.discretion_level, obj.discretion_level),
            "status_colors": CASE_STATUS_COLORS,
            "outcome_colors": OUTCOME_COLORS_CASE,
            "stage_status_colors": STAGE_STATUS_COLORS,
        }


class CaseStepView(CaseDetailView):
    """One step of a case: GET gives its small form (a fragment for HTMX, else the case page with the form open);
    POST calls the service. A refusal shows on the form in Chinese with its article, never a 500."""

    def dispatch(self, request, *args, **kwargs):
        if kwargs["code"] not in actions.STEPS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        case = self.get_object()
        code = self.kwargs["code"]
        if request.headers.get("HX-Request"):
            return render(request, "cases/_step_form.html", {
                "case": case, "code": code, "label": actions.STEPS[code].label, "form": actions.form_for(code, case),
                "url": reverse("cases:case_step", args=[case.pk, code])})
        return self.render_page(case, code)

    def render_page(self, case, code, form=None, status=200):
        return render(self.request, self.get_template_names(), self.common_context(
            object=case, can_change=False, can_delete=False, tab="detail",
            **self.extra_context(case, open_step=code, step_form=form)), status=status)

    def post(self, request, *args, **kwargs):
        case = self.get_object(CHANGE)
        code = self.kwargs["code"]
        form = actions.form_for(code, case, request.POST)
        if form.is_valid():
            try:
                case = actions.perform(code, case, by=request.user, data=form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Done: %(step)s") % {"step": actions.STEPS[code].label})
                return redirect(reverse("cases:case", args=[case.pk]))
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        case.refresh_from_db()
        return self.render_page(case, code, form, status=400)


def add_errors(form, error):
    """Put a service's ``ValidationError`` on the form: keyed messages on their fields, the rest on top."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


class CaseBandView(generic.ObjectMixin, View):
    """The discretion band of the chosen level (HTMX fragment of the report form)."""

    model = Case

    def get(self, request, *args, **kwargs):
        from zongzhi.discretion.services import NoApplicableStandard, band_for

        case = self.get_object()
        level = request.GET.get("report-level") or request.GET.get("level") or ""
        band, problem = None, ""
        if level:
            try:
                band = band_for(case.matter, case.region, case.act_on, level, {})
            except NoApplicableStandard as error:
                problem = str(error)
            except ValidationError as error:
                problem = " ".join(error.messages)
        return render(request, "cases/_band.html", {"band": band, "problem": problem, "level": level})


class CaseFileView(LoginRequiredMixin, View):
    """Filing (立案): the case, its parties and handling officers; ``services.file_case`` checks the law and the
    leader approves on the case page. ``?clue=<id>`` fills the form from a new clue."""

    template_name = "cases/case_file.html"
    form_class = CaseFileForm
    title = gettext_lazy("File a case")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can(request.user, Case, ADD):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        initial, party = {}, {}
        clue_id = request.GET.get("clue")
        if clue_id and clue_id.isdigit():
            clue = get_object_or_404(Clue.objects.restrict(request.user).select_related("agency"), pk=clue_id,
                                     status=ClueStatus.NEW)
            initial, party = initial_from_clue(clue)
        form = self.form_class(initial=initial, user=request.user)
        formset = PartyFormSet(queryset=Party.objects.none(), prefix="parties", initial=[party] if party else None)
        return self.render_page(form, formset)

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, user=request.user)
        formset = PartyFormSet(request.POST, queryset=Party.objects.none(), prefix="parties")
        party_errors = []
        if form.is_valid() & formset.is_valid():
            case = form.save(commit=False)
            parties = [f.instance for f in formset.forms if f.cleaned_data]
            try:
                case = self.save(case, parties, form.cleaned_data)
            except ValidationError as error:
                if hasattr(error, "error_dict") and "parties" in error.error_dict:
                    party_errors = error.message_dict.pop("parties")
                    rest = {k: v for k, v in error.message_dict.items() if k != "parties"}
                    if rest:
                        add_errors(form, ValidationError(rest))
                else:
                    add_errors(form, error)
            else:
                messages.success(request, _("Saved: %(object)s") % {"object": case})
                return redirect(case.get_absolute_url())
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return self.render_page(form, formset, party_errors, status=400)

    def save(self, case, parties, data):
        return services.file_case(case, parties=parties, officers=list(data["officers"]), by=self.request.user)

    def render_page(self, form, formset, party_errors=(), status=200):
        return render(self.request, self.template_name, {
            "form": form, "formset": formset, "party_errors": party_errors, "title": self.title,
            "list_url": reverse("cases:case_list")}, status=status)


class CaseOnTheSpotView(CaseFileView):
    """Summary procedure (简易程序): decided on the spot and filed afterwards (行政处罚法 第五十一条、第五十二条)."""

    form_class = OnTheSpotForm
    title = gettext_lazy("Summary procedure: decide on the spot")

    def save(self, case, parties, data):
        return services.decide_on_the_spot(case, parties=parties, officers=list(data["officers"]),
                                           by=self.request.user, fine_amount=data.get("fine_amount") or 0,
                                           penalty_types=data["penalty_types"],
                                           decision_text=data.get("decision_text", ""))


class DeadlineListView(generic.ObjectListView):
    """Deadlines due: the open time limits of running cases in the user's scope, overdue or due within ``days``
    (default 5 natural days), by township; an officer or a leader sees the township, the county bureau the
    county."""

    model = CaseDeadline
    queryset = CaseDeadline.objects.filter(state=DeadlineState.OPEN, case__status__in=RUNNING_STATUSES)
    table = deadline_table
    filterset_class = CaseDeadlineFilterSet
    paginator_class = CappedPaginator
    template_name = "cases/deadline_list.html"

    def common_context(self, **extra):
        meta = self.model._meta
        return {"model": self.model, "verbose_name": meta.verbose_name, "verbose_name_plural": _("Deadlines due"),
                "list_url": reverse("cases:deadlines"), "default_days": DEFAULT_DUE_DAYS, **extra}

    def has_add_view(self):
        return False

    def get_queryset(self, action=None):
        return restrict(self.base_queryset(), self.request.user, action or self.action)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "xlsx":
            return super().get(request, *args, **kwargs)
        queryset, _filterset = self.filtered(request)
        return export_response(deadline_export_table, deadline_export_table.optimize(queryset), _("Deadlines due"))
