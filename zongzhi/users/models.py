import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.models import BaseModel
from zongzhi.utilities.scope import Grant, ScopeSpec

from .roles import ROLE_CHOICES, ROLES


class User(AbstractUser):
    display_name = models.CharField(_("display name"), max_length=64, blank=True)
    failed_logins = models.PositiveSmallIntegerField(_("failed logins in a row"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name or self.username

    def is_locked(self):
        return self.locked_until is not None and self.locked_until > timezone.now()

    def active_assignments(self):
        cache = self.__dict__.get("_assignments")
        if cache is None:
            cache = list(self.role_assignments.select_related("agency__region").filter(active=True))
            self.__dict__["_assignments"] = cache
        return cache

    def roles(self):
        return [a.role for a in self.active_assignments()]

    def grants(self, model, action):
        label = model._meta.label_lower
        grants = []
        for a in self.active_assignments():
            role = ROLES.get(a.role)
            if role is None or not role.allows(label, action):
                continue
            if role.scope == "region":
                grants.append(Grant("region", a.agency.region.path, a.agency.region.path))
            else:
                grants.append(Grant("agency", a.agency.path, a.agency.region.path))
        return grants


class RoleAssignment(BaseModel):
    """A user holds a role at an agency; the scope follows that agency (or its region)."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=32, choices=ROLE_CHOICES)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    active = models.BooleanField(_("active"), default=True)

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [models.UniqueConstraint(fields=["user", "role", "agency"], name="users_assignment_unique")]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.agency}"


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(BaseModel):
    """A user's own API token. Only its hash is stored; the key is shown once, when created."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=64)
    prefix = models.CharField(_("prefix"), max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    audit_exclude = ("created", "updated", "last_used", "key_hash")
    scope = ScopeSpec()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name, expires=None):
        key = secrets.token_hex(20)
        token = cls.objects.create(user=user, name=name, prefix=key[:8], key_hash=_hash_key(key), expires=expires)
        return token, key

    @classmethod
    def find(cls, key):
        return cls.objects.select_related("user").filter(key_hash=_hash_key(key)).first()

    @property
    def is_valid(self):
        now = timezone.now()
        return self.revoked is None and (self.expires is None or self.expires > now)
