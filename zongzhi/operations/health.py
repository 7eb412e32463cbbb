"""The health checks behind /health/: each is cheap (one round trip), reads nothing private and writes nothing.
An app adds its own with ``@register("name")`` in its ``AppConfig.ready()``."""

import time

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection

CHECKS = {}

PROBE_NAME = "health-probe"


def register(name):
    def decorator(check):
        CHECKS[name] = check
        return check

    return decorator


@register("database")
def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


@register("cache")
def cache_check():
    cache.get(PROBE_NAME)


@register("storage")
def storage():
    # One metadata request (a stat on disk, a HEAD in S3): the probe file need not exist.
    default_storage.exists(PROBE_NAME)


def run() -> tuple[bool, dict]:
    """(all ok, {name: {"ok": bool, "ms": float, "error": the exception's class}}); never an exception's text,
    which could hold a host name or a password."""
    results = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception as error:  # noqa: BLE001 - a health check reports every failure
            results[name] = {"ok": False, "error": type(error).__name__}
        else:
            results[name] = {"ok": True}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return all(r["ok"] for r in results.values()), results
