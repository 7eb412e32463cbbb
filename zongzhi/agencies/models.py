from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.identifiers import validate_uscc
from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import ScopeSpec

from .choices import AgencyKind


class Domain(BaseModel):
    """An enforcement domain (执法领域): 农业农村, 生态环境, 城市管理 …"""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=32, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope = ScopeSpec(public=True)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class Agency(BaseModel):
    """An enforcement body or a partner (执法主体/单位). A squad acts in the name of its township
    (``acts_in_name_of``); only a confirmed and published body (``is_enforcement_body``) decides in its own name."""

    name = models.CharField(_("name"), max_length=100, db_index=True)
    short_name = models.CharField(_("short name"), max_length=32, blank=True,
                                  help_text=_("Used in document numbers, e.g. 襄城镇综执."))
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices, db_index=True)
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="agencies")
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    domains = models.ManyToManyField(Domain, verbose_name=_("domains"), blank=True, related_name="agencies")
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True, validators=[validate_uscc])
    is_enforcement_body = models.BooleanField(
        _("confirmed enforcement body"), default=False,
        help_text=_("Confirmed and published as a body that decides in its own name."),
    )
    acts_in_name_of = models.ForeignKey(
        "self", verbose_name=_("acts in the name of"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="agents",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    liaison_name = models.CharField(_("liaison"), max_length=32, blank=True)
    liaison_phone = models.CharField(_("liaison phone"), max_length=32, blank=True)
    active = models.BooleanField(_("active"), default=True)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    scope = ScopeSpec(region="region__path", agency="path", ancestors_visible=True)
    audit_exclude = ("created", "updated", "path")

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["region__code", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="agencies_name_unique_in_region")]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.parent_id and self.pk and self.parent_id == self.pk:
            errors["parent"] = _("An agency cannot be its own parent.")
        if self.acts_in_name_of_id and not self.acts_in_name_of.is_enforcement_body:
            errors["acts_in_name_of"] = _("It can only act in the name of a confirmed enforcement body.")
        if self.is_enforcement_body and self.acts_in_name_of_id:
            errors["acts_in_name_of"] = _("A confirmed enforcement body acts in its own name.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if path != self.path:
            old = self.path
            Agency.objects.filter(pk=self.pk).update(path=path)
            if old:  # moved: carry the subtree along
                for child in Agency.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    Agency.objects.filter(pk=child.pk).update(path=path + child.path[len(old):])
            self.path = path

    @property
    def deciding_body(self):
        """The body in whose name this agency's decisions are made."""
        if self.is_enforcement_body:
            return self
        return self.acts_in_name_of
