"""The case page section of legal review, collective discussion and transfers (``reviews/case_section.html``)."""

from django import template
from django.core.exceptions import ValidationError

from zongzhi.cases.choices import LIVE_STATUSES, CaseStatus, StageCode
from zongzhi.cases.services import may_approve
from zongzhi.utilities.scope import ADD, CHANGE, VIEW, in_scope

from .. import services
from ..choices import CONCLUSION_COLORS, OPINION_COLORS, STATUS_COLORS, TRANSFER_COLORS, ReviewStatus
from ..forms import CriminalReportForm, DiscussionForm, OpinionForm, TransferForm
from ..models import CollectiveDiscussion, LegalReview, Transfer

register = template.Library()


@register.simple_tag
def reviews_section(case, user):
    """What the section shows to ``user``: the reviews, discussions and transfers of the case, and the forms the
    user may fill in now. A case waiting for review gets its review opened here (``request_review``)."""
    at_review = case.status == CaseStatus.OPEN and case.stage == StageCode.LEGAL_REVIEW
    if at_review:
        try:
            services.request_review(case, by=user)
        except ValidationError:
            pass
    reviews = list(LegalReview.objects.restrict(user, VIEW).filter(case=case).select_related(
        "reviewer_officer").order_by("-round"))
    discussions = list(CollectiveDiscussion.objects.restrict(user, VIEW).filter(case=case).order_by("-held_on", "-id"))
    transfers = list(Transfer.objects.restrict(user, VIEW).filter(case=case).select_related("to_agency"))
    pending = next((r for r in reviews if r.status == ReviewStatus.PENDING), None)
    opinion_form = None
    if at_review and pending is not None and services.may_review(user, case) and in_scope(user, pending, CHANGE):
        opinion_form = OpinionForm(case=case, user=user)
    discussion_form = None
    if case.status == CaseStatus.OPEN and case.stage == StageCode.DISCUSSION and may_approve(user, case):
        discussion_form = DiscussionForm(initial={"chair": str(user)})
    may_transfer = (case.status in LIVE_STATUSES and in_scope(user, case, CHANGE)
                    and in_scope(user, Transfer(case=case), ADD))
    return {
        "reviews": reviews, "pending_review": pending, "opinion_form": opinion_form,
        "discussions": discussions, "discussion_form": discussion_form,
        "min_attendees": services.discussion_min_attendees(), "basis": services.DISCUSSION_MIN_BASIS,
        "transfers": transfers,
        "transfer_form": TransferForm(case=case, user=user) if may_transfer else None,
        "criminal_form": CriminalReportForm(case=case, user=user) if may_transfer else None,
        "status_colors": STATUS_COLORS, "opinion_colors": OPINION_COLORS, "conclusion_colors": CONCLUSION_COLORS,
        "transfer_colors": TRANSFER_COLORS,
    }


@register.filter
def case_url(case):
    """The case page, or "" while the case pages are not installed."""
    from django.urls import NoReverseMatch

    try:
        return case.get_absolute_url()
    except NoReverseMatch:
        return ""
