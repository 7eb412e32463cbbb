"""The law library: laws with versions, parsed into chapters and articles (paragraphs and items)."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import LawKind
from .citation import book_title, cite


class Law(BaseModel):
    title = models.CharField(_("title"), max_length=200, unique=True, help_text=_("Without the 《》 brackets."))
    short_title = models.CharField(_("short title"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=LawKind.choices, db_index=True)
    issuer = models.CharField(_("issuer"), max_length=100, blank=True, db_index=True)
    region = models.ForeignKey("regions.Region", verbose_name=_("jurisdiction"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="laws",
                               help_text=_("Empty for national law; set for local regulations."))

    scope = ScopeSpec(region="region__path", public=True)

    class Meta:
        verbose_name = _("law")
        verbose_name_plural = _("laws")
        ordering = ["title"]

    def __str__(self):
        return book_title(self.title)

    def current_version(self, on=None):
        """The version in force on ``on`` (default: today); the first one when none is in force yet.
        Works on prefetched ``versions`` without a query."""
        on = on or datetime.date.today()
        versions = sorted(self.versions.all(), key=lambda v: v.effective)
        in_force = [v for v in versions if v.effective <= on]
        return in_force[-1] if in_force else (versions[0] if versions else None)


class LawVersion(BaseModel):
    law = models.ForeignKey(Law, verbose_name=_("law"), on_delete=models.PROTECT, related_name="versions")
    label = models.CharField(_("version"), max_length=64, help_text=_("E.g. 2021年修订."))
    promulgated = models.DateField(_("promulgated on"), null=True, blank=True)
    effective = models.DateField(_("effective from"))
    history = models.TextField(_("enactment and amendment history"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    retrieved = models.DateField(_("retrieved on"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 of the source text"), max_length=64, blank=True)

    scope = ScopeSpec(public=True)

    class Meta:
        verbose_name = _("law version")
        verbose_name_plural = _("law versions")
        ordering = ["law", "-effective"]
        constraints = [models.UniqueConstraint(fields=["law", "effective"], name="laws_version_unique")]

    def __str__(self):
        return f"{self.law}（{self.label}）"

    def get_absolute_url(self):
        return reverse("laws:law", args=[self.law_id]) + f"?version={self.pk}"


class Article(BaseModel):
    """One article (第X条). ``paragraphs`` is a list of {"text": str, "items": [str, ...]}."""

    version = models.ForeignKey(LawVersion, verbose_name=_("version"), on_delete=models.CASCADE,
                                related_name="articles")
    number = models.PositiveIntegerField(pgettext_lazy("article", "number"))
    label = models.CharField(_("label"), max_length=32, help_text=_("第一百一十九条"))
    chapter = models.CharField(_("chapter"), max_length=100, blank=True)
    section = models.CharField(_("section"), max_length=100, blank=True)
    text = models.TextField(_("text"))
    paragraphs = models.JSONField(_("paragraphs"), default=list)
    tokens = models.TextField(_("search tokens"), blank=True, editable=False)

    scope = ScopeSpec(public=True)
    audit_exclude = ("created", "updated", "tokens")

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="laws_article_unique")]
        indexes = [models.Index(fields=["number"], name="laws_article_number"),
                   models.Index(fields=["updated"], name="laws_article_updated")]  # the search index's signature

    def __str__(self):
        return self.citation()

    @property
    def anchor(self):
        return f"art-{self.number}"

    def citation(self, paragraph: int | None = None, item: int | None = None) -> str:
        """The stable citation: 《中华人民共和国大气污染防治法》第一百一十九条第一款第（二）项."""
        return cite(self.version.law.title, self.number, paragraph, item)
