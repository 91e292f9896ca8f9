"""Root URLs: the API, then each OpenPRM app's pages under its `url_prefix`."""

from importlib.util import find_spec

from django.apps import apps
from django.urls import include, path

from openprm.config.api import api
from openprm.core.notifications.views import notification_open
from openprm.core.savedviews.views import saved_view_remove, saved_view_save
from openprm.core.views import home
from openprm.core.views.search import search

urlpatterns = [
    path("", home, name="home"),
    path("search/", search, name="search"),
    path("notifications/<int:pk>/", notification_open, name="notification_open"),
    path("views/", saved_view_save, name="saved_view_save"),
    path("views/<int:pk>/delete/", saved_view_remove, name="saved_view_remove"),
    path("api/v1/", api.urls),
    path("exports/", include("openprm.core.exporters.urls")),
]

for app_config in apps.get_app_configs():
    prefix = getattr(app_config, "url_prefix", None)
    if prefix is not None and find_spec(f"{app_config.name}.urls"):
        urlpatterns.append(path(prefix, include(f"{app_config.name}.urls")))
