"""The small ladder of abstract base models (STYLE.md §2).

``BaseModel`` gives timestamps, the scoped manager and change logging (the audit app listens to every
subclass). Concrete models declare ``scope`` (see ``zongzhi.utilities.scope``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .scope import ScopedQuerySet


class BaseModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    # Fields left out of the change log (derived values).
    audit_exclude: tuple[str, ...] = ("created", "updated")

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remember what was loaded so the change log can show "before" without another query.
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        return instance

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse(f"{self._meta.app_label}:{self._meta.model_name}", args=[self.pk])


class AppendOnlyModel(models.Model):
    """A timeline entry (a clue's, a case's, a task's, an item's): written once, never changed, never deleted."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(f"{self._meta.verbose_name_plural} are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{self._meta.verbose_name_plural} are append-only.")
