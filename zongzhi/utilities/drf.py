"""DRF settings objects (imported by REST_FRAMEWORK settings; kept free of ``rest_framework.views``)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination, permissions

from .scope import ADD, CHANGE, DELETE, VIEW, can

METHOD_ACTIONS = {"GET": VIEW, "HEAD": VIEW, "OPTIONS": VIEW, "POST": ADD, "PUT": CHANGE, "PATCH": CHANGE,
                  "DELETE": DELETE}


class ScopedPermission(permissions.BasePermission):
    """Signed in, and holding the role permission for the model and action somewhere."""

    message = _("Your role does not allow this action.")

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        model = getattr(getattr(view, "queryset", None), "model", None)
        if model is None or not hasattr(model, "scope"):
            return True
        # A viewset may map its own actions (e.g. {"revoke": CHANGE}); otherwise the HTTP method decides.
        action = getattr(view, "action_map_scope", {}).get(getattr(view, "action", None))
        return can(request.user, model, action or METHOD_ACTIONS.get(request.method, VIEW))


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def exception_handler(exc, context):
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    return drf_exception_handler(exc, context)
