from django.db import models
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import RegionLevel, TownshipKind


class Region(BaseModel):
    """A division (NBS statistical code). ``parent`` is where it is located; ``administered_by`` is the body
    that runs it when that differs (惠城区's units run by 仲恺高新区). ``path`` follows administration, and
    scope follows ``path``."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=64, db_index=True)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices, db_index=True)
    kind = models.CharField(_("township kind"), max_length=16, choices=TownshipKind.choices, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("located in"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    administered_by = models.ForeignKey(
        "self", verbose_name=_("administered by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="administered",
    )
    path = models.CharField(_("administrative path"), max_length=255, db_index=True, editable=False)

    scope = ScopeSpec(region="path", public=True)
    audit_exclude = ("created", "updated", "path")

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def administrative_parent(self):
        return self.administered_by or self.parent

    def compute_path(self) -> str:
        parent = self.administrative_parent
        return (parent.path if parent else "/") + f"{self.code}/"

    def save(self, *args, **kwargs):
        self.path = self.compute_path()
        super().save(*args, **kwargs)

    def ancestors(self):
        codes = [c for c in self.path.split("/") if c][:-1]
        by_code = {r.code: r for r in Region.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]

    def subtree(self):
        return Region.objects.filter(path__startswith=self.path)
