"""Structured logs: every record carries the id of its request (X-Request-ID); the JSON formatter for gunicorn's
access log turns the request line into fields."""

import datetime
import logging

from pythonjsonlogger.json import JsonFormatter

from zongzhi.audit.context import current_request_id


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "request_id"):
            # django.request logs a response after the request context is gone, but passes the request along.
            request = getattr(record, "request", None)
            record.request_id = current_request_id() or getattr(request, "request_id", "") or "-"
        return True


# gunicorn's access-log atoms -> field names.
ACCESS_FIELDS = {"m": "method", "U": "path", "q": "query", "s": "status", "B": "bytes", "M": "ms", "h": "remote",
                 "{x-request-id}o": "request_id", "a": "agent"}


class JsonLogFormatter(JsonFormatter):
    """One JSON object per line; for gunicorn's access log (whose record arguments are its atoms) the request's
    method, path, status, size, duration and request id as fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def formatTime(self, record, datefmt=None):
        return datetime.datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        atoms = record.args if isinstance(record.args, dict) else None
        if atoms is not None and record.name == "gunicorn.access":
            log_data.pop("message", None)
            for atom, field in ACCESS_FIELDS.items():
                value = atoms.get(atom, atoms.get(atom.lower()))
                if value not in (None, "-", ""):
                    log_data[field] = int(value) if field in ("status", "bytes", "ms") and str(value).isdigit() else value
