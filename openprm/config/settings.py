"""Settings for OpenPRM, driven by environment variables.

`OPENPRM_ENV` picks the profile: `local` (the default: the one-command demo on
http://127.0.0.1:8000), `production` (HTTPS-only cookies, HSTS, a secret key
that must come from the environment) or `test`.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

from openprm.config.secret_key import require_production_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("OPENPRM_VAR_DIR", BASE_DIR / "var"))
ENV = os.environ.get("OPENPRM_ENV", "local")
PRODUCTION = ENV == "production"


def _secret_key() -> str:
    """Production insists on an explicit, strong key (a weak one refuses to
    start); local runs keep a generated one in var/ so sessions survive a
    restart."""
    if PRODUCTION:
        return require_production_secret_key(os.environ.get("OPENPRM_SECRET_KEY"))
    if key := os.environ.get("OPENPRM_SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("OPENPRM_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("OPENPRM_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("OPENPRM_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]
# Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For names the
# client, for the per-address rate limits (core/client_address.py); none by
# default, and then the header is ignored.
TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("OPENPRM_TRUSTED_PROXIES", "").split(",") if p.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Django's own widget templates, which templates/django/forms/ overrides
    # with the design system's check and radio markup (FORM_RENDERER below).
    "django.forms",
    "django_htmx",
    "csp",
    # Listed so the API docs render Swagger UI from ninja's static files; left
    # out, ninja loads it from a CDN (which the CSP blocks and we never want).
    "ninja",
    "template_partials",
    "django_countries",
    "axes",
    "django_tasks_db",
    "openprm.core",
    "openprm.identity",
    "openprm.customers",
    "openprm.contacts",
    "openprm.teams",
    "openprm.territories",
    "openprm.partners",
    "openprm.catalog",
    "openprm.deals",
    "openprm.programs",
    "openprm.orders",
    "openprm.carts",
    "openprm.recruitment",
    "openprm.alerts",
    "openprm.onboarding",
    "openprm.trainings",
    "openprm.portal",
    "openprm.imports",
    "openprm.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "openprm.identity.middleware.ActorMiddleware",
    "openprm.core.middleware.SignInRequiredMiddleware",
    "openprm.core.middleware.PortalBoundaryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "openprm.core.middleware.NullCharacterGuard",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "openprm.config.urls"
WSGI_APPLICATION = "openprm.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "openprm.core.context_processors.navigation",
                "openprm.partners.context_processors.portal_organization",
            ],
        },
    },
]

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


def _database() -> dict[str, object]:
    """SQLite in WAL mode by default; PostgreSQL (or anything dj-database-url
    reads) when DATABASE_URL is set."""
    if url := os.environ.get("DATABASE_URL"):
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] == "django.db.backends.sqlite3":
            # Duplicate checks rely on each transaction holding the write lock.
            config.setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
        if config["ENGINE"] == "django.db.backends.postgresql":
            # JIT compiled the visibility-scoped list for 3-7 s per call
            # (docs/performance.md); short OLTP queries never gain from it.
            config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
            if os.environ.get("OPENPRM_PG_PREPARED_STATEMENTS", "1") == "1":
                # Planning the visibility conditions cost PostgreSQL more than
                # running them; a statement run twice on a connection is
                # prepared and its plan reused (API lookup 0.24 -> 0.32 of a
                # bare app). Poolers in transaction mode need this off.
                config["OPTIONS"]["server_side_binding"] = True
                config["OPTIONS"]["prepare_threshold"] = 2
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "openprm.sqlite3",
        # Each gunicorn thread keeps its connection: opening one (with the
        # PRAGMAs below) cost about 3 ms, more than an API request itself.
        "CONN_MAX_AGE": None,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA cache_size=-64000;"
            ),
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "identity.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "identity:login"
OPENPRM_API_PREFIX = "/api/"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "identity:login"

AXES_FAILURE_LIMIT = int(os.environ.get("OPENPRM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "identity/locked_out.html"
AXES_VERBOSE = False

# Rate limits of the public forms (recruitment) count in a database table, so
# every app server sharing the database counts the same requests, each count
# one atomic statement (core/counter_cache.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "openprm.core.counter_cache.CounterDatabaseCache",
        "LOCATION": "openprm_rate_limits",
    },
}
RATELIMIT_USE_CACHE = "ratelimit"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The design system (Tabler on Bootstrap 5), its icons and the chart library
# come from npm (package.json, installed by `npm ci` in scripts/lib/env.sh);
# the app serves the files core.node_assets names, never a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
OPENPRM_ICONS_DIR = NODE_MODULES / "@tabler/icons/icons"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "openprm.core.node_assets.NodeModulesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if ENV == "test"
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# IMP-3: Excel exports of more rows than this run in the background, with a
# progress page and a download link; their files are kept for some days.
EXPORT_INLINE_ROWS = int(os.environ.get("OPENPRM_EXPORT_INLINE_ROWS", "10000"))
EXPORT_KEEP_DAYS = 7

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if ENV == "test"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

EMAIL_BACKEND = os.environ.get(
    "OPENPRM_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("OPENPRM_FROM_EMAIL", "openprm@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Every script, style, image, font and request comes from the app itself: no
# inline script or style, no eval, no other origin (the API docs' Swagger UI
# and htmx are served from static files too).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Tabler's stylesheet draws check marks and select arrows as data: images.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Browser features the app never uses are switched off for it and any frame.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("OPENPRM_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused request (403, 404, …) is one line, not a traceback (core.request_log).
    "filters": {"refused_request_line": {"()": "openprm.core.request_log.RefusedRequestLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["refused_request_line"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENPRM_LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
