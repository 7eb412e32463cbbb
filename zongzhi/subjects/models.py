import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.regions.choices import RegionLevel
from zongzhi.utilities.identifiers import validate_uscc
from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from . import geo
from .choices import AreaKind, Category, CreditClass, InspectionMode, RiskClass, SubjectKind


def normalise(text: str) -> str:
    """For duplicate detection: full-width to half-width, lower case, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"[\W_]+", "", text)


def check_township(region, errors):
    if region.level != RegionLevel.TOWNSHIP:
        errors["region"] = _("Choose a township or sub-district, not %(region)s.") % {"region": region}


class Area(BaseModel):
    """An enforcement area or a grid (执法区域/网格) of one township, drawn on the map."""

    name = models.CharField(pgettext_lazy("area", "name"), max_length=64)
    region = models.ForeignKey("regions.Region", verbose_name=_("township"), on_delete=models.PROTECT,
                               related_name="enforcement_areas")
    kind = models.CharField(_("kind"), max_length=16, choices=AreaKind.choices, default=AreaKind.AREA)
    key_area = models.BooleanField(_("key area"), default=False, db_index=True,
                                   help_text=_("重点区域: patrolled and inspected more often."))
    boundary = models.JSONField(_("boundary"), help_text=_("Draw it on the map: click to add vertices, drag them "
                                                           "to move, then close the polygon."))
    team = models.ForeignKey("agencies.Agency", verbose_name=_("team"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="enforcement_areas")
    officers = models.ManyToManyField("officers.Officer", verbose_name=_("officers"), blank=True,
                                      related_name="enforcement_areas")
    note = models.CharField(_("note"), max_length=200, blank=True)
    # The outline's bounding box, derived from ``boundary``, so that the map asks the database for a window.
    min_lat = models.FloatField(editable=False, default=0)
    min_lng = models.FloatField(editable=False, default=0)
    max_lat = models.FloatField(editable=False, default=0)
    max_lng = models.FloatField(editable=False, default=0)

    scope = ScopeSpec(region="region__path", agency="team__path")
    audit_exclude = ("created", "updated", "min_lat", "min_lng", "max_lat", "max_lng")

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["region__code", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="subjects_area_name_unique")]
        indexes = [
            models.Index(fields=["kind"], name="subjects_area_kind_idx"),
            models.Index(fields=["min_lat", "max_lat", "min_lng", "max_lng"], name="subjects_area_bbox_idx"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.region_id:
            check_township(self.region, errors)
        try:
            self.boundary = geo.validate_polygon(self.boundary)
        except ValidationError as error:
            errors["boundary"] = error.messages
        if self.team_id and self.region_id and not self.team.region.path.startswith(self.region.path) \
                and not self.region.path.startswith(self.team.region.path):
            errors["team"] = _("The team must work in this township or above it.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.min_lat, self.min_lng, self.max_lat, self.max_lng = geo.bounds(self.boundary)
        super().save(*args, **kwargs)

    def contains(self, lat, lng):
        return self.min_lat <= lat <= self.max_lat and self.min_lng <= lng <= self.max_lng \
            and geo.point_in_polygon(lat, lng, self.boundary)


class Subject(BaseModel):
    """A supervised object (监管对象): an enterprise, an individual business, a person, a place or a project."""

    kind = models.CharField(_("kind"), max_length=24, choices=SubjectKind.choices, db_index=True)
    name = models.CharField(pgettext_lazy("subject", "name"), max_length=100, db_index=True)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True, validators=[validate_uscc],
                            help_text=_("Required for an enterprise."))
    region = models.ForeignKey("regions.Region", verbose_name=_("township"), on_delete=models.PROTECT,
                               related_name="subjects")
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="subjects",
                             help_text=_("Found from the location when there is one."))
    department = models.ForeignKey("agencies.Agency", verbose_name=_("competent department"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="subjects",
                                   help_text=_("The county department that supervises this trade, if any."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True,
                                 validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(_("longitude"), null=True, blank=True,
                                  validators=[MinValueValidator(-180), MaxValueValidator(180)])
    category = models.CharField(_("category"), max_length=24, choices=Category.choices, db_index=True)
    risk_class = models.CharField(_("risk class"), max_length=1, choices=RiskClass.choices, default=RiskClass.B,
                                  db_index=True)
    credit_class = models.CharField(_("credit class"), max_length=16, choices=CreditClass.choices, blank=True,
                                    db_index=True)
    contact_name = models.CharField(_("contact"), max_length=32, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    active = models.BooleanField(pgettext_lazy("subject", "active"), default=True, db_index=True)
    # normalise(name) + "|" + normalise(address): two subjects of one township with the same key are duplicates.
    dedupe_key = models.CharField(max_length=310, editable=False, default="")

    scope = ScopeSpec(region="region__path", agency="department__path")
    audit_exclude = ("created", "updated", "dedupe_key")

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["region__code", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["uscc"], condition=~Q(uscc=""), name="subjects_subject_uscc_unique",
                                    violation_error_message=_("This unified social credit code is already "
                                                              "registered.")),
            models.CheckConstraint(condition=Q(latitude__isnull=True, longitude__isnull=True)
                                   | Q(latitude__range=(-90, 90), longitude__range=(-180, 180)),
                                   name="subjects_subject_location_valid"),
        ]
        indexes = [
            models.Index(fields=["region", "dedupe_key"], name="subjects_subject_dedupe_idx"),
            models.Index(fields=["latitude", "longitude"], name="subjects_subject_location_idx"),
        ]

    def __str__(self):
        return self.name

    def compute_dedupe_key(self):
        return f"{normalise(self.name)}|{normalise(self.address)}"

    def duplicates(self):
        """Other subjects with the same code, or the same name and address in the same township."""
        q = Q(region_id=self.region_id, dedupe_key=self.compute_dedupe_key())
        if self.uscc:
            q |= Q(uscc=self.uscc)
        return Subject.objects.filter(q).exclude(pk=self.pk)

    def clean(self):
        errors = {}
        self.uscc = (self.uscc or "").strip().upper()
        self.name = (self.name or "").strip()
        self.address = (self.address or "").strip()
        if self.kind == SubjectKind.ENTERPRISE and not self.uscc:
            errors["uscc"] = _("An enterprise needs its unified social credit code.")
        if (self.latitude is None) != (self.longitude is None):
            errors["latitude"] = _("Give both latitude and longitude, or neither.")
        if self.region_id:
            check_township(self.region, errors)
            if self.area_id and self.area.region_id != self.region_id:
                errors["area"] = _("The area belongs to another township.")
            if self.name and "region" not in errors:
                for twin in self.duplicates()[:2]:
                    if self.uscc and twin.uscc == self.uscc:
                        errors["uscc"] = _("This unified social credit code is already registered.")
                    else:
                        errors["name"] = _("%(name)s at %(address)s is already registered in this township.") % {
                            "name": twin.name, "address": twin.address or "—"}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.dedupe_key = self.compute_dedupe_key()
        super().save(*args, **kwargs)

    @property
    def located(self):
        return self.latitude is not None and self.longitude is not None


class ClassStrategy(BaseModel):
    """How a risk class is managed in a jurisdiction (分类管理策略): a township's own strategy overrides the
    county's."""

    region = models.ForeignKey("regions.Region", verbose_name=_("jurisdiction"), on_delete=models.PROTECT,
                               related_name="class_strategies")
    risk_class = models.CharField(_("risk class"), max_length=1, choices=RiskClass.choices, db_index=True)
    inspections_per_year = models.DecimalField(
        _("inspections per year"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)],
        help_text=_("0.5 means once every two years."))
    mode = models.CharField(_("inspection mode"), max_length=16, choices=InspectionMode.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope = ScopeSpec(region="region__path", ancestors_visible=True)

    class Meta:
        verbose_name = _("class strategy")
        verbose_name_plural = _("class strategies")
        ordering = ["region__code", "risk_class"]
        constraints = [models.UniqueConstraint(fields=["region", "risk_class"], name="subjects_strategy_unique")]

    def __str__(self):
        return f"{self.region} · {self.get_risk_class_display()}"

    @property
    def frequency(self):
        """Inspections a year as written: 4.00 -> "4", 0.50 -> "0.5"."""
        return f"{self.inspections_per_year.normalize():f}"

    def clean(self):
        if self.region_id and self.region.level not in (RegionLevel.COUNTY, RegionLevel.TOWNSHIP):
            raise ValidationError({"region": _("A strategy belongs to a county or a township.")})
