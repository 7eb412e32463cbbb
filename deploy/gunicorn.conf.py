"""gunicorn for zongzhi behind a reverse proxy: `.venv/bin/gunicorn -c deploy/gunicorn.conf.py` (docs/deployment.md).
Every value can be changed from the environment; the application's own settings come from the environment too."""

import multiprocessing
import os

wsgi_app = "zongzhi.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
# A request that runs longer is killed: long work (imports, reports) belongs in a job, not in a request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then (memory held by a large page is returned).
max_requests = 2000
max_requests_jitter = 200
# No control socket: it lives at one fixed path per user, shared by every gunicorn of that user; signals
# (systemctl reload = HUP) are enough.
control_socket_disable = True
# The proxy's address: gunicorn believes its X-Forwarded-Proto (https) only from there.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access and error logs on the console, one JSON object per line when LOG_FORMAT is json (the production default).
accesslog = "-"
errorlog = "-"
_json = os.environ.get("LOG_FORMAT", "json" if os.environ.get("ZONGZHI_ENV") == "production" else "text") == "json"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "zongzhi.operations.logs.JsonLogFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if _json else "text",
                    "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
