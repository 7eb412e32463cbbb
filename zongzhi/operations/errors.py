"""Answers when something outside the code fails: the database is unreachable, a stored file is missing. The API
(and Open311) always answers JSON, the pages a short Chinese page; neither needs the database to render."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

JSON_PREFIXES = ("/api/", "/open311/")


def wants_json(request) -> bool:
    return request.path.startswith(JSON_PREFIXES) or "application/json" in request.headers.get("Accept", "")


def _answer(request, status, template, detail, code, **headers):
    if wants_json(request):
        response = JsonResponse({"detail": detail, "code": code}, status=status, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(loader.get_template(template).render({"detail": detail}), status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


@requires_csrf_token
def server_error(request, *args, **kwargs):
    """handler500: Django calls it for any exception nothing else answered, so the exception is at hand."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return _answer(request, 503, "operations/unavailable.html",
                       _("The database cannot be reached right now, so nothing was saved. Please try again in a "
                         "minute."), "database_unavailable", Retry_After="30")
    if isinstance(error, FileNotFoundError):
        return _answer(request, 409, "operations/file_missing.html",
                       _("The record exists, but its stored file is missing from storage. It is not handed out; "
                         "the administrator can restore it from the backup."), "file_missing")
    return _answer(request, 500, "500.html",
                   _("Something went wrong on our side. Nothing you entered was saved. Please try again; if it "
                     "happens again, tell the administrator the time it happened."), "server_error")
