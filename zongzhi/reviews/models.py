"""Legal review (法制审核), collective discussion (集体讨论) and transfers out (案件移送). Every change of state goes
through ``services``; each of these records belongs to a case and is scoped like it — a transfer is also visible to
the agency that receives it."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import CHECKLIST, CheckResult, Conclusion, Opinion, ReviewStatus, TransferKind, TransferStatus

CASE_SCOPE = dict(region="case__region__path", agency="case__agency__path")


class LegalReview(BaseModel):
    """One round of legal review of a case (行政处罚法 第五十八条): requested when the case enters the legal review
    stage, answered by a legal reviewer of the township with the checklist and an opinion."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="legal_reviews")
    round = models.PositiveSmallIntegerField(_("round"), default=1, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING,
                              db_index=True, editable=False)
    requested_on = models.DateField(_("requested on"), default=datetime.date.today, editable=False)
    due_on = models.DateField(_("review due on"), db_index=True, editable=False)
    due_citation = models.CharField(_("basis of the time limit"), max_length=200, blank=True, editable=False)
    grounds = models.JSONField(_("why review is required"), default=list, blank=True, editable=False)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", editable=False)
    reviewer_name = models.CharField(_("reviewer"), max_length=150, blank=True, editable=False)
    reviewer_officer = models.ForeignKey("officers.Officer", verbose_name=_("reviewer (officer record)"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="legal_reviews",
                                         editable=False)
    checklist = models.JSONField(_("checklist"), default=dict, blank=True, editable=False)
    opinion = models.CharField(_("opinion"), max_length=32, choices=Opinion.choices, blank=True, db_index=True,
                               editable=False)
    reasons = models.TextField(_("reasons"), blank=True, editable=False)
    changes = models.TextField(_("changes required"), blank=True, editable=False)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True, editable=False)

    scope = ScopeSpec(**CASE_SCOPE)

    class Meta:
        verbose_name = _("legal review")
        verbose_name_plural = _("legal reviews")
        ordering = ["status", "due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="reviews_review_due_idx")]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(status="pending"),
                                    name="reviews_review_one_pending_per_case"),
            models.UniqueConstraint(fields=["case", "round"], name="reviews_review_round_unique"),
            models.CheckConstraint(condition=Q(status="done", opinion__gt="") | ~Q(status="done"),
                                   name="reviews_review_done_has_opinion"),
        ]

    def __str__(self):
        return f"{self.case} · {_('legal review')} {self.round}"

    @property
    def is_overdue(self):
        return self.status == ReviewStatus.PENDING and self.due_on < timezone.localdate()

    def checklist_rows(self):
        """[(label, result label, is_problem, note)] in the checklist's order."""
        rows = []
        for code, label in CHECKLIST:
            answer = self.checklist.get(code) or {}
            result = answer.get("result", "")
            rows.append((label, CheckResult(result).label if result in CheckResult.values else "—",
                         result == CheckResult.PROBLEM, answer.get("note", "")))
        return rows


class CollectiveDiscussion(BaseModel):
    """The heads' collective discussion of a complex or major case (行政处罚法 第五十七条第二款) and its minutes."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="discussions")
    held_on = models.DateField(_("held on"), db_index=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    chair = models.CharField(_("chair"), max_length=64)
    attendees = models.JSONField(_("attendees"), default=list,
                                 help_text=_("Each attendee's name, post and opinion."))
    conclusion = models.CharField(pgettext_lazy("review", "conclusion"), max_length=16, choices=Conclusion.choices, db_index=True)
    minutes = models.TextField(_("minutes"), max_length=8000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)

    scope = ScopeSpec(**CASE_SCOPE)

    class Meta:
        verbose_name = _("collective discussion")
        verbose_name_plural = _("collective discussions")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.case} · {_('collective discussion')} {self.held_on}"


class Transfer(BaseModel):
    """A case transferred out: to the competent agency (案件移送), or as a suspected crime to the police with a copy
    to the procuratorate (《行政执法机关移送涉嫌犯罪案件的规定》). Seen by the sending side (the case's scope) and by
    the receiving agency (its subtree and its place), which records its answer."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="transfers")
    kind = models.CharField(_("kind"), max_length=16, choices=TransferKind.choices, db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=TransferStatus.choices, db_index=True,
                              editable=False)
    to_agency = models.ForeignKey("agencies.Agency", verbose_name=_("receiving agency"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="received_transfers",
                                  help_text=_("When the receiving body works on this platform, it sees the transfer "
                                              "and answers here."))
    receiver_name = models.CharField(_("received by"), max_length=100, blank=True,
                                     help_text=_("The competent agency or the public security organ."))
    copy_to = models.CharField(_("copy to"), max_length=100, blank=True,
                               help_text=_("The people's procuratorate (criminal transfers)."))
    grounds = models.TextField(_("grounds for the transfer"), max_length=4000)
    materials = models.TextField(_("materials sent"), blank=True, max_length=4000,
                                 help_text=_("The case file and the list of evidence and items sent with it."))
    reported_on = models.DateField(_("reported to the head on"), null=True, blank=True, editable=False)
    decision_due_on = models.DateField(_("head's decision due on"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    decision_note = models.TextField(_("decision note"), blank=True, editable=False)
    send_due_at = models.DateTimeField(_("to be sent by"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, db_index=True, editable=False)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+", editable=False)
    answered_on = models.DateField(_("answered on"), null=True, blank=True, editable=False)
    answer_note = models.TextField(_("answer"), blank=True, editable=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answer recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)

    scope = ScopeSpec(**CASE_SCOPE, also=(("to_agency__region__path", "to_agency__path"),))

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind="criminal") | Q(to_agency__isnull=False),
                                   name="reviews_transfer_competent_has_agency"),
        ]

    def __str__(self):
        return f"{self.case} → {self.receiver}"

    @property
    def receiver(self):
        return self.receiver_name or (str(self.to_agency) if self.to_agency_id else "")

    @property
    def is_criminal(self):
        return self.kind == TransferKind.CRIMINAL

    @property
    def decision_late(self):
        if self.decision_due_on is None:
            return False
        decided = timezone.localtime(self.decided_at).date() if self.decided_at else timezone.localdate()
        return decided > self.decision_due_on

    @property
    def sending_late(self):
        if self.send_due_at is None:
            return False
        return (self.sent_at or timezone.now()) > self.send_due_at
