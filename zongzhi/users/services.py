from django.db import transaction
from django.utils import timezone

from .models import ApiToken


@transaction.atomic
def issue_token(user, *, name, expires=None):
    """Create a token for ``user``; returns (token, key). The key is shown once and never stored."""
    return ApiToken.issue(user, name, expires)


@transaction.atomic
def revoke_token(token):
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked", "updated"])
    return token
