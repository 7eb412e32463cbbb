"""``{% enforcement_section case user as enf %}``: what the case page's enforcement section shows, in a fixed
number of queries (one per kind of record)."""

from django import template
from django.urls import reverse
from django.utils import timezone

from zongzhi.cases.choices import CaseStatus, StageCode
from zongzhi.cases.services import may_approve
from zongzhi.utilities.scope import ADD, CHANGE, can, in_scope

from .. import forms, services
from ..choices import COURT_FINAL, PaymentChannel, PlanStatus, ReviewOutcome, ServiceState
from ..models import Payment

register = template.Library()


@register.simple_tag(takes_context=True)
def enforcement_section(context, case, user):
    request = context.get("request")
    here = request.get_full_path() if request is not None else ""
    records = list(case.service_records.select_related("recorded_by").order_by("-id"))
    payments = list(case.payments.order_by("-paid_on", "-id"))
    plans = list(case.payment_plans.order_by("-id"))
    demands = list(case.demands.order_by("-issued_on", "-id"))
    applications = list(case.court_applications.order_by("-filed_on", "-id"))
    reconsiderations = list(case.reconsiderations.order_by("-filed_on", "-id"))
    litigations = list(case.litigations.order_by("-filed_on", "-id"))
    may_act = in_scope(user, case, CHANGE) and can(user, Payment, ADD) and case.status == CaseStatus.OPEN
    head = may_act and may_approve(user, case)
    at_service = case.stage == StageCode.SERVICE
    at_execution = case.stage == StageCode.EXECUTION and bool(case.fine_amount)
    acc = None
    if case.fine_amount and (at_execution or payments):
        case.decision_services = records
        acc = services.account(case, payments=payments, plans=plans)
    windows = services.appeal_windows(case) if case.decided_on else None

    def form(url_name, form_class, title, **initial):
        return {"title": title, "url": reverse(f"enforcement:{url_name}", args=[case.pk]),
                "form": form_class(case=case, user=user, initial=initial), "next": here}

    today = timezone.localdate()
    party = case.parties.first() if may_act and (at_service or at_execution) else None
    new = []
    if may_act and at_service:
        new.append(form("case_serve", forms.ServiceRecordForm, forms.ServiceRecordForm.Meta.model._meta.verbose_name,
                        document="行政处罚决定书", is_decision=True, served_on=today,
                        recipient=party.name if party else "", address=party.address if party else ""))
    if may_act and at_execution:
        new.append(form("case_pay", forms.PaymentForm, Payment._meta.verbose_name, paid_on=today,
                        payer=party.name if party else "", amount=acc.owed if acc else None))
        new.append(form("case_plan", forms.PaymentPlanForm, forms.PaymentPlanForm.Meta.model._meta.verbose_name,
                        requested_on=today))
        new.append(form("case_demand", forms.DemandForm, forms.DemandForm.Meta.model._meta.verbose_name,
                        issued_on=today, served_on=today))
        new.append(form("case_court", forms.CourtApplicationForm,
                        forms.CourtApplicationForm.Meta.model._meta.verbose_name, filed_on=today))
    if may_act and case.decided_on:
        new.append(form("case_reconsideration", forms.ReconsiderationForm,
                        forms.ReconsiderationForm.Meta.model._meta.verbose_name))
        new.append(form("case_litigation", forms.LitigationForm, forms.LitigationForm.Meta.model._meta.verbose_name))

    pending = []
    if may_act:
        for r in records:
            if r.state == ServiceState.NOTICE_RUNNING:
                pending.append({"title": str(r), "url": reverse("enforcement:servicerecord_complete", args=[r.pk]),
                                "form": forms.ConfirmForm(), "next": here})
        for p in payments:
            if p.channel == PaymentChannel.ON_THE_SPOT and not p.handed_over_on:
                pending.append({"title": str(p), "url": reverse("enforcement:payment_handover", args=[p.pk]),
                                "form": forms.HandoverForm(), "next": here})
        for a in applications:
            if a.outcome not in COURT_FINAL:
                pending.append({"title": str(a), "url": reverse("enforcement:courtapplication_outcome", args=[a.pk]),
                                "form": forms.CourtOutcomeForm(), "next": here})
        for name, rows in (("reconsideration", reconsiderations), ("litigation", litigations)):
            for r in rows:
                if r.outcome == ReviewOutcome.PENDING:
                    pending.append({"title": str(r), "url": reverse(f"enforcement:{name}_outcome", args=[r.pk]),
                                    "form": forms.ReviewOutcomeForm(), "next": here})
    if head:
        for p in plans:
            if p.status == PlanStatus.REQUESTED:
                pending.append({"title": str(p), "url": reverse("enforcement:paymentplan_decide", args=[p.pk]),
                                "form": forms.PlanDecisionForm(), "next": here})
    return {"records": records, "payments": payments, "plans": plans, "demands": demands,
            "applications": applications, "reconsiderations": reconsiderations, "litigations": litigations,
            "account": acc, "windows": windows, "new_forms": new, "pending_forms": pending,
            "any": any([records, payments, plans, demands, applications, reconsiderations, litigations, new])}
