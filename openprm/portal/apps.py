from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The partner portal's frame: its index and the collection of the pages,
    API operations and menu entries each app declares for the portal. No
    models and no domain pages (DESIGN.md)."""

    name = "openprm.portal"
    label = "portal"
    verbose_name = _("Partner portal")
    url_prefix = "portal/"
