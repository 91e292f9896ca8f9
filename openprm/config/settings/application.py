"""The Django application: its apps, middleware and templates, its
languages, e-mail and API paging."""

import os

from django.utils.translation import gettext_lazy as _

from openprm.config.settings.environment import BASE_DIR

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
# An API call with a token and no session cookie (core.wsgi_handler): the
# security headers, the language and the URL rules, then the actor's
# stand-in until the token is read; no session, CSRF, messages or page gates.
OPENPRM_TOKEN_API_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "openprm.identity.middleware.AnonymousActorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

FORM_RENDERER = "openprm.core.form_renderer.FormRenderer"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

EMAIL_BACKEND = os.environ.get(
    "OPENPRM_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("OPENPRM_FROM_EMAIL", "openprm@localhost")

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
