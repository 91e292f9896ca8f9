from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Partner-facing views and API only: no models (DESIGN.md)."""

    name = "openprm.portal"
    label = "portal"
    verbose_name = _("Partner portal")
    url_prefix = "portal/"
    nav_items: tuple[dict[str, object], ...] = (
        {"label": _("Organization"), "url": "portal:organization", "area": "portal"},
        {"label": _("Contacts"), "url": "portal:contact_list", "area": "portal"},
        {"label": _("Users"), "url": "portal:user_list", "area": "portal"},
    )
