"""Append-only change log with a hash chain (STYLE.md §7, first layer)."""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.scope import ScopedQuerySet, ScopeSpec

from .choices import Action, Source

GENESIS = "0" * 64


class AppendOnlyError(Exception):
    pass


class ChangeLogEntry(models.Model):
    time = models.DateTimeField(_("time"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        # The entry outlives its user: no constraint, no cascade; ``user_name`` keeps the name.
        on_delete=models.DO_NOTHING, related_name="+", db_constraint=False,
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, verbose_name=_("object type"), on_delete=models.PROTECT)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    region_path = models.CharField(max_length=255, blank=True, db_index=True)
    agency_path = models.CharField(max_length=255, blank=True, db_index=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    objects = ScopedQuerySet.as_manager()
    scope = ScopeSpec(region="region_path", agency="agency_path")

    class Meta:
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-id"], name="audit_object_idx"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_action_display()} {self.object_repr}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("audit:changelogentry", args=[self.pk])

    def payload(self) -> dict:
        return {
            "time": self.time.isoformat(),
            "user_id": self.user_id,
            "user_name": self.user_name,
            "request_id": self.request_id,
            "source": self.source,
            "action": self.action,
            "content_type": self.content_type_id,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "before": self.before,
            "after": self.after,
            "region_path": self.region_path,
            "agency_path": self.agency_path,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        text = json.dumps(self.payload(), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("change log entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("change log entries cannot be deleted")

    def changes(self):
        """(field, before, after) for each changed field."""
        before, after = self.before or {}, self.after or {}
        return [(k, before.get(k), after.get(k)) for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]


class AuditChainHead(models.Model):
    """The last link of the chain: lets verification notice entries removed from the end."""

    last_hash = models.CharField(max_length=64, default=GENESIS)
    last_id = models.BigIntegerField(default=0)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self):
        return f"{self.count} @ {self.last_hash[:12]}"
