from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from zongzhi.cases.choices import StageCode
from zongzhi.cases.models import Case
from zongzhi.utilities import views as generic
from zongzhi.utilities.scope import CHANGE, VIEW, in_scope

from . import services
from .choices import CONCLUSION_COLORS, OPINION_COLORS, STATUS_COLORS, TRANSFER_COLORS, ReviewStatus, TransferStatus
from .filtersets import CollectiveDiscussionFilterSet, LegalReviewFilterSet, TransferFilterSet
from .forms import AnswerForm, CriminalReportForm, DecisionForm, DiscussionForm, OpinionForm, TransferForm
from .models import CollectiveDiscussion, LegalReview, Transfer
from .tables import discussion_table, legal_review_table, transfer_table

COLORS = {"status_colors": STATUS_COLORS, "opinion_colors": OPINION_COLORS, "conclusion_colors": CONCLUSION_COLORS,
          "transfer_colors": TRANSFER_COLORS}


def apply_errors(form, error):
    """Put a service's refusal on the form: keyed errors on their fields, the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def back_to(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


# --- legal review ---------------------------------------------------------------------------------------------

class LegalReviewListView(generic.ObjectListView):
    """The review queue: the pending reviews of the user's township with their due dates, overdue ones flagged.
    Cases waiting at the legal review stage get their review (and its time limit) when the queue is opened."""

    model = LegalReview
    table = legal_review_table
    filterset_class = LegalReviewFilterSet

    def get(self, request, *args, **kwargs):
        services.request_missing_reviews(request.user)
        return super().get(request, *args, **kwargs)

    def has_add_view(self):
        return False


class LegalReviewDetailView(generic.ObjectDetailView):
    model = LegalReview
    queryset = LegalReview.objects.select_related("case__region", "case__matter", "reviewer_officer", "reviewer")

    def extra_context(self, obj, opinion_form=None):
        user = self.request.user
        can_review = (obj.status == ReviewStatus.PENDING and obj.case.stage == StageCode.LEGAL_REVIEW
                      and services.may_review(user, obj.case) and in_scope(user, obj, CHANGE))
        if opinion_form is None and can_review:
            opinion_form = OpinionForm(case=obj.case, user=user)
        return {"opinion_form": opinion_form if can_review or opinion_form is not None else None,
                "case_visible": in_scope(user, obj.case, VIEW), **COLORS}


class LegalReviewOpinionView(LegalReviewDetailView):
    action = CHANGE

    def get(self, request, *args, **kwargs):
        return redirect(self.get_object(VIEW).get_absolute_url())

    def post(self, request, *args, **kwargs):
        review = self.get_object()
        form = OpinionForm(request.POST, case=review.case, user=request.user)
        if form.is_valid():
            try:
                services.give_opinion(review, by=request.user, **form.service_kwargs())
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The review opinion is recorded."))
                return redirect(back_to(request, review.get_absolute_url()))
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return render(request, self.get_template_names(), self.common_context(
            object=review, tab="detail", **self.extra_context(review, opinion_form=form)), status=400)


# --- pages acting on a case -----------------------------------------------------------------------------------

class CaseFormView(LoginRequiredMixin, View):
    """A form about one case (discussion, transfer): shown on its own page, posted from there or from the case
    page section. A refusal re-renders the form with the Chinese message (400), never a 500."""

    form_class = None
    title = ""
    template_name = "reviews/case_form.html"

    def get_case(self):
        return get_object_or_404(Case.objects.restrict(self.request.user, VIEW).select_related(
            "region", "agency", "deciding_body"), pk=self.kwargs["case_pk"])

    def get_form(self, case, data=None):
        return self.form_class(data, case=case, user=self.request.user)

    def get(self, request, *args, **kwargs):
        case = self.get_case()
        return self.render_form(case, self.get_form(case))

    def post(self, request, *args, **kwargs):
        case = self.get_case()
        form = self.get_form(case, request.POST)
        if form.is_valid():
            try:
                obj = self.perform(case, form)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Saved: %(object)s") % {"object": obj})
                return redirect(back_to(request, obj.get_absolute_url()))
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return self.render_form(case, form, status=400)

    def render_form(self, case, form, status=200):
        return render(self.request, self.template_name, {"case": case, "form": form, "title": self.title,
                                                         "case_visible": True}, status=status)


class DiscussionRecordView(CaseFormView):
    title = _("Collective discussion")
    template_name = "reviews/discussion_form.html"

    def get_form(self, case, data=None):
        return DiscussionForm(data, initial={"chair": str(self.request.user)})

    def render_form(self, case, form, status=200):
        return render(self.request, self.template_name, {
            "case": case, "form": form, "title": self.title,
            "min_attendees": services.discussion_min_attendees(), "basis": services.DISCUSSION_MIN_BASIS},
            status=status)

    def perform(self, case, form):
        return services.record_discussion(case, by=self.request.user, **form.service_kwargs())


class TransferCreateView(CaseFormView):
    form_class = TransferForm
    title = _("Transfer to the competent agency")

    def perform(self, case, form):
        d = form.cleaned_data
        return services.transfer_to_agency(case, by=self.request.user, to_agency=d["to_agency"],
                                           grounds=d["grounds"], materials=d.get("materials", ""))


class CriminalReportView(CaseFormView):
    form_class = CriminalReportForm
    title = _("Report a suspected crime for transfer to the police")

    def perform(self, case, form):
        return services.report_crime(case, by=self.request.user, **form.service_kwargs())


# --- discussions and transfers: lists and details -------------------------------------------------------------

class CollectiveDiscussionListView(generic.ObjectListView):
    model = CollectiveDiscussion
    table = discussion_table
    filterset_class = CollectiveDiscussionFilterSet

    def has_add_view(self):
        return False


class CollectiveDiscussionDetailView(generic.ObjectDetailView):
    model = CollectiveDiscussion
    queryset = CollectiveDiscussion.objects.select_related("case", "recorded_by")

    def extra_context(self, obj):
        return {"case_visible": in_scope(self.request.user, obj.case, VIEW), **COLORS}


class TransferListView(generic.ObjectListView):
    model = Transfer
    table = transfer_table
    filterset_class = TransferFilterSet

    def has_add_view(self):
        return False


class TransferDetailView(generic.ObjectDetailView):
    """The transfer with the case file it carries: the receiving agency reads it here (the case itself stays in
    the sending agency's scope)."""

    model = Transfer
    queryset = Transfer.objects.select_related("case__region", "case__matter", "case__agency", "to_agency__region",
                                               "decided_by", "sent_by", "answered_by")

    def extra_context(self, obj, decision_form=None, answer_form=None):
        user = self.request.user
        from zongzhi.cases.services import may_approve

        may_decide = obj.status == TransferStatus.REPORTED and may_approve(user, obj.case)
        may_send = obj.status == TransferStatus.APPROVED and in_scope(user, obj.case, CHANGE)
        may_answer = obj.status == TransferStatus.SENT and services.may_answer(user, obj)
        return {
            "case_visible": in_scope(user, obj.case, VIEW),
            "parties": obj.case.parties.all(),
            "decision_form": decision_form or (DecisionForm() if may_decide else None),
            "may_send": may_send,
            "answer_form": answer_form or (AnswerForm(transfer=obj) if may_answer else None),
            **COLORS,
        }


class TransferActionView(TransferDetailView):
    action = CHANGE

    def get(self, request, *args, **kwargs):
        return redirect(self.get_object(VIEW).get_absolute_url())

    def post(self, request, *args, **kwargs):
        transfer = self.get_object()
        form = self.bind(transfer)
        if form is None or form.is_valid():
            try:
                self.perform(transfer, form.cleaned_data if form is not None else {})
            except ValidationError as error:
                if form is None:
                    messages.error(request, "；".join(error.messages))
                    return redirect(transfer.get_absolute_url())
                apply_errors(form, error)
            else:
                messages.success(request, _("Saved: %(object)s") % {"object": transfer})
                return redirect(back_to(request, transfer.get_absolute_url()))
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return render(request, self.get_template_names(), self.common_context(
            object=transfer, tab="detail", **self.extra_context(transfer, **{self.form_name: form})), status=400)


class TransferDecideView(TransferActionView):
    form_name = "decision_form"

    def bind(self, transfer):
        return DecisionForm(self.request.POST)

    def perform(self, transfer, data):
        services.decide_criminal_transfer(transfer, by=self.request.user, approve=data["approve"] == "yes",
                                          note=data.get("note", ""))


class TransferSendView(TransferActionView):
    form_name = "decision_form"

    def bind(self, transfer):
        return None

    def perform(self, transfer, data):
        services.send_transfer(transfer, by=self.request.user)


class TransferAnswerView(TransferActionView):
    form_name = "answer_form"

    def bind(self, transfer):
        return AnswerForm(self.request.POST, transfer=transfer)

    def perform(self, transfer, data):
        services.answer_transfer(transfer, by=self.request.user, accepted=data["accepted"] == "yes",
                                 note=data.get("note", ""), answered_on=data.get("answered_on"))
