from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


@never_cache
@require_GET
def health_view(request):
    """GET /health/: 200 when the database, the cache, the job queue and the storage answer, else 503. JSON,
    without sign-in (for the load balancer and monitoring), without secrets."""
    ok, checks = health.run()
    return JsonResponse({"status": "ok" if ok else "failing", "checks": checks}, status=200 if ok else 503)
