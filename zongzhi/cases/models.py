"""Clues (线索/案源): every report of a possible violation, from any source, with its outcome — the 一事一记
ledger. State changes go through ``services``; ``ClueEvent`` is the append-only timeline."""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zongzhi.regions.choices import RegionLevel
from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import CHANGE, ScopeSpec, in_scope

from .choices import ClueSource, ClueStatus, EventKind, Outcome, PublicStatus

REPORTER_FIELDS = ("reporter_name", "reporter_phone", "reporter_contact")


def normalise(text: str) -> str:
    """The comparison key of an address or a name: full-width folded, lower case, without spaces or
    punctuation ("城关街道 人民路１２号。" and "城关街道人民路12号" are the same place)."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"[\W_]+", "", text)


class ClueCounter(models.Model):
    """The last serial number given by a numbering body in a year; locked while a number is taken."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="cases_counter_unique")]

    def __str__(self):
        return f"{self.agency_id}/{self.year}: {self.last}"


class Clue(BaseModel):
    number = models.CharField(_("number"), max_length=100, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    serial = models.PositiveIntegerField(_("serial number"), editable=False)
    source = models.CharField(_("source"), max_length=32, choices=ClueSource.choices, db_index=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("handling agency"), on_delete=models.PROTECT,
                               related_name="clues")
    region = models.ForeignKey("regions.Region", verbose_name=_("township"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="clues",
                               help_text=_("Where it happened."))
    matter = models.ForeignKey("catalog.Matter", verbose_name=_("matter"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="clues")
    category = models.ForeignKey("agencies.Domain", verbose_name=_("category"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="clues",
                                 help_text=_("The domain; taken from the matter when a matter is chosen."))
    description = models.TextField(_("description"), max_length=4000)
    address = models.CharField(_("address"), max_length=200, blank=True)
    address_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                                   validators=[MinValueValidator(-90), MaxValueValidator(90)],
                                   help_text=_("WGS84"))
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                                    validators=[MinValueValidator(-180), MaxValueValidator(180)],
                                    help_text=_("WGS84"))
    subject_name = models.CharField(_("subject name"), max_length=200, blank=True, db_index=True,
                                    help_text=_("The person or business concerned, if known."))
    subject_identifier = models.CharField(_("subject identifier"), max_length=32, blank=True, db_index=True,
                                          help_text=_("Unified social credit code or identity number."))
    anonymous = models.BooleanField(_("anonymous report"), default=False)
    reporter_name = models.CharField(_("reporter name"), max_length=64, blank=True)
    reporter_phone = models.CharField(_("reporter phone"), max_length=32, blank=True)
    reporter_contact = models.CharField(_("reporter contact"), max_length=200, blank=True,
                                        help_text=_("E-mail, address or other way to reach the reporter."))
    status = models.CharField(_("status"), max_length=16, choices=ClueStatus.choices, default=ClueStatus.NEW,
                              db_index=True, editable=False)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True, db_index=True,
                               editable=False)
    triage_reason = models.TextField(_("triage reason"), blank=True, editable=False)
    transferred_to = models.ForeignKey("agencies.Agency", verbose_name=_("transferred to"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="received_clues", editable=False)
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("triaged by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True, editable=False)
    duplicate_of = models.ForeignKey("self", verbose_name=_("duplicate of"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="duplicates", editable=False)
    suspected_duplicates = models.ManyToManyField("self", verbose_name=_("suspected duplicates"), blank=True,
                                                  editable=False)
    service_code = models.CharField(_("Open311 service code"), max_length=32, blank=True, db_index=True,
                                    editable=False)
    external_id = models.CharField(_("external number"), max_length=64, blank=True, db_index=True,
                                   help_text=_("The sender's own number, e.g. the 12345 work order."))
    media_url = models.URLField(_("media URL"), blank=True)
    public_status = models.CharField(_("public status"), max_length=8, choices=PublicStatus.choices,
                                     default=PublicStatus.OPEN, db_index=True, editable=False)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

    class Meta:
        verbose_name = _("clue")
        verbose_name_plural = _("clues")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["address_key", "received_at"], name="cases_clue_address_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(outcome=Outcome.TRANSFERRED) | Q(transferred_to__isnull=False),
                                   name="cases_clue_transfer_has_target"),
            models.CheckConstraint(condition=Q(status=ClueStatus.TRIAGED, outcome__gt="")
                                   | (~Q(status=ClueStatus.TRIAGED) & Q(outcome="")),
                                   name="cases_clue_outcome_iff_triaged"),
            models.CheckConstraint(condition=~Q(status=ClueStatus.DUPLICATE) | Q(duplicate_of__isnull=False),
                                   name="cases_clue_duplicate_has_original"),
        ]

    def __str__(self):
        return self.number

    def clean(self):
        errors = {}
        self.address = (self.address or "").strip()
        self.subject_name = (self.subject_name or "").strip()
        self.subject_identifier = (self.subject_identifier or "").strip().upper()
        if not self.region_id and self.agency_id and self.agency.region.level == RegionLevel.TOWNSHIP:
            self.region_id = self.agency.region_id
        if self.matter_id and not self.category_id:
            self.category_id = self.matter.domain_id
        if not self.category_id:
            errors["category"] = _("Choose a matter or a category.")
        elif self.matter_id and self.matter.domain_id != self.category_id:
            errors["category"] = _("The matter belongs to the domain %(domain)s.") % {"domain": self.matter.domain}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Give both latitude and longitude, or neither.")
        if self.anonymous:
            for name in REPORTER_FIELDS:
                setattr(self, name, "")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.address_key = normalise(self.address)
        super().save(*args, **kwargs)

    def reporter_visible_to(self, user) -> bool:
        """Reporter details are private: only users who may change the clue see them."""
        return in_scope(user, self, CHANGE)

    @property
    def status_notes(self):
        """What a reporter is told about the current state (Open311 ``status_notes``)."""
        if self.status == ClueStatus.DUPLICATE:
            return _("Merged into %(number)s, which handles the same matter.") % {"number": self.duplicate_of}
        if self.outcome == Outcome.TRANSFERRED:
            return _("Transferred to %(agency)s.") % {"agency": self.transferred_to}
        return self.get_outcome_display() if self.outcome else _("Received; being verified.")


class ClueEvent(models.Model):
    """One entry of a clue's timeline. Append-only: never changed, never deleted; the actor's name is kept
    so the entry survives the deletion of the user."""

    clue = models.ForeignKey(Clue, verbose_name=_("clue"), on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices, db_index=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    scope = ScopeSpec(region="clue__agency__region__path", agency="clue__agency__path")

    class Meta:
        verbose_name = _("clue event")
        verbose_name_plural = _("clue events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.clue} · {self.get_kind_display()}"

    @property
    def outcome_display(self):
        outcome = self.data.get("outcome")
        return Outcome(outcome).label if outcome else ""

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Clue events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Clue events are append-only.")
