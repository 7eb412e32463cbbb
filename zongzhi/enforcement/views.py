"""Pages: the lists (payments with the cases awaiting payment, service records, plans, demands, court applications,
reconsiderations, litigations), their detail pages, and the actions posted from the case page's section. Every
query goes through ``restrict``; a hidden case or record is a 404; a refusal comes back on the form in Chinese."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View

from zongzhi.cases.choices import CaseStatus, StageCode
from zongzhi.cases.models import Case, CaseDeadline
from zongzhi.utilities import views as generic
from zongzhi.utilities.excel import export_response
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, can
from zongzhi.utilities.tables import Column, Table

from . import forms, services
from .filtersets import (
    CourtApplicationFilterSet,
    DemandFilterSet,
    LitigationFilterSet,
    PaymentFilterSet,
    PaymentPlanFilterSet,
    ReconsiderationFilterSet,
    ServiceRecordFilterSet,
)
from .models import CourtApplication, Demand, Litigation, Payment, PaymentPlan, Reconsideration, ServiceRecord
from .tables import (
    court_table,
    demand_table,
    litigation_table,
    payment_table,
    plan_table,
    reconsideration_table,
    service_table,
)

TABS = [
    ("enforcement:payment_list", gettext_lazy("Payments")),
    ("enforcement:awaiting_payment", gettext_lazy("Awaiting payment")),
    ("enforcement:servicerecord_list", gettext_lazy("Service")),
    ("enforcement:paymentplan_list", gettext_lazy("Instalments and deferrals")),
    ("enforcement:demand_list", gettext_lazy("Demands")),
    ("enforcement:courtapplication_list", gettext_lazy("Court enforcement")),
    ("enforcement:reconsideration_list", gettext_lazy("Reconsiderations")),
    ("enforcement:litigation_list", gettext_lazy("Litigations")),
]


def case_url(case):
    """The case page (provided by the cases app), or None while it does not exist."""
    try:
        return reverse("cases:case", args=[case.pk])
    except NoReverseMatch:
        return None


class TabsMixin:
    tab = ""

    def extra_context(self, request):
        return {"tabs": TABS, "current_tab": self.tab}


class ListView(TabsMixin, generic.ObjectListView):
    template_name = "enforcement/list.html"


class PaymentListView(ListView):
    model, table, filterset_class, tab = Payment, payment_table, PaymentFilterSet, "enforcement:payment_list"


class ServiceRecordListView(ListView):
    model, table, filterset_class = ServiceRecord, service_table, ServiceRecordFilterSet
    tab = "enforcement:servicerecord_list"


class PaymentPlanListView(ListView):
    model, table, filterset_class = PaymentPlan, plan_table, PaymentPlanFilterSet
    tab = "enforcement:paymentplan_list"


class DemandListView(ListView):
    model, table, filterset_class, tab = Demand, demand_table, DemandFilterSet, "enforcement:demand_list"


class CourtApplicationListView(ListView):
    model, table, filterset_class = CourtApplication, court_table, CourtApplicationFilterSet
    tab = "enforcement:courtapplication_list"


class ReconsiderationListView(ListView):
    model, table, filterset_class = Reconsideration, reconsideration_table, ReconsiderationFilterSet
    tab = "enforcement:reconsideration_list"

    def extra_context(self, request):
        qs, _filterset = self.filtered(request)
        return {**super().extra_context(request), "review_stats": services.review_outcomes(qs)}


class LitigationListView(ReconsiderationListView):
    model, table, filterset_class = Litigation, litigation_table, LitigationFilterSet
    tab = "enforcement:litigation_list"


# --- cases awaiting payment, with the surcharge to date -------------------------------------------------------

def awaiting_queryset(user):
    """Cases in scope at the execution stage with a fine, with what the account needs prefetched (fixed queries)."""
    return (Case.objects.restrict(user, VIEW)
            .filter(status=CaseStatus.OPEN, stage=StageCode.EXECUTION, fine_amount__gt=0)
            .select_related("region")
            .prefetch_related("payments", "payment_plans", "parties",
                              Prefetch("deadlines", queryset=CaseDeadline.objects.filter(key=services.PAYMENT_KEY,
                                                                                        rule="fine-payment"),
                                       to_attr="payment_deadlines"),
                              Prefetch("service_records", queryset=ServiceRecord.objects.filter(is_decision=True),
                                       to_attr="decision_services"))
            .order_by("next_due_on", "id"))


def _awaiting_row(case, today):
    acc = services.account(case, on=today)
    case.acc = acc
    return case


awaiting_table = Table(Case, [
    Column("number", gettext_lazy("Case")),
    Column("party_names", gettext_lazy("Parties")),
    Column("region.name", gettext_lazy("Township")),
    Column("fine_amount"),
    Column("acc.due_on", pgettext_lazy("payment", "Due on")),
    Column("acc.paid", gettext_lazy("Paid")),
    Column("acc.surcharge", gettext_lazy("Surcharge to date")),
    Column("acc.owed", gettext_lazy("Owed")),
    Column("next_due_label", gettext_lazy("Next deadline")),
    Column("next_due_on"),
])


class AwaitingPaymentView(LoginRequiredMixin, View):
    """Cases awaiting payment with the surcharge to date (加处罚款, 行政处罚法 第七十二条)."""

    def get(self, request):
        if not can(request.user, Payment, VIEW):
            raise Http404
        qs = awaiting_queryset(request.user)
        q = request.GET.get("q", "").strip()
        if q:
            qs = qs.filter(number__contains=q)
        if request.GET.get("overdue") == "1":
            qs = qs.filter(next_due_on__lt=timezone.localdate())
        today = timezone.localdate()
        if request.GET.get("export") == "xlsx":
            rows = [_awaiting_row(c, today) for c in qs]
            return export_response(awaiting_table, _ListQS(rows), _("Cases awaiting payment"))
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
        rows = [_awaiting_row(c, today) for c in page.object_list]
        query = request.GET.copy()
        query.pop("page", None)
        return render(request, "enforcement/awaiting.html", {
            "tabs": TABS, "current_tab": "enforcement:awaiting_payment", "rows": rows, "page": page,
            "query": query.urlencode(), "q": q, "overdue": request.GET.get("overdue") == "1", "today": today})


class _ListQS(list):
    """A list that answers ``iterator()`` like a queryset, for the Excel export."""

    def iterator(self, chunk_size=None):
        return iter(self)


# --- detail pages ---------------------------------------------------------------------------------------------

DETAIL_FIELDS = {
    ServiceRecord: ["document", "document_number", "is_decision", "method", "recipient", "address", "witnesses",
                    "tracking_number", "posted_on", "consent_reference", "electronic_address", "notice_on",
                    "notice_reason", "served_on", "state", "receipt_number", "proof_name", "proof_sha256", "note",
                    "recorded_by"],
    Payment: ["channel", "amount", "fine_part", "surcharge_part", "paid_on", "payer", "bank", "bank_receipt_number",
              "onsite_ground", "onsite_reason", "receipt_number", "handover_due_on", "handed_over_on", "note",
              "recorded_by"],
    PaymentPlan: ["kind", "reason", "requested_on", "status", "decided_on", "decided_by", "decision_note",
                  "recorded_by"],
    Demand: ["number", "issued_on", "served_on", "method", "amount_due", "surcharge_due", "may_apply_from", "note",
             "recorded_by"],
    CourtApplication: ["court", "filed_on", "court_case_number", "outcome", "outcome_on", "outcome_note", "note",
                       "recorded_by"],
    Reconsideration: ["body", "filed_on", "case_number", "outcome", "outcome_on", "outcome_note", "note",
                      "recorded_by"],
    Litigation: ["court", "instance", "filed_on", "case_number", "outcome", "outcome_on", "outcome_note", "note",
                 "recorded_by"],
}


def field_rows(obj):
    rows = []
    for name in DETAIL_FIELDS[type(obj)]:
        field = obj._meta.get_field(name)
        value = getattr(obj, f"get_{name}_display")() if field.choices else getattr(obj, name)
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        rows.append((field.verbose_name, value))
    return rows


class RecordDetailView(generic.ObjectDetailView):
    template_name = "enforcement/record.html"

    def base_queryset(self):
        return self.model.objects.select_related("case__region", "recorded_by")

    def extra_context(self, obj):
        may_change = self.get_queryset(CHANGE).filter(pk=obj.pk).exists()
        return {"rows": field_rows(obj), "case": obj.case, "case_url": case_url(obj.case),
                "action_forms": action_forms(obj) if may_change else [],
                "schedule": obj.items if isinstance(obj, PaymentPlan) else None}


def action_forms(obj):
    """(title, url, form) of the actions possible on a record now."""
    from .choices import COURT_FINAL, PaymentChannel, PlanStatus, ReviewOutcome, ServiceState

    if isinstance(obj, ServiceRecord) and obj.state == ServiceState.NOTICE_RUNNING:
        return [(_("Complete the public notice"), reverse("enforcement:servicerecord_complete", args=[obj.pk]),
                 forms.ConfirmForm())]
    if isinstance(obj, Payment) and obj.channel == PaymentChannel.ON_THE_SPOT and not obj.handed_over_on:
        return [(_("Record the handover"), reverse("enforcement:payment_handover", args=[obj.pk]),
                 forms.HandoverForm())]
    if isinstance(obj, PaymentPlan) and obj.status == PlanStatus.REQUESTED:
        return [(_("Decide"), reverse("enforcement:paymentplan_decide", args=[obj.pk]), forms.PlanDecisionForm())]
    if isinstance(obj, CourtApplication) and obj.outcome not in COURT_FINAL:
        return [(_("Record the outcome"), reverse("enforcement:courtapplication_outcome", args=[obj.pk]),
                 forms.CourtOutcomeForm())]
    if isinstance(obj, Reconsideration | Litigation) and obj.outcome == ReviewOutcome.PENDING:
        name = "reconsideration" if isinstance(obj, Reconsideration) else "litigation"
        return [(_("Record the outcome"), reverse(f"enforcement:{name}_outcome", args=[obj.pk]),
                 forms.ReviewOutcomeForm())]
    return []


def detail(model_):
    return type(f"{model_.__name__}DetailView", (RecordDetailView,), {"model": model_})


# --- actions --------------------------------------------------------------------------------------------------

def _errors_onto(form, error):
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


class ActionView(LoginRequiredMixin, View):
    """GET shows the form; POST calls the service. Success: back to the case page (or ``next``); refusal: the form
    again with the reason (status 400)."""

    form_class = None
    model = None
    title = ""
    permission = ADD

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can(request.user, self.model, self.permission):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, data=None, files=None):
        return self.form_class(data, files)

    def get(self, request, *args, **kwargs):
        self.load()
        return self.page(self.make_form())

    def post(self, request, *args, **kwargs):
        self.load()
        form = self.make_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = self.perform(form)
            except ValidationError as error:
                _errors_onto(form, error)
            else:
                messages.success(request, _("Saved: %(object)s") % {"object": result})
                return redirect(self.next_url(result))
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return self.page(form, status=400)

    def next_url(self, result):
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, {self.request.get_host()}):
            return target
        return case_url(self.case) or result.get_absolute_url()

    def page(self, form, status=200):
        return render(self.request, "enforcement/action.html", {
            "title": self.title, "form": form, "case": self.case, "case_url": case_url(self.case),
            "record": getattr(self, "record", None)}, status=status)


class CaseActionView(ActionView):
    """An action that creates a record of a case (``/enforcement/cases/<case_pk>/…``)."""

    service = None

    def load(self):
        self.case = get_object_or_404(Case.objects.restrict(self.request.user, CHANGE).select_related("region"),
                                      pk=self.kwargs["case_pk"])

    def make_form(self, data=None, files=None):
        initial = {} if data is not None else self.initial()
        return self.form_class(data, files, case=self.case, user=self.request.user, initial=initial)

    def initial(self):
        return {}

    def perform(self, form):
        return type(self).service(form.instance, by=self.request.user)


class RecordActionView(ActionView):
    """An action on an existing record (``/enforcement/<kind>/<pk>/…``)."""

    permission = CHANGE

    def load(self):
        self.record = get_object_or_404(self.model.objects.restrict(self.request.user, CHANGE)
                                        .select_related("case__region"), pk=self.kwargs["pk"])
        self.case = self.record.case


def _today_initial():
    return timezone.localdate()


class ServeView(CaseActionView):
    model, form_class, title = ServiceRecord, forms.ServiceRecordForm, gettext_lazy("Record service")

    def initial(self):
        party = self.case.parties.first()
        return {"document": "行政处罚决定书", "served_on": _today_initial(), "recipient": party.name if party else "",
                "address": party.address if party else "",
                "is_decision": self.case.stage == StageCode.SERVICE}

    def perform(self, form):
        return services.record_service(form.instance, by=self.request.user, proof=form.cleaned_data.get("proof") or None)


class PayView(CaseActionView):
    model, form_class, title = Payment, forms.PaymentForm, gettext_lazy("Record a payment")
    service = services.record_payment

    def initial(self):
        party = self.case.parties.first()
        owed = services.account(self.case).owed
        return {"paid_on": _today_initial(), "payer": party.name if party else "", "amount": owed}


class PlanView(CaseActionView):
    model, form_class, title = PaymentPlan, forms.PaymentPlanForm, gettext_lazy("Deferral or instalments")
    service = services.request_plan

    def initial(self):
        return {"requested_on": _today_initial()}


class DemandView(CaseActionView):
    model, form_class, title = Demand, forms.DemandForm, gettext_lazy("Issue a demand")
    service = services.issue_demand

    def initial(self):
        return {"issued_on": _today_initial(), "served_on": _today_initial()}


class CourtView(CaseActionView):
    model, form_class, title = CourtApplication, forms.CourtApplicationForm, gettext_lazy("Apply to the court")
    service = services.apply_to_court

    def initial(self):
        return {"filed_on": _today_initial()}


class ReconsiderationView(CaseActionView):
    model, form_class, title = Reconsideration, forms.ReconsiderationForm, gettext_lazy("Record a reconsideration")
    service = services.record_review


class LitigationView(CaseActionView):
    model, form_class, title = Litigation, forms.LitigationForm, gettext_lazy("Record a lawsuit")
    service = services.record_review


class CompleteNoticeView(RecordActionView):
    model, form_class, title = ServiceRecord, forms.ConfirmForm, gettext_lazy("Complete the public notice")

    def perform(self, form):
        return services.complete_public_notice(self.record, by=self.request.user)


class HandoverView(RecordActionView):
    model, form_class, title = Payment, forms.HandoverForm, gettext_lazy("Record the handover")

    def perform(self, form):
        return services.record_handover(self.record, by=self.request.user,
                                        handed_over_on=form.cleaned_data["handed_over_on"])


class PlanDecisionView(RecordActionView):
    model, form_class, title = PaymentPlan, forms.PlanDecisionForm, gettext_lazy("Decide on the request")

    def perform(self, form):
        return services.decide_plan(self.record, by=self.request.user, approve=form.cleaned_data["approve"],
                                    note=form.cleaned_data["note"])


class CourtOutcomeView(RecordActionView):
    model, form_class, title = CourtApplication, forms.CourtOutcomeForm, gettext_lazy("Court outcome")

    def perform(self, form):
        d = form.cleaned_data
        return services.record_court_outcome(self.record, by=self.request.user, outcome=d["outcome"], on=d["on"],
                                             note=d["note"])


class ReviewOutcomeView(RecordActionView):
    form_class, title = forms.ReviewOutcomeForm, gettext_lazy("Outcome")

    def perform(self, form):
        d = form.cleaned_data
        return services.record_review_outcome(self.record, by=self.request.user, outcome=d["outcome"], on=d["on"],
                                              note=d["note"])
