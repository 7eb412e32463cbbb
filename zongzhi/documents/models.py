"""Case documents (文书): versioned templates per jurisdiction, issued documents with their number, files and
verification code, and the publication (公示) of penalty decisions. State changes go through ``services``."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import KIND_ABBREVIATIONS, DocumentKind, DocumentStatus, PublicationStatus


class DocumentTemplate(BaseModel):
    """The wording of one kind of document. A national template has no region; a region's template overrides it
    for that region's subtree. Each edit of substance is a new version; the highest active version of the
    narrowest region applies (``services.resolve_template``)."""

    kind = models.CharField(_("kind"), max_length=32, choices=DocumentKind.choices, db_index=True)
    region = models.ForeignKey("regions.Region", verbose_name=_("jurisdiction"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="document_templates",
                               help_text=_("Empty: the national default. A region's template applies to its "
                                           "whole subtree."))
    version = models.PositiveIntegerField(_("version"), default=1)
    active = models.BooleanField(_("active"), default=True, db_index=True)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(
        _("body"),
        help_text=_("Django template text. One paragraph per line; “## ” starts a heading, “> ” a paragraph "
                    "without indent, lines “| a | b |” form a table (the first row is the header), “@@ label | "
                    "name | date” a signature."))
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("What changed in this version."))

    scope = ScopeSpec(region="region__path", public=True)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["kind", "region__code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], condition=Q(region__isnull=True),
                                    name="documents_template_national_version_unique"),
            models.UniqueConstraint(fields=["kind", "region", "version"], condition=Q(region__isnull=False),
                                    name="documents_template_region_version_unique"),
        ]

    def __str__(self):
        where = self.region.name if self.region_id else _("national")
        return f"{self.get_kind_display()} · {where} · v{self.version}"

    def clean(self):
        from .rendering import compile_body

        try:
            compile_body(self.title)
        except Exception as error:
            raise ValidationError({"title": str(error)}) from None
        try:
            compile_body(self.body)
        except Exception as error:
            raise ValidationError({"body": _("The template does not compile: %(error)s") % {"error": error}}) from None
        same = DocumentTemplate.objects.filter(kind=self.kind, region=self.region_id, version=self.version)
        if self.pk:
            same = same.exclude(pk=self.pk)
        if self.kind and same.exists():
            raise ValidationError({"version": _("This version already exists for this kind and jurisdiction.")})


class DocumentCounter(models.Model):
    """The last serial given by a numbering body in a year for one kind; locked while a number is taken."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=32, choices=DocumentKind.choices)
    last = models.PositiveIntegerField(default=0)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year", "kind"], name="documents_counter_unique")]

    def __str__(self):
        return f"{self.agency_id}/{self.year}/{self.kind}: {self.last}"


def _upload_to(instance, filename):
    return f"documents/{instance.year}/{instance.agency_id}/{filename}"


class GeneratedDocument(BaseModel):
    """An issued document: its number, the template version used, what it is about, the DOCX and PDF files with
    their SHA-256, and the verification code printed on it. Never edited: a wrong document is voided."""

    kind = models.CharField(_("kind"), max_length=32, choices=DocumentKind.choices, db_index=True)
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("issuing body"), on_delete=models.PROTECT,
                               related_name="generated_documents")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    serial = models.PositiveIntegerField(_("serial number"))
    number = models.CharField(_("document number"), max_length=100, db_index=True)
    template = models.ForeignKey(DocumentTemplate, verbose_name=_("template"), on_delete=models.PROTECT,
                                 related_name="documents")
    template_version = models.PositiveIntegerField(_("template version"))
    title = models.CharField(_("title"), max_length=100)
    content = models.JSONField(_("content"), default=dict, blank=True,
                               help_text=_("The rendered blocks, kept so the case file can be built in one pass."))
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="documents")
    docx = models.FileField(_("DOCX file"), upload_to=_upload_to, max_length=255)
    docx_sha256 = models.CharField(_("DOCX SHA-256"), max_length=64)
    pdf = models.FileField(_("PDF file"), upload_to=_upload_to, max_length=255)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64)
    verification_code = models.CharField(_("verification code"), max_length=16, db_index=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    issued_by_name = models.CharField(_("issued by"), max_length=150, blank=True)
    issued_at = models.DateTimeField(_("issued at"), db_index=True)
    status = models.CharField(_("status"), max_length=8, choices=DocumentStatus.choices,
                              default=DocumentStatus.ISSUED, db_index=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("voided by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    void_reason = models.TextField(_("reason for voiding"), blank=True)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")
    audit_exclude = ("created", "updated", "content")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="documents_doc_target_idx")]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind", "serial"], name="documents_doc_serial_unique"),
            models.CheckConstraint(condition=Q(status=DocumentStatus.ISSUED, voided_at__isnull=True)
                                   | Q(status=DocumentStatus.VOID, voided_at__isnull=False),
                                   name="documents_doc_void_has_date"),
        ]

    def __str__(self):
        return self.number

    @property
    def abbreviation(self):
        return KIND_ABBREVIATIONS[self.kind]

    def filename(self, extension):
        return f"{self.number}-{self.get_kind_display()}.{extension}".replace("/", "-")

    def get_verify_url(self):
        from urllib.parse import urlencode

        return reverse("documents:verify") + "?" + urlencode({"number": self.number, "code": self.verification_code})


class Publication(BaseModel):
    """A penalty decision made public (行政处罚决定公示): the text with an individual's name and identity number
    masked, due within 7 working days of the decision; withdrawn within 3 working days when the decision is
    changed or revoked (行政处罚法 Art. 48)."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("deciding body"), on_delete=models.PROTECT,
                               related_name="publications")
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="publications")
    document = models.ForeignKey(GeneratedDocument, verbose_name=pgettext_lazy("document", "decision"), on_delete=models.PROTECT,
                                 related_name="publications")
    title = models.CharField(_("title"), max_length=200)
    party = models.CharField(_("party (masked)"), max_length=200, blank=True)
    text = models.TextField(_("published text"))
    decision_date = models.DateField(_("decision date"), db_index=True)
    due_date = models.DateField(_("publication due"), db_index=True)
    due_citation = models.CharField(_("basis of the time limit"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published at"), db_index=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    late = models.BooleanField(_("published late"), default=False, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=PublicationStatus.choices,
                              default=PublicationStatus.PUBLISHED, db_index=True)
    changed_on = models.DateField(_("decision changed or revoked on"), null=True, blank=True)
    withdrawal_due = models.DateField(_("withdrawal due"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("withdrawn by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    withdrawn_late = models.BooleanField(_("withdrawn late"), default=False)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["document"], condition=Q(status=PublicationStatus.PUBLISHED),
                                    name="documents_publication_one_live_per_decision"),
            models.CheckConstraint(condition=Q(status=PublicationStatus.PUBLISHED, withdrawn_at__isnull=True)
                                   | Q(status=PublicationStatus.WITHDRAWN, withdrawn_at__isnull=False),
                                   name="documents_publication_withdrawn_has_date"),
        ]

    def __str__(self):
        return self.title

    def get_public_url(self):
        return reverse("documents:public_detail", args=[self.pk])
