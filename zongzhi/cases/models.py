"""Clues (线索/案源): every report of a possible violation, from any source, with its outcome — the 一事一记
ledger. State changes go through ``services``; ``ClueEvent`` is the append-only timeline."""

import datetime
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
from zongzhi.utilities.identifiers import mask_resident_id, validate_resident_id, validate_uscc
from zongzhi.utilities.models import AppendOnlyModel, BaseModel
from zongzhi.utilities.scope import CHANGE, ScopeSpec, in_scope

from .choices import (
    CaseEventKind,
    CaseOutcome,
    CaseStatus,
    ClueSource,
    ClueStatus,
    DeadlineState,
    EventKind,
    NoPenaltyGround,
    Outcome,
    PartyKind,
    Procedure,
    PublicStatus,
    StageCode,
    StageStatus,
)

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


class ClueEvent(AppendOnlyModel):
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



# --- cases (案件) -------------------------------------------------------------------------------------------

class Sequence(models.Model):
    """The last serial number a numbering body gave in a year for one kind of number (case, document kind …);
    locked while a number is taken."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=32)
    last = models.PositiveIntegerField(default=0)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year", "kind"], name="cases_sequence_unique")]

    def __str__(self):
        return f"{self.agency_id}/{self.year}/{self.kind}: {self.last}"


class Stage(models.Model):
    """A stage definition (data, seeded from ``stages_data``): its order, the deadline rule that runs while it is
    open, who is responsible, and the article that requires it."""

    code = models.CharField(_("code"), max_length=32, choices=StageCode.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    deadline_rule = models.CharField(_("deadline rule"), max_length=64, blank=True,
                                     help_text=_("Code of the deadline rule counted from the start of the stage."))
    responsible_role = models.CharField(_("responsible role"), max_length=32, blank=True)
    conditional = models.BooleanField(_("only when required"), default=False)
    citation = models.CharField(_("legal basis"), max_length=200, blank=True)

    scope = ScopeSpec(public=True)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["order"]

    def __str__(self):
        return self.get_code_display()


class Case(BaseModel):
    """A case (案件) from filing (立案) to archive. Every change of state goes through ``services``; the timeline
    is ``CaseEvent``; each stage's state is a ``CaseStage`` row; every running time limit is a ``CaseDeadline``."""

    number = models.CharField(_("case number"), max_length=100, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    serial = models.PositiveIntegerField(_("serial number"), editable=False)
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("handling agency"), on_delete=models.PROTECT,
                               related_name="cases")
    deciding_body = models.ForeignKey("agencies.Agency", verbose_name=_("in the name of"), on_delete=models.PROTECT,
                                      related_name="decided_cases", editable=False)
    region = models.ForeignKey("regions.Region", verbose_name=_("place (township)"), on_delete=models.PROTECT,
                               related_name="cases")
    clue = models.ForeignKey(Clue, verbose_name=_("clue"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="cases")
    matter = models.ForeignKey("catalog.Matter", verbose_name=_("matter"), on_delete=models.PROTECT,
                               related_name="cases")
    procedure = models.CharField(_("procedure"), max_length=16, choices=Procedure.choices,
                                 default=Procedure.GENERAL, db_index=True)
    cause = models.CharField(_("cause of action"), max_length=200,
                             help_text=_("案由, e.g. 涉嫌露天焚烧秸秆案."))
    facts = models.TextField(_("facts"), blank=True, max_length=8000)
    act_place = models.CharField(_("place of the act"), max_length=200)
    act_on = models.DateField(_("date of the act"))
    continuing = models.BooleanField(_("continuing act"), default=False,
                                     help_text=_("A continuing or repeated act: the limitation runs from its end "
                                                 "(行政处罚法 Art. 36)."))
    act_ended_on = models.DateField(_("act ended on"), null=True, blank=True)
    harmful = models.BooleanField(_("harmful consequences"), default=False,
                                  help_text=_("With a matter endangering life, health or financial safety the "
                                              "limitation is 5 years (Art. 36)."))
    discovered_on = models.DateField(_("discovered on"))
    officers = models.ManyToManyField("officers.Officer", verbose_name=_("handling officers"), related_name="cases")
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.PENDING,
                              db_index=True, editable=False)
    stage = models.CharField(_("stage"), max_length=32, choices=StageCode.choices, default=StageCode.FILING,
                             db_index=True, editable=False)
    requested_on = models.DateField(_("filing requested on"), default=datetime.date.today, editable=False)
    filed_on = models.DateField(_("filed on"), null=True, blank=True, db_index=True, editable=False)
    filing_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("filing approved by"),
                                           null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                           editable=False)
    # Time limits: the nearest open deadline of any kind, kept here for the lists (denormalised, indexed).
    next_due_on = models.DateField(_("next deadline"), null=True, blank=True, editable=False)
    next_due_label = models.CharField(_("next deadline is"), max_length=100, blank=True, editable=False)
    suspended_since = models.DateField(_("suspended since"), null=True, blank=True, editable=False)
    suspended_days = models.PositiveIntegerField(_("days suspended"), default=0, editable=False)
    extended_days = models.PositiveIntegerField(_("days of extension"), default=0, editable=False)
    hearing_rights = models.BooleanField(_("hearing rights apply"), default=False, editable=False,
                                         help_text=_("行政处罚法 Art. 63."))
    review_reasons = models.JSONField(_("why legal review is required"), default=list, blank=True, editable=False)
    discussion_required = models.BooleanField(_("collective discussion required"), default=False, editable=False)
    # The decision (Art. 57).
    outcome = models.CharField(_("outcome"), max_length=32, choices=CaseOutcome.choices, blank=True, db_index=True,
                               editable=False)
    penalty_types = models.JSONField(_("penalty types"), default=list, blank=True, editable=False)
    fine_amount = models.DecimalField(_("fine (yuan)"), max_digits=14, decimal_places=2, default=0, editable=False)
    confiscated_amount = models.DecimalField(_("illegal gains confiscated (yuan)"), max_digits=14, decimal_places=2,
                                             default=0, editable=False)
    discretion_level = models.CharField(_("discretion level"), max_length=16, blank=True, editable=False)
    discretion_flags = models.JSONField(_("discretion flags"), default=list, blank=True, editable=False)
    deviation_reason = models.TextField(_("reason for the deviation"), blank=True, editable=False)
    no_penalty_ground = models.CharField(_("ground for no penalty"), max_length=32, choices=NoPenaltyGround.choices,
                                         blank=True, editable=False)
    decision_text = models.TextField(_("decision"), blank=True, editable=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, db_index=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decision approved by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    archived_on = models.DateField(_("archived on"), null=True, blank=True, editable=False)

    scope = ScopeSpec(region="region__path", agency="agency__path")
    audit_exclude = ("created", "updated", "next_due_on", "next_due_label")

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-requested_on", "-id"]
        indexes = [
            models.Index(fields=["status", "next_due_on"], name="cases_case_due_idx"),
            models.Index(fields=["agency", "status", "-requested_on"], name="cases_case_agency_idx"),
            # The list's order: a page of the newest cases is read off this index, whatever the scope.
            models.Index(fields=["-requested_on", "-id"], name="cases_case_requested_idx"),
            # A township's newest cases (its list, and the open cases on the map: subjects.maplayers.case_layer).
            models.Index(fields=["region", "-requested_on", "-id"], name="cases_case_region_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["deciding_body", "year", "serial"], name="cases_case_number_unique"),
            models.CheckConstraint(condition=Q(fine_amount__gte=0) & Q(confiscated_amount__gte=0),
                                   name="cases_case_amounts_not_negative"),
            models.CheckConstraint(condition=Q(act_ended_on__isnull=True) | Q(act_ended_on__gte=models.F("act_on")),
                                   name="cases_case_act_end_after_start"),
        ]

    def __str__(self):
        return self.number

    def clean(self):
        errors = {}
        today = datetime.date.today()
        if self.act_on and self.act_on > today:
            errors["act_on"] = _("The act cannot lie in the future.")
        if self.act_ended_on and self.act_on and self.act_ended_on < self.act_on:
            errors["act_ended_on"] = _("The act cannot end before it began.")
        if self.discovered_on and self.act_on and self.discovered_on < self.act_on:
            errors["discovered_on"] = _("The act cannot be discovered before it happened.")
        if self.discovered_on and self.discovered_on > today:
            errors["discovered_on"] = _("The date of discovery cannot lie in the future.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_live(self):
        return self.status in (CaseStatus.PENDING, CaseStatus.OPEN, CaseStatus.SUSPENDED)

    @property
    def is_overdue(self):
        return bool(self.next_due_on and self.next_due_on < datetime.date.today()
                    and self.status in (CaseStatus.PENDING, CaseStatus.OPEN))

    @property
    def party_names(self):
        return "、".join(p.name for p in self.parties.all())


class Party(BaseModel):
    """A party (当事人) of a case: a person, an individual business or an organisation. A case may have several."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField(_("kind"), max_length=32, choices=PartyKind.choices, default=PartyKind.PERSON)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    identifier = models.CharField(_("identifier"), max_length=32, blank=True, db_index=True,
                                  help_text=_("Resident identity number of a person; unified social credit code "
                                              "of a business or organisation."))
    representative = models.CharField(_("legal representative or operator"), max_length=64, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    subject = models.ForeignKey("subjects.Subject", verbose_name=_("subject"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="case_parties")

    scope = ScopeSpec(region="case__region__path", agency="case__agency__path")

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["case", "id"]

    def __str__(self):
        return self.name

    @property
    def is_person(self):
        return self.kind == PartyKind.PERSON

    @property
    def masked_identifier(self):
        return mask_resident_id(self.identifier) if self.is_person else self.identifier

    def clean(self):
        errors = {}
        self.name = (self.name or "").strip()
        self.identifier = (self.identifier or "").strip().upper()
        if self.identifier:
            try:
                (validate_resident_id if self.is_person else validate_uscc)(self.identifier)
            except ValidationError as error:
                errors["identifier"] = error.messages
        elif self.kind == PartyKind.ORGANISATION:
            errors["identifier"] = _("An organisation is identified by its unified social credit code.")
        if errors:
            raise ValidationError(errors)


class CaseStage(models.Model):
    """The state of one stage in one case (Wagtail's ``TaskState``): when it started and finished, by whom."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="stages")
    stage = models.ForeignKey(Stage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=StageStatus.choices, default=StageStatus.ACTIVE)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    started_by = models.CharField(_("started by"), max_length=150, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    finished_by = models.CharField(_("finished by"), max_length=150, blank=True)
    note = models.TextField(_("note"), blank=True)

    scope = ScopeSpec(region="case__region__path", agency="case__agency__path")

    class Meta:
        verbose_name = _("case stage")
        verbose_name_plural = _("case stages")
        ordering = ["case", "started_at", "id"]
        indexes = [models.Index(fields=["case", "stage"], name="cases_stage_case_idx")]

    def __str__(self):
        return f"{self.case} · {self.stage}"


class CaseDeadline(models.Model):
    """A running time limit of a case, with the rule and article it comes from. Any module sets one through
    ``services.set_deadline`` and meets it through ``services.meet_deadline``; the overdue lists read these."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="deadlines")
    # The case's place, kept here so a township's overdue list reads one index instead of all its cases.
    region = models.ForeignKey("regions.Region", verbose_name=_("place (township)"), on_delete=models.PROTECT,
                               related_name="+", editable=False)
    key = models.CharField(_("key"), max_length=64)
    label = models.CharField(_("deadline"), max_length=100)
    rule = models.CharField(_("rule"), max_length=64, blank=True)
    citation = models.CharField(_("legal basis"), max_length=200, blank=True)
    start = models.DateField(_("counted from"))
    due_on = models.DateField(_("due on"))
    state = models.CharField(_("state"), max_length=16, choices=DeadlineState.choices, default=DeadlineState.OPEN)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    pauses_with_case = models.BooleanField(default=False, help_text="Suspension time does not count (Art. 60).")
    provisional = models.BooleanField(_("provisional"), default=False,
                                      help_text=_("Counted without the holidays of a year not yet published; "
                                                  "recounted when the year is entered."))

    scope = ScopeSpec(region="region__path", agency="case__agency__path")

    class Meta:
        verbose_name = _("case deadline")
        verbose_name_plural = _("case deadlines")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["state", "due_on"], name="cases_deadline_due_idx"),
                   models.Index(fields=["region", "state", "due_on"], name="cases_deadline_region_idx")]
        constraints = [models.UniqueConstraint(fields=["case", "key"], condition=Q(state="open"),
                                               name="cases_deadline_one_open_per_key")]

    def __str__(self):
        return f"{self.label} {self.due_on}"

    @property
    def is_overdue(self):
        return self.state == DeadlineState.OPEN and self.due_on < datetime.date.today()

    @property
    def days_left(self):
        return (self.due_on - datetime.date.today()).days


class CaseEvent(AppendOnlyModel):
    """One entry of a case's timeline (全过程记录). Append-only; the actor's name survives the user."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=32, choices=CaseEventKind.choices, db_index=True)
    stage = models.CharField(_("stage"), max_length=32, choices=StageCode.choices, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    scope = ScopeSpec(region="case__region__path", agency="case__agency__path")

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="cases_event_case_idx")]

    def __str__(self):
        return f"{self.case} · {self.get_kind_display()}"



class LocalCaseRule(BaseModel):
    """A jurisdiction's own numbers for cases (DOMAIN.md §4: local numbers are settings per jurisdiction). The
    rule of the nearest region at or above the case's place applies; without one, the national defaults."""

    region = models.OneToOneField("regions.Region", verbose_name=_("jurisdiction"), on_delete=models.PROTECT,
                                  related_name="case_rule")
    hearing_fine_person = models.DecimalField(_("hearing threshold, person (yuan)"), max_digits=14,
                                              decimal_places=2, default=2000)
    hearing_fine_organisation = models.DecimalField(_("hearing threshold, organisation (yuan)"), max_digits=14,
                                                    decimal_places=2, default=20000)
    review_fine_person = models.DecimalField(_("legal review threshold, person (yuan)"), max_digits=14,
                                             decimal_places=2, default=2000)
    review_fine_organisation = models.DecimalField(_("legal review threshold, organisation (yuan)"), max_digits=14,
                                                   decimal_places=2, default=20000)
    review_all_general = models.BooleanField(_("legal review of every general-procedure decision"), default=True)
    discussion_fine_person = models.DecimalField(_("collective discussion threshold, person (yuan)"),
                                                 max_digits=14, decimal_places=2, default=10000)
    discussion_fine_organisation = models.DecimalField(_("collective discussion threshold, organisation (yuan)"),
                                                       max_digits=14, decimal_places=2, default=100000)
    statement_days = models.PositiveSmallIntegerField(_("working days to state a defence after notice"), default=3)
    extension_days = models.PositiveSmallIntegerField(_("days of one extension"), default=30)
    citation = models.CharField(_("legal basis"), max_length=300, blank=True)

    scope = ScopeSpec(region="region__path", public=True)

    class Meta:
        verbose_name = _("local case rule")
        verbose_name_plural = _("local case rules")
        ordering = ["region__path"]

    def __str__(self):
        return str(self.region)
