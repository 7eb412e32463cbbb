import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import F
from django.utils import timezone


class LockoutModelBackend(ModelBackend):
    """Username and password, with a lock after ``LOGIN_MAX_FAILURES`` failures in a row."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        user = User._default_manager.filter(username=username).first() if username else None
        if user is None:
            User().set_password(password)  # same work as a real check: no timing hint
            return None
        if user.is_locked():
            if request is not None:
                request.login_locked_until = user.locked_until
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            if user.failed_logins or user.locked_until:
                User._default_manager.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
            return user
        failures = user.failed_logins + 1
        locked_until = None
        if failures >= settings.LOGIN_MAX_FAILURES:
            locked_until = timezone.now() + datetime.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
            failures = 0
            if request is not None:
                request.login_locked_until = locked_until
        User._default_manager.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1 if not locked_until else 0,
                                                        locked_until=locked_until)
        return None
