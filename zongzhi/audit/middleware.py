from .choices import Source
from .context import new_request_id, reset_request, set_request


class RequestContextMiddleware:
    """Gives each request an id (X-Request-ID) and makes it visible to the change log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if incoming.isalnum() and len(incoming) <= 64 else new_request_id()
        if request.path.startswith("/api/") or request.path.startswith("/open311/"):
            request.audit_source = Source.API
        elif request.path.startswith("/admin/"):
            request.audit_source = Source.ADMIN
        else:
            request.audit_source = Source.UI
        token = set_request(request)
        try:
            response = self.get_response(request)
        finally:
            reset_request(token)
        response["X-Request-ID"] = request.request_id
        return response
