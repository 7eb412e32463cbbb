"""Settings are code; instance values come from the environment (STYLE.md §14).

Embedded mode (no environment at all) runs on SQLite in ./var with a development secret.
Production (ZONGZHI_ENV=production) refuses to start without SECRET_KEY, ALLOWED_HOSTS and PUBLIC_BASE_URL, naming
every missing value at once (docs/deployment.md).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ZONGZHI_VAR_DIR", BASE_DIR / "var"))

ENVIRONMENT = os.environ.get("ZONGZHI_ENV", "embedded")
PRODUCTION = ENVIRONMENT == "production"


# Values production cannot do without, with what each is for (the start-up error names every missing one).
PRODUCTION_VALUES = {
    "SECRET_KEY": "a long random string (50 characters or more) kept out of the repository",
    "ALLOWED_HOSTS": "the host names the site answers to, comma-separated",
    "PUBLIC_BASE_URL": "the address the public reaches the site at, printed in the QR codes of documents",
}
_missing = [name for name in PRODUCTION_VALUES if not os.environ.get(name)]
if PRODUCTION and _missing:
    raise ImproperlyConfigured("ZONGZHI_ENV=production needs these environment variables (see docs/deployment.md): "
                               + "; ".join(f"{name}: {PRODUCTION_VALUES[name]}" for name in _missing) + ".")
if PRODUCTION and len(os.environ["SECRET_KEY"]) < 50:
    raise ImproperlyConfigured("ZONGZHI_ENV=production needs a SECRET_KEY of 50 characters or more, e.g. "
                               "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'.")


def _flag(name, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0") == "1"


SECRET_KEY = os.environ.get("SECRET_KEY") or "embedded-development-key-not-for-production"
DEBUG = _flag("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = (os.environ.get("ALLOWED_HOSTS") or "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "zongzhi.utilities",
    "zongzhi.audit",
    "zongzhi.users",
    "zongzhi.regions",
    "zongzhi.agencies",
    "zongzhi.officers",
    "zongzhi.deadlines",
    "zongzhi.laws",
    "zongzhi.catalog",
    "zongzhi.agreements",
    "zongzhi.discretion",
    "zongzhi.cases",
    "zongzhi.subjects",
    "zongzhi.inspections",
    "zongzhi.patrols",
    "zongzhi.evidence",
    "zongzhi.reviews",
    "zongzhi.enforcement",
    "zongzhi.documents",
    "zongzhi.demo",
    "zongzhi.operations",
    # After the project's apps, so that our templates (registration/*) and translations come first.
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "zongzhi.audit.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zongzhi.utilities.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "zongzhi.urls"
WSGI_APPLICATION = "zongzhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zongzhi.utilities.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite in ./var by default; PostgreSQL (or another) through DATABASE_URL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zongzhi.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions serialise writers, which the audit hash chain relies on; WAL lets readers go on while
    # one writes, and the busy timeout makes a writer wait its turn instead of answering "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "30")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("ZONGZHI_TEST_SQLITE_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = ["zongzhi.users.backends.LockoutModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout: this many failures in a row lock the account for this many minutes.
LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", "5"))
LOGIN_LOCK_MINUTES = int(os.environ.get("LOGIN_LOCK_MINUTES", "15"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese by default; English msgids.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Evidence and other uploads go through Django storage: files under MEDIA_ROOT by default; S3-compatible object
# storage (MinIO, a cloud provider's OSS) with MEDIA_STORAGE=s3 and the S3_* values (docs/deployment.md).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "s3":
    _missing = [name for name in ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_ACCESS_KEY", "S3_SECRET_KEY")
                if not os.environ.get(name)]
    if _missing:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs these environment variables: " + ", ".join(_missing) + ".")
    MEDIA_STORAGE_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ["S3_ENDPOINT_URL"],
            "access_key": os.environ["S3_ACCESS_KEY"],
            "secret_key": os.environ["S3_SECRET_KEY"],
            "region_name": os.environ.get("S3_REGION") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,
            # A stored file is never replaced: a second upload under the same name gets a new name.
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE == "local":
    MEDIA_STORAGE_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be local or s3, not {MEDIA_STORAGE!r}.")
STORAGES = {
    "default": MEDIA_STORAGE_BACKEND,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "zongzhi.operations.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# HTTPS: on by default in production (TLS ends at the reverse proxy, which sets X-Forwarded-Proto; gunicorn trusts
# it from 127.0.0.1 unless told otherwise with --forwarded-allow-ips). HTTPS=0 only on a closed network.
HTTPS = _flag("HTTPS", PRODUCTION)
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the load balancer's and monitoring's probe over plain HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", False)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "zongzhi.users.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["zongzhi.utilities.drf.ScopedPermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "zongzhi.utilities.drf.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "zongzhi.utilities.drf.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "综执通 zongzhi API",
    "DESCRIPTION": "乡镇(街道)综合行政执法平台 API. Token authentication: `Authorization: Token <key>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Logs go to the console (stderr): plain text in the embedded mode, one JSON object per line in production
# (LOG_FORMAT=json or text), each with the request id of the request it belongs to.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "zongzhi.operations.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "zongzhi.operations.logs.JsonLogFormatter",
                 "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Clues within this many days at the same place or subject and of the same matter are suspected duplicates.
CASES_DUPLICATE_WINDOW_DAYS = int(os.environ.get("CASES_DUPLICATE_WINDOW_DAYS", "30"))

# Map tiles: empty means no base map (intranets without a tile server); set to e.g.
# http://tiles.example.gov.cn/{z}/{x}/{y}.png for an intranet tile server.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")

# The address the public reaches this site at (printed in the QR codes of documents and inspection notices, so a
# phone can open the verification page), e.g. https://zfzt.xiangcheng.gov.cn. Empty: the QR code holds the path only.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")

# The audit chain's head is anchored outside the database: `manage.py anchor_audit` (daily) appends the head to
# this append-only file, and `verify_audit` checks the chain against every line. Keep it on another disk or copy it
# off the machine (docs/deployment.md).
AUDIT_ANCHOR_FILE = Path(os.environ.get("AUDIT_ANCHOR_FILE", VAR_DIR / "audit-anchors.jsonl"))
# Where `manage.py backup` writes unless told otherwise.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))

# Where the shipped data lives (regions, calendars); tests may also read ../shared.
DATA_DIR = BASE_DIR / "data"
