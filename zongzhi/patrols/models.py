"""Non-site inspections (非现场: 云巡查/云备案), patrols (巡查) and campaigns (专项整治).

State changes go through ``services``; ``NonSiteEvent`` is the append-only timeline of a non-site task.
"""

import hashlib
import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.regions.choices import RegionLevel
from zongzhi.utilities.models import AppendOnlyModel, BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import AttachmentKind, NonSiteEventKind, NonSiteKind, NonSiteStatus


def hash_token(token: str) -> str:
    """Only this hash of a public link's token is stored (as for API tokens): the link is shown once."""
    return hashlib.sha256(token.encode()).hexdigest()


def _within(inner_path, outer_path):
    return bool(inner_path and outer_path and inner_path.startswith(outer_path))


def validate_route(geometry):
    """A GeoJSON LineString of [longitude, latitude] pairs (WGS84), at least two points."""
    if isinstance(geometry, dict) and geometry.get("type") == "Feature":
        geometry = geometry.get("geometry")
    points = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if not isinstance(geometry, dict) or geometry.get("type") != "LineString" or not isinstance(points, list):
        raise ValidationError(_("The route must be a GeoJSON LineString."), code="not_linestring")

    def number(v):
        return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)

    if not all(isinstance(p, list | tuple) and len(p) == 2 and all(number(v) for v in p) for p in points):
        raise ValidationError(_("Every point of the route must be a pair of numbers [longitude, latitude]."))
    if any(not (-180 <= lng <= 180 and -90 <= lat <= 90) for lng, lat in points):
        raise ValidationError(_("A point of the route lies outside the WGS84 range."))
    if len(points) < 2:
        raise ValidationError(_("A route needs at least two points."))
    return {"type": "LineString", "coordinates": [[float(lng), float(lat)] for lng, lat in points]}


class Campaign(BaseModel):
    """A special enforcement campaign (专项整治), e.g. the autumn straw-burning ban (秋季秸秆禁烧), over a region
    and a period, for some matters."""

    name = models.CharField(pgettext_lazy("campaign", "name"), max_length=100)
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("organising agency"), on_delete=models.PROTECT,
                               related_name="campaigns")
    region = models.ForeignKey("regions.Region", verbose_name=_("region covered"), on_delete=models.PROTECT,
                               related_name="campaigns", help_text=_("A county or a township."))
    starts_on = models.DateField(_("starts on"), db_index=True)
    ends_on = models.DateField(_("ends on"), db_index=True)
    domain = models.ForeignKey("agencies.Domain", verbose_name=_("domain"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="campaigns")
    matters = models.ManyToManyField("catalog.Matter", verbose_name=_("matters"), blank=True,
                                     related_name="campaigns",
                                     help_text=_("Clues, cases and non-site tasks on these matters in the region and "
                                                 "period count towards the campaign."))
    description = models.TextField(_("description"), blank=True, max_length=4000)

    # County campaigns are visible to the townships below (read-only), like directory data.
    scope = ScopeSpec(region="region__path", agency="agency__path", ancestors_visible=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="patrols_campaign_period_valid"),
            models.UniqueConstraint(fields=["region", "name", "starts_on"], name="patrols_campaign_unique"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        self.name = (self.name or "").strip()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The campaign cannot end before it starts.")
        if self.region_id:
            if self.region.level not in (RegionLevel.COUNTY, RegionLevel.TOWNSHIP):
                errors["region"] = _("A campaign covers a county or a township.")
            elif self.agency_id and not _within(self.region.path, self.agency.region.path):
                errors["agency"] = _("The organising agency must work in this region or above it.")
        if errors:
            raise ValidationError(errors)


class Patrol(BaseModel):
    """A patrol (巡查): a team's round through an area or along a route, with its findings."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("team"), on_delete=models.PROTECT,
                               related_name="patrols")
    officers = models.ManyToManyField("officers.Officer", verbose_name=_("officers"), blank=True,
                                      related_name="patrols")
    started_at = models.DateTimeField(_("started at"), default=timezone.now, db_index=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    area = models.ForeignKey("subjects.Area", verbose_name=_("area"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="patrols")
    route = models.JSONField(_("route"), null=True, blank=True,
                             help_text=_("Optional: a GeoJSON LineString of [longitude, latitude] points (WGS84)."))
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="patrols")
    summary = models.TextField(_("summary"), blank=True, max_length=4000)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

    class Meta:
        verbose_name = _("patrol")
        verbose_name_plural = _("patrols")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                                   name="patrols_patrol_times_valid"),
        ]

    def __str__(self):
        when = timezone.localtime(self.started_at).strftime("%Y-%m-%d %H:%M") if self.started_at else ""
        return f"{self.agency.short_name or self.agency.name if self.agency_id else ''} {when}".strip()

    def clean(self):
        errors = {}
        if self.started_at and self.ended_at and self.ended_at < self.started_at:
            errors["ended_at"] = _("A patrol cannot end before it starts.")
        if self.route in ("", {}, []):
            self.route = None
        if self.route is not None:
            try:
                self.route = validate_route(self.route)
            except ValidationError as error:
                errors["route"] = error.messages
        if self.area_id is None and self.route is None:
            errors["area"] = _("Give the area patrolled, or the route.")
        if self.agency_id:
            if self.area_id and not _within(self.area.region.path, self.agency.region.path):
                errors["area"] = _("The area lies outside the team's region.")
            if self.campaign_id and not (_within(self.agency.region.path, self.campaign.region.path)
                                         or _within(self.campaign.region.path, self.agency.region.path)):
                errors["campaign"] = _("The campaign covers another region.")
        if self.campaign_id and self.started_at:
            day = timezone.localtime(self.started_at).date()
            if not self.campaign.starts_on <= day <= self.campaign.ends_on:
                errors["campaign"] = _("The patrol lies outside the campaign's period (%(start)s to %(end)s).") % {
                    "start": self.campaign.starts_on, "end": self.campaign.ends_on}
        if errors:
            raise ValidationError(errors)


class PatrolFinding(BaseModel):
    """Something found on a patrol; it can open a clue in one step."""

    patrol = models.ForeignKey(Patrol, verbose_name=_("patrol"), on_delete=models.PROTECT, related_name="findings")
    found_at = models.DateTimeField(_("found at"), default=timezone.now, db_index=True)
    description = models.TextField(_("description"), max_length=4000)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True,
                                 validators=[MinValueValidator(-90), MaxValueValidator(90)], help_text=_("WGS84"))
    longitude = models.FloatField(_("longitude"), null=True, blank=True,
                                  validators=[MinValueValidator(-180), MaxValueValidator(180)], help_text=_("WGS84"))
    subject = models.ForeignKey("subjects.Subject", verbose_name=_("subject"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="patrol_findings")
    matter = models.ForeignKey("catalog.Matter", verbose_name=_("matter"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="patrol_findings")
    category = models.ForeignKey("agencies.Domain", verbose_name=_("category"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="patrol_findings",
                                 help_text=_("The domain; taken from the matter when a matter is chosen."))
    photo = models.FileField(_("photo"), upload_to="patrols/findings/%Y/%m/", blank=True, max_length=200)
    photo_sha256 = models.CharField(_("SHA-256 of the photo"), max_length=64, blank=True, editable=False)
    clue = models.OneToOneField("cases.Clue", verbose_name=_("clue"), null=True, blank=True, editable=False,
                                on_delete=models.PROTECT, related_name="patrol_finding")

    scope = ScopeSpec(region="patrol__agency__region__path", agency="patrol__agency__path")

    class Meta:
        verbose_name = _("patrol finding")
        verbose_name_plural = _("patrol findings")
        ordering = ["found_at", "id"]

    def __str__(self):
        return self.description[:40]

    def get_absolute_url(self):
        return self.patrol.get_absolute_url() + f"#finding-{self.pk}"

    def clean(self):
        errors = {}
        self.description = (self.description or "").strip()
        if self.matter_id and not self.category_id:
            self.category_id = self.matter.domain_id
        elif self.matter_id and self.matter.domain_id != self.category_id:
            errors["category"] = _("The matter belongs to the domain %(domain)s.") % {"domain": self.matter.domain}
        if (self.latitude is None) != (self.longitude is None):
            errors["latitude"] = _("Give both latitude and longitude, or neither.")
        if self.subject_id and self.patrol_id and not _within(self.subject.region.path,
                                                              self.patrol.agency.region.path):
            errors["subject"] = _("The subject lies outside the team's region.")
        if errors:
            raise ValidationError(errors)


class NonSiteTask(BaseModel):
    """A non-site inspection (非现场检查: 云巡查/云备案): a task sent to a subject through a public link with a token
    and an expiry; the subject uploads photos and files, an officer reviews them remotely."""

    kind = models.CharField(_("kind"), max_length=16, choices=NonSiteKind.choices, default=NonSiteKind.CLOUD_PATROL,
                            db_index=True)
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("sending agency"), on_delete=models.PROTECT,
                               related_name="nonsite_tasks")
    subject = models.ForeignKey("subjects.Subject", verbose_name=_("subject"), on_delete=models.PROTECT,
                                related_name="nonsite_tasks")
    matter = models.ForeignKey("catalog.Matter", verbose_name=_("matter"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="nonsite_tasks")
    topic = models.CharField(_("topic"), max_length=100, blank=True,
                             help_text=_("What the task is about when no single matter applies."))
    category = models.ForeignKey("agencies.Domain", verbose_name=_("category"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="nonsite_tasks",
                                 help_text=_("The domain; taken from the matter when a matter is chosen."))
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="nonsite_tasks")
    instructions = models.TextField(_("instructions"), max_length=4000)
    requested_items = models.TextField(_("requested items"), max_length=2000,
                                       help_text=_("One per line, e.g. \"a photo of the kitchen\", \"the licence\"."))
    status = models.CharField(_("status"), max_length=16, choices=NonSiteStatus.choices,
                              default=NonSiteStatus.SENT, db_index=True, editable=False)
    round = models.PositiveSmallIntegerField(_("round"), default=1, editable=False,
                                             help_text=_("Raised each time the subject is asked again."))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True, editable=False)
    expires_at = models.DateTimeField(_("link expires at"), db_index=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(_("link prefix"), max_length=8, editable=False, blank=True)
    subject_note = models.TextField(_("subject's note"), blank=True, max_length=4000, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    review_note = models.TextField(_("review note"), blank=True, editable=False)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)
    clue = models.OneToOneField("cases.Clue", verbose_name=_("clue"), null=True, blank=True, editable=False,
                                on_delete=models.PROTECT, related_name="nonsite_task")

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")
    audit_exclude = ("created", "updated", "token_hash")

    class Meta:
        verbose_name = _("non-site task")
        verbose_name_plural = _("non-site tasks")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["status", "expires_at"], name="patrols_nonsite_due_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(status=NonSiteStatus.CLUE_OPENED) | Q(clue__isnull=False),
                                   name="patrols_nonsite_finding_has_clue"),
        ]

    def __str__(self):
        return f"{self.subject} · {self.topic or self.matter or self.get_kind_display()}"

    @property
    def requested_list(self):
        return [line.strip() for line in self.requested_items.splitlines() if line.strip()]

    def is_expired(self, now=None):
        return self.expires_at <= (now or timezone.now())

    def clean(self):
        errors = {}
        self.topic = (self.topic or "").strip()
        if self.matter_id and not self.category_id:
            self.category_id = self.matter.domain_id
        elif self.matter_id and self.matter.domain_id != self.category_id:
            errors["category"] = _("The matter belongs to the domain %(domain)s.") % {"domain": self.matter.domain}
        if not self.matter_id and not self.topic:
            errors["topic"] = _("Choose a matter or write a topic.")
        if not self.requested_list:
            errors["requested_items"] = _("Ask for at least one photo or file.")
        if self.subject_id and self.agency_id and not _within(self.subject.region.path, self.agency.region.path):
            errors["subject"] = _("The subject lies outside the sending agency's region.")
        if errors:
            raise ValidationError(errors)


class NonSiteAttachment(BaseModel):
    """A photo or file the subject uploaded; its SHA-256 is kept so that it can be shown unchanged later."""

    task = models.ForeignKey(NonSiteTask, verbose_name=_("non-site task"), on_delete=models.PROTECT,
                             related_name="attachments")
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    kind = models.CharField(_("kind"), max_length=8, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to="patrols/nonsite/%Y/%m/", max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)

    scope = ScopeSpec(region="task__agency__region__path", agency="task__agency__path")

    class Meta:
        verbose_name = _("non-site attachment")
        verbose_name_plural = _("non-site attachments")
        ordering = ["round", "id"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("patrols:nonsiteattachment_download", args=[self.pk])


class NonSiteEvent(AppendOnlyModel):
    """One entry of a non-site task's timeline. Append-only; the actor's name survives the user's deletion."""

    task = models.ForeignKey(NonSiteTask, verbose_name=_("non-site task"), on_delete=models.PROTECT,
                             related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=NonSiteEventKind.choices, db_index=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    scope = ScopeSpec(region="task__agency__region__path", agency="task__agency__path")

    class Meta:
        verbose_name = _("non-site task event")
        verbose_name_plural = _("non-site task events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.task_id} · {self.get_kind_display()}"

