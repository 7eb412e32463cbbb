from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zongzhi.utilities import views as generic
from zongzhi.utilities.excel import export_response
from zongzhi.utilities.scope import CHANGE, VIEW, in_scope

from . import services
from .choices import EVENT_COLORS, OUTCOME_COLORS, STATUS_COLORS, ClueStatus
from .filtersets import ClueFilterSet
from .forms import ClueForm, DuplicateForm, TriageForm
from .models import Clue
from .tables import clue_export_table, clue_table


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
