"""Evidence (证据) with its files, evidence registered for preservation (先行登记保存) and seizures (查封扣押) with
the ledger of seized and confiscated items. Every change goes through ``services``; files are never changed once
stored; a seized item's every change of status is an append-only ``SeizedItemEvent``."""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.models import AppendOnlyModel, BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import (
    EvidenceKind,
    ItemStatus,
    PreservationDecision,
    PreservationStatus,
    SeizureKind,
    SeizureStatus,
)

CASE_SCOPE = ScopeSpec(region="case__region__path", agency="case__agency__path")
MAX_SEIZURE_DAYS = 30  # 行政强制法 第二十五条
MAX_EXTENSION_DAYS = 30


def evidence_upload_to(instance, filename):
    """evidence/<year>/<case id>/<random>.<ext>: names never collide and reveal nothing of the content."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"evidence/{timezone.localdate().year}/{instance.evidence.case_id}/{uuid.uuid4().hex}{extension}"


class Evidence(BaseModel):
    """One item of evidence of a case (行政处罚法 第四十六条), who collected it, when, where and from whom."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="evidence")
    serial = models.PositiveIntegerField(_("number in the case file"), editable=False)
    kind = models.CharField(_("kind"), max_length=32, choices=EvidenceKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(pgettext_lazy("evidence", "description"), blank=True, max_length=4000,
                                   help_text=_("What it shows and how it relates to the facts."))
    collected_by = models.ForeignKey("officers.Officer", verbose_name=_("collected by"), on_delete=models.PROTECT,
                                     related_name="evidence_collected")
    collected_at = models.DateTimeField(_("collected at"), default=timezone.now, db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    source = models.CharField(_("provided by"), max_length=200, blank=True,
                              help_text=_("The person or body the evidence came from."))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", editable=False)

    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["case", "serial"]
        constraints = [models.UniqueConstraint(fields=["case", "serial"], name="evidence_serial_unique_in_case")]

    def __str__(self):
        return f"{self.case} · {self.serial}. {self.title}"


class EvidenceFile(BaseModel):
    """A stored file of an item of evidence. Written once through Django storage (disk or S3) with its SHA-256;
    never changed afterwards, and checked against the hash on every download."""

    evidence = models.ForeignKey(Evidence, verbose_name=_("evidence"), on_delete=models.CASCADE,
                                 related_name="files")
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=255)
    original_name = models.CharField(_("original name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    scope = ScopeSpec(region="evidence__case__region__path", agency="evidence__case__agency__path")

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["evidence", "id"]

    def __str__(self):
        return self.original_name

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Evidence files are never changed once stored.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("evidence:evidencefile_download", args=[self.pk])

    @property
    def is_image(self):
        return self.content_type.startswith("image/")


class Preservation(BaseModel):
    """Evidence registered for preservation (先行登记保存, 行政处罚法 第五十六条): approved by the head, decided
    within seven working days."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="preservations")
    serial = models.PositiveIntegerField(_("number in the case"), editable=False)
    registered_on = models.DateField(_("registered on"), default=timezone.localdate, db_index=True)
    place = models.CharField(_("place"), max_length=200)
    reason = models.TextField(_("reason"), max_length=2000,
                              help_text=_("Why the evidence may be lost or hard to obtain later."))
    status = models.CharField(_("status"), max_length=16, choices=PreservationStatus.choices,
                              default=PreservationStatus.PROPOSED, db_index=True, editable=False)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)
    approved_on = models.DateField(_("approved on"), null=True, blank=True, editable=False)
    due_on = models.DateField(_("decide by"), null=True, blank=True, editable=False)
    decision = models.CharField(pgettext_lazy("evidence", "decision"), max_length=32, choices=PreservationDecision.choices, blank=True,
                                editable=False)
    decision_note = models.TextField(_("decision note"), blank=True, editable=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)

    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("registered preservation")
        verbose_name_plural = _("registered preservations")
        ordering = ["-registered_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "serial"], name="evidence_preservation_serial_unique"),
            models.CheckConstraint(condition=~Q(status=PreservationStatus.DECIDED) | Q(decision__gt=""),
                                   name="evidence_preservation_decided_has_decision"),
        ]

    def __str__(self):
        return _("%(case)s · preservation %(n)s") % {"case": self.case, "n": self.serial}

    @property
    def deadline_key(self):
        return f"preservation:{self.pk}"

    def item_lines(self):
        """The items as typed in the forms (one per line), to carry them into a seizure."""
        return "\n".join(", ".join([i.name, f"{i.quantity.normalize():f}", i.unit, i.specification])
                         for i in self.items.all())

    @property
    def is_late(self):
        return bool(self.due_on and (self.decided_on or timezone.localdate()) > self.due_on)


class PreservationItem(models.Model):
    preservation = models.ForeignKey(Preservation, verbose_name=_("registered preservation"),
                                     on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("name"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2,
                                   validators=[MinValueValidator(0)])
    unit = models.CharField(_("unit"), max_length=20)
    specification = models.CharField(_("specification"), max_length=200, blank=True)
    kept_at = models.CharField(_("place kept"), max_length=200, blank=True)

    scope = ScopeSpec(region="preservation__case__region__path", agency="preservation__case__agency__path")

    class Meta:
        verbose_name = _("preserved item")
        verbose_name_plural = _("preserved items")
        ordering = ["preservation", "id"]

    def __str__(self):
        return f"{self.name} {self.quantity.normalize():f}{self.unit}"


class Seizure(BaseModel):
    """A seizure or impoundment (查封扣押, 行政强制法 第二十三—二十八条): approved by the head, at most 30 days,
    one extension of at most 30 days, testing time not counted; its items are on the ledger (``SeizedItem``)."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="seizures")
    serial = models.PositiveIntegerField(_("number in the case"), editable=False)
    kind = models.CharField(_("measure"), max_length=16, choices=SeizureKind.choices, default=SeizureKind.IMPOUND)
    seized_on = models.DateField(_("decided on"), default=timezone.localdate, db_index=True)
    place = models.CharField(_("place"), max_length=200)
    reason = models.TextField(_("reason and basis"), max_length=2000)
    term_days = models.PositiveSmallIntegerField(
        _("term (days)"), default=MAX_SEIZURE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SEIZURE_DAYS)],
        help_text=_("At most 30 days (行政强制法 Art. 25)."))
    custody_place = models.CharField(_("custody place"), max_length=200)
    custodian = models.CharField(_("custodian"), max_length=100)
    proposed_items = models.JSONField(_("items proposed"), default=list, blank=True, editable=False,
                                      help_text=_("The item list awaiting approval; on approval it enters the "
                                                  "ledger."))
    status = models.CharField(_("status"), max_length=16, choices=SeizureStatus.choices,
                              default=SeizureStatus.PROPOSED, db_index=True, editable=False)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)
    approved_on = models.DateField(_("approved on"), null=True, blank=True, editable=False)
    extension_days = models.PositiveSmallIntegerField(_("extended by (days)"), default=0, editable=False)
    extension_reason = models.TextField(_("reason for the extension"), blank=True, editable=False)
    extended_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("extension approved by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    extended_on = models.DateField(_("extended on"), null=True, blank=True, editable=False)
    testing_days = models.PositiveSmallIntegerField(_("testing days (not counted)"), default=0, editable=False)
    due_on = models.DateField(_("ends on"), null=True, blank=True, db_index=True, editable=False)
    ended_on = models.DateField(_("ended on"), null=True, blank=True, editable=False)

    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("seizure")
        verbose_name_plural = _("seizures")
        ordering = ["-seized_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "serial"], name="evidence_seizure_serial_unique"),
            models.CheckConstraint(condition=Q(term_days__gte=1, term_days__lte=MAX_SEIZURE_DAYS),
                                   name="evidence_seizure_term_at_most_30"),
            models.CheckConstraint(condition=Q(extension_days__lte=MAX_EXTENSION_DAYS),
                                   name="evidence_seizure_extension_at_most_30"),
        ]

    def __str__(self):
        return _("%(case)s · seizure %(n)s") % {"case": self.case, "n": self.serial}

    @property
    def deadline_key(self):
        return f"seizure:{self.pk}"

    def clean(self):
        if self.term_days is not None and not 1 <= self.term_days <= MAX_SEIZURE_DAYS:
            raise ValidationError({"term_days": _("A seizure lasts at most 30 days (《行政强制法》第二十五条).")})


class SeizedItem(BaseModel):
    """One line of the seized and confiscated items ledger (扣押和罚没物品台账), across cases."""

    seizure = models.ForeignKey(Seizure, verbose_name=_("seizure"), on_delete=models.PROTECT, related_name="items")
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="seized_items", editable=False)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2,
                                   validators=[MinValueValidator(0)])
    unit = models.CharField(_("unit"), max_length=20)
    specification = models.CharField(_("specification"), max_length=200, blank=True)
    custody_place = models.CharField(_("custody place"), max_length=200)
    custodian = models.CharField(_("custodian"), max_length=100)
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.IN_CUSTODY,
                              db_index=True, editable=False)
    seized_on = models.DateField(_("seized on"), db_index=True, editable=False)
    status_on = models.DateField(_("status since"), db_index=True, editable=False)
    document_ref = models.CharField(pgettext_lazy("evidence", "document"), max_length=100, blank=True, editable=False,
                                    help_text=_("Number of the document behind the latest status."))

    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("seized item")
        verbose_name_plural = _("seized items")
        ordering = ["-seized_on", "-id"]
        indexes = [models.Index(fields=["status", "-seized_on"], name="evidence_item_status_idx")]

    def __str__(self):
        return f"{self.name} {self.quantity.normalize():f}{self.unit}"


class SeizedItemEvent(AppendOnlyModel):
    """One change of a seized item's status (or custody): date, by whom, the document. Append-only."""

    item = models.ForeignKey(SeizedItem, verbose_name=_("seized item"), on_delete=models.PROTECT,
                             related_name="events")
    from_status = models.CharField(_("from"), max_length=16, choices=ItemStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=ItemStatus.choices)
    on = models.DateField(_("date"))
    at = models.DateTimeField(_("recorded at"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    document_ref = models.CharField(pgettext_lazy("evidence", "document"), max_length=100, blank=True)
    custody_place = models.CharField(_("custody place"), max_length=200, blank=True)
    custodian = models.CharField(_("custodian"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)

    scope = ScopeSpec(region="item__case__region__path", agency="item__case__agency__path")

    class Meta:
        verbose_name = _("seized item event")
        verbose_name_plural = _("seized item events")
        ordering = ["item", "at", "id"]

    def __str__(self):
        return f"{self.item} · {self.get_to_status_display()} {self.on}"

