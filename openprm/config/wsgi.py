"""The WSGI application served by gunicorn (see DESIGN.md: WSGI, not ASGI).

The URL configuration (the API with every app's routers and schemas) is
loaded here, when a gunicorn worker starts, instead of by its first request:
it costs about 0.4 s of CPU per worker, which would otherwise land on the
first requests a fresh worker answers (issue 6).

API calls made with a token and no session take a shorter middleware stack
(core.wsgi_handler).
"""

import os

import django
from django.urls import get_resolver

from openprm.core.wsgi_handler import OpenPRMHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openprm.config.settings")
django.setup(set_prefix=False)
application = OpenPRMHandler()
get_resolver().url_patterns  # noqa: B018  load the URLconf now (see docstring)
