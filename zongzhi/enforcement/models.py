"""Service (送达), payment (缴款, 罚缴分离), instalments and deferral, demand (催告), application to the court for
enforcement, and the reconsideration and litigation records of a case. State changes go through ``services``;
``clean()`` holds the rules of one record, each refusal naming its article."""

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import (
    CourtOutcome,
    LitigationInstance,
    OnTheSpotGround,
    PaymentChannel,
    PlanKind,
    PlanStatus,
    ReviewOutcome,
    ServiceMethod,
    ServiceState,
)

CASE_SCOPE = ScopeSpec(region="case__region__path", agency="case__agency__path")
MONEY = {"max_digits": 14, "decimal_places": 2}


def _user_fk(label):
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=label, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+", editable=False)


class ServiceRecord(BaseModel):
    """One document of a case served on a party (送达回证), by one method, with its proof and date."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="service_records")
    document = models.CharField(_("document"), max_length=100, help_text=_("E.g. 行政处罚决定书."))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    is_decision = models.BooleanField(_("penalty decision"), default=True,
                                      help_text=_("Serving the decision moves the case on to execution."))
    method = models.CharField(_("method"), max_length=24, choices=ServiceMethod.choices, db_index=True)
    recipient = models.CharField(_("recipient"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    witnesses = models.CharField(_("witnesses"), max_length=200, blank=True,
                                 help_text=_("Left at the address: the witnesses present (民事诉讼法 Art. 89)."))
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True, db_index=True)
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    consent_reference = models.CharField(_("written consent"), max_length=200, blank=True,
                                         help_text=_("The party's written consent to electronic service "
                                                     "(e.g. the signed address confirmation)."))
    electronic_address = models.CharField(_("electronic address"), max_length=200, blank=True,
                                          help_text=_("Fax number, e-mail or account the party named."))
    notice_on = models.DateField(_("notice published on"), null=True, blank=True)
    notice_reason = models.CharField(_("why public notice"), max_length=200, blank=True,
                                     help_text=_("Whereabouts unknown, or no other method could serve it."))
    served_on = models.DateField(_("served on"), null=True, blank=True, db_index=True,
                                 help_text=_("By post: the date of receipt. Public notice: the day it is deemed "
                                             "served."))
    state = models.CharField(_("state"), max_length=16, choices=ServiceState.choices, default=ServiceState.SERVED,
                             db_index=True, editable=False)
    proof = models.FileField(_("proof"), upload_to="enforcement/service/%Y/%m/", blank=True, max_length=200)
    proof_name = models.CharField(_("proof file name"), max_length=200, blank=True, editable=False)
    proof_sha256 = models.CharField(_("SHA-256 of the proof"), max_length=64, blank=True, editable=False)
    receipt_number = models.CharField(_("receipt number"), max_length=100, blank=True,
                                      help_text=_("Number of the proof of service, postal receipt or notice."))
    note = models.TextField(_("note"), blank=True, max_length=2000)
    recorded_by = _user_fk(_("recorded by"))

    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "served_on"], name="enforcement_service_due_idx")]

    def __str__(self):
        return f"{self.document} · {self.get_method_display()}"

    def clean(self):
        errors = {}
        m = ServiceMethod
        self.recipient = (self.recipient or "").strip()
        today = timezone.localdate()
        if self.method == m.LEFT_AT_ADDRESS and not self.witnesses.strip():
            errors["witnesses"] = _("Name the witnesses present when the document was left at the address "
                                    "（《民事诉讼法》第八十九条）.")
        if self.method in (m.LEFT_AT_ADDRESS, m.POST) and not self.address.strip():
            errors["address"] = _("Give the address.")
        if self.method == m.POST and not self.tracking_number.strip():
            errors["tracking_number"] = _("Give the tracking number of the registered mail "
                                          "（《民事诉讼法》第九十一条）.")
        if self.method == m.POST and self.posted_on and self.served_on and self.served_on < self.posted_on:
            errors["served_on"] = _("It cannot be received before it was posted.")
        if self.method == m.ELECTRONIC:
            if not self.consent_reference.strip():
                errors["consent_reference"] = _("Electronic service needs the party's written consent "
                                                "（《行政处罚法》第六十一条第二款）.")
            if not self.electronic_address.strip():
                errors["electronic_address"] = _("Give the fax number, e-mail or account the party agreed to.")
        if self.method == m.PUBLIC_NOTICE:
            if not self.notice_on:
                errors["notice_on"] = _("Give the date the notice was published.")
            elif self.notice_on > today:
                errors["notice_on"] = _("The date cannot lie in the future.")
            if not self.notice_reason.strip():
                errors["notice_reason"] = _("Public notice only when the whereabouts are unknown or no other "
                                            "method can serve it （《民事诉讼法》第九十五条）.")
        elif not self.served_on:
            errors["served_on"] = _("Give the date it was served.")
        elif self.served_on > today:
            errors["served_on"] = _("The date cannot lie in the future.")
        if not self.proof and not self.receipt_number.strip():
            errors["receipt_number"] = _("Upload the proof of service or give the number of the receipt.")
        if self.is_decision and self.case_id and self.case.decided_on:
            when = self.notice_on if self.method == m.PUBLIC_NOTICE else self.served_on
            if when and when < self.case.decided_on:
                errors["notice_on" if self.method == m.PUBLIC_NOTICE else "served_on"] = _(
                    "The decision was made on %(date)s: it cannot be served earlier.") % {"date": self.case.decided_on}
        if errors:
            raise ValidationError(errors)


class Payment(BaseModel):
    """Money paid against a case's fine: to the bank with its receipt (罚缴分离, 行政处罚法 第六十七条), or,
    only on the grounds of Arts. 68-69, collected on the spot and handed to the agency within 2 working days."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="payments")
    channel = models.CharField(_("channel"), max_length=16, choices=PaymentChannel.choices,
                               default=PaymentChannel.BANK, db_index=True)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    paid_on = models.DateField(_("paid on"), db_index=True)
    payer = models.CharField(_("payer"), max_length=200, db_index=True)
    bank = models.CharField(_("bank"), max_length=100, blank=True)
    bank_receipt_number = models.CharField(_("bank receipt number"), max_length=64, blank=True, db_index=True)
    onsite_ground = models.CharField(_("ground for on-the-spot collection"), max_length=16,
                                     choices=OnTheSpotGround.choices, blank=True, db_index=True)
    onsite_reason = models.TextField(_("circumstances"), blank=True, max_length=1000,
                                     help_text=_("Why it would be hard to enforce afterwards, or the party's "
                                                 "request in a remote area."))
    receipt_number = models.CharField(_("fine receipt number"), max_length=64, blank=True,
                                      help_text=_("The receipt printed by the provincial finance department "
                                                  "(行政处罚法 Art. 70)."))
    handover_due_on = models.DateField(_("hand over by"), null=True, blank=True, editable=False)
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True, editable=False)
    fine_part = models.DecimalField(_("towards the fine"), default=0, editable=False, **MONEY)
    surcharge_part = models.DecimalField(_("towards the surcharge"), default=0, editable=False, **MONEY)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    recorded_by = _user_fk(_("recorded by"))

    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="enforcement_payment_amount_positive"),
            models.CheckConstraint(condition=Q(channel="bank") | ~Q(onsite_ground=""),
                                   name="enforcement_onsite_has_ground"),
        ]

    def __str__(self):
        return f"{self.payer} {self.amount}元 {self.paid_on}"

    def clean(self):
        errors = {}
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = _("The amount must be more than zero.")
        if self.paid_on and self.paid_on > timezone.localdate():
            errors["paid_on"] = _("The date cannot lie in the future.")
        if self.channel == PaymentChannel.BANK:
            self.onsite_ground = ""
            if not self.bank_receipt_number.strip():
                errors["bank_receipt_number"] = _("Give the number of the bank's receipt （《行政处罚法》第六十七条）.")
        else:
            if not self.onsite_ground:
                errors["onsite_ground"] = _(
                    "The deciding agency does not collect fines itself: state the ground of Art. 68 or 69 for "
                    "collecting on the spot, or record the bank payment （《行政处罚法》第六十七条、第六十八条、第六十九条）.")
            if not self.receipt_number.strip():
                errors["receipt_number"] = _("Give the number of the fine receipt handed to the party "
                                             "（《行政处罚法》第七十条）.")
            if self.onsite_ground in (OnTheSpotGround.HARD_TO_ENFORCE, OnTheSpotGround.REMOTE_AREA) and \
                    not self.onsite_reason.strip():
                errors["onsite_reason"] = _("Describe the circumstances that allow collecting on the spot.")
        if errors:
            raise ValidationError(errors)


def parse_schedule(raw) -> list[tuple[datetime.date, Decimal]]:
    """``[{"due_on": "2026-01-31", "amount": "500"}, …]`` as sorted (date, Decimal) pairs; ValueError if bad."""
    items = []
    for row in raw or []:
        due = row["due_on"] if isinstance(row["due_on"], datetime.date) else datetime.date.fromisoformat(
            str(row["due_on"]))
        try:
            amount = Decimal(str(row["amount"])).quantize(Decimal("0.01"))
        except (InvalidOperation, TypeError) as error:
            raise ValueError(str(error)) from None
        items.append((due, amount))
    return sorted(items)


class PaymentPlan(BaseModel):
    """Deferral or instalments (暂缓或者分期缴纳, 行政处罚法 第六十六条第二款): asked for by the party, approved
    by the head of the agency, with a schedule of due dates and amounts."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="payment_plans")
    kind = models.CharField(_("kind"), max_length=16, choices=PlanKind.choices, db_index=True)
    reason = models.TextField(_("reason"), max_length=2000, help_text=_("The party's financial difficulty."))
    requested_on = models.DateField(_("requested on"))
    schedule = models.JSONField(_("schedule"), default=list,
                                help_text=_("Due dates and amounts; a deferral has one line."))
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.REQUESTED,
                              db_index=True, editable=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    decided_by = _user_fk(_("decided by"))
    decision_note = models.TextField(_("decision note"), blank=True, editable=False)
    recorded_by = _user_fk(_("recorded by"))

    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("instalment or deferral")
        verbose_name_plural = _("instalments and deferrals")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.case}"

    @property
    def items(self):
        return parse_schedule(self.schedule)

    def clean(self):
        errors = {}
        try:
            items = parse_schedule(self.schedule)
        except (KeyError, ValueError, TypeError):
            raise ValidationError({"schedule": _("Each line needs a due date (YYYY-MM-DD) and an amount.")}) from None
        if not items:
            errors["schedule"] = _("Give at least one due date and amount.")
        elif self.kind == PlanKind.DEFERRAL and len(items) != 1:
            errors["schedule"] = _("A deferral has one new due date.")
        elif self.kind == PlanKind.INSTALMENTS and len(items) < 2:
            errors["schedule"] = _("Instalments need at least two due dates.")
        elif any(a <= 0 for _d, a in items):
            errors["schedule"] = _("Each amount must be more than zero.")
        elif len({d for d, _a in items}) != len(items):
            errors["schedule"] = _("Two lines have the same due date.")
        if not (self.reason or "").strip():
            errors["reason"] = _("Give the reason.")
        if errors:
            raise ValidationError(errors)
        self.schedule = [{"due_on": d.isoformat(), "amount": str(a)} for d, a in items]


class Demand(BaseModel):
    """催告书 (行政强制法 第五十四条): after the payment deadline, the party is told in writing to pay; 10 working
    days after it was served the agency may apply to the court."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="demands")
    number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), db_index=True)
    served_on = models.DateField(_("served on"))
    method = models.CharField(_("served by"), max_length=24, choices=ServiceMethod.choices,
                              default=ServiceMethod.BY_HAND)
    amount_due = models.DecimalField(_("amount demanded (yuan)"), editable=False, default=0, **MONEY)
    surcharge_due = models.DecimalField(_("of which surcharge (yuan)"), editable=False, default=0, **MONEY)
    may_apply_from = models.DateField(_("court application possible after"), null=True, blank=True, editable=False)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    recorded_by = _user_fk(_("recorded by"))

    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return self.number or _("Demand of %(date)s") % {"date": self.issued_on}

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.issued_on and self.issued_on > today:
            errors["issued_on"] = _("The date cannot lie in the future.")
        if self.served_on and self.served_on > today:
            errors["served_on"] = _("The date cannot lie in the future.")
        if self.issued_on and self.served_on and self.served_on < self.issued_on:
            errors["served_on"] = _("It cannot be served before it was issued.")
        if self.method == ServiceMethod.PUBLIC_NOTICE:
            errors["method"] = _("Serve the demand in person, by post or electronically; record the notice date "
                                 "as served only after it is deemed served.")
        if errors:
            raise ValidationError(errors)


class CourtApplication(BaseModel):
    """强制执行申请 (行政强制法 第五十三条): to the court, after the demand and the appeal windows, within 3 months."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="court_applications")
    court = models.CharField(_("court"), max_length=100)
    filed_on = models.DateField(pgettext_lazy("enforcement", "filed on"), db_index=True)
    court_case_number = models.CharField(_("court case number"), max_length=100, blank=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=CourtOutcome.choices,
                               default=CourtOutcome.PENDING, db_index=True, editable=False)
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True, editable=False)
    outcome_note = models.TextField(_("outcome note"), blank=True, editable=False)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    recorded_by = _user_fk(_("recorded by"))

    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("court enforcement application")
        verbose_name_plural = _("court enforcement applications")
        ordering = ["-filed_on", "-id"]

    def __str__(self):
        return f"{self.court} {self.court_case_number or self.filed_on}"

    def clean(self):
        if self.filed_on and self.filed_on > timezone.localdate():
            raise ValidationError({"filed_on": _("The date cannot lie in the future.")})
        if not (self.court or "").strip():
            raise ValidationError({"court": _("Name the court.")})


class ReviewRecord(BaseModel):
    """What reconsideration and litigation records share: filed, numbered, with an outcome and its date."""

    filed_on = models.DateField(pgettext_lazy("enforcement", "filed on"), db_index=True)
    case_number = models.CharField(_("case number"), max_length=100, blank=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=ReviewOutcome.choices,
                               default=ReviewOutcome.PENDING, db_index=True, editable=False)
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True, db_index=True, editable=False)
    outcome_note = models.TextField(_("outcome note"), blank=True, editable=False)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    recorded_by = _user_fk(_("recorded by"))

    scope = CASE_SCOPE

    class Meta:
        abstract = True
        ordering = ["-filed_on", "-id"]

    def clean(self):
        if self.filed_on and self.filed_on > timezone.localdate():
            raise ValidationError({"filed_on": _("The date cannot lie in the future.")})


class Reconsideration(ReviewRecord):
    """行政复议: the party asked the reconsideration body (复议机关) to review the decision."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="reconsiderations")
    body = models.CharField(_("reconsideration body"), max_length=100)

    class Meta(ReviewRecord.Meta):
        verbose_name = _("reconsideration")
        verbose_name_plural = _("reconsiderations")

    def __str__(self):
        return f"{self.body} {self.case_number or self.filed_on}"


class Litigation(ReviewRecord):
    """行政诉讼: the party sued the agency over the decision."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="litigations")
    court = models.CharField(_("court"), max_length=100)
    instance = models.CharField(_("instance"), max_length=16, choices=LitigationInstance.choices,
                                default=LitigationInstance.FIRST)

    class Meta(ReviewRecord.Meta):
        verbose_name = _("litigation")
        verbose_name_plural = _("litigations")

    def __str__(self):
        return f"{self.court} {self.case_number or self.filed_on}"
