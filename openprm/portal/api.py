"""The portal JSON API (/api/v1/portal/…): the routers that installed apps
declare for the portal, mounted in INSTALLED_APPS order.

An app adds portal operations with a `portal_api` module holding a `router`;
the portal tags them all "portal" and names no app, so a new app's portal
API needs no change here.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from ninja import Router

router = Router()

for app_config in apps.get_app_configs():
    if app_config.name.startswith("openprm.") and find_spec(f"{app_config.name}.portal_api"):
        portal_router = import_module(f"{app_config.name}.portal_api").router
        router.add_router("", portal_router, tags=["portal"])
