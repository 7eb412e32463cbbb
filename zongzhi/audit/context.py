"""Who is acting, from where, in which request: kept in context variables for the change log."""

import contextlib
import contextvars
import uuid

from .choices import Source

_request = contextvars.ContextVar("zongzhi_request", default=None)
_override = contextvars.ContextVar("zongzhi_audit_override", default=None)


def new_request_id() -> str:
    return uuid.uuid4().hex


def set_request(request):
    return _request.set(request)


def reset_request(token):
    _request.reset(token)


@contextlib.contextmanager
def audit_context(*, user=None, source=Source.COMMAND, request_id=None):
    """Attribute every change inside the block to ``user`` and ``source`` (imports, commands)."""
    token = _override.set({"user": user, "source": source, "request_id": request_id or new_request_id()})
    try:
        yield
    finally:
        _override.reset(token)


def current():
    """(user, source, request_id) of the change being made now."""
    override = _override.get()
    request = _request.get()
    if override is not None:
        user = override["user"]
        if user is None and request is not None:
            user = getattr(request, "user", None)
        return user, override["source"], override["request_id"]
    if request is not None:
        user = getattr(request, "user", None)
        return user, getattr(request, "audit_source", Source.UI), getattr(request, "request_id", "")
    return None, Source.COMMAND, ""


def current_request_id() -> str:
    """The request id of the change or log line being made now ("" outside a request and a command)."""
    override = _override.get()
    if override is not None:
        return override["request_id"]
    request = _request.get()
    return getattr(request, "request_id", "") if request is not None else ""
