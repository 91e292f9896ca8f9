"""The WSGI application served by gunicorn (see DESIGN.md: WSGI, not ASGI)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openprm.config.settings")
application = get_wsgi_application()
