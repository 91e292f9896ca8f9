"""The portal's pages (/portal/…): its index, then the `portal_urlpatterns`
each installed app declares in its `urls` module, all under the `portal:`
namespace. The portal names no app, so a new app's portal pages need no
change here."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import URLPattern, path
from django.views.generic import RedirectView

app_name = "portal"

urlpatterns: list[URLPattern] = [
    path("", RedirectView.as_view(pattern_name="home"), name="index"),
]

for app_config in apps.get_app_configs():
    if app_config.name.startswith("openprm.") and find_spec(f"{app_config.name}.urls"):
        urlpatterns += getattr(import_module(f"{app_config.name}.urls"), "portal_urlpatterns", [])
