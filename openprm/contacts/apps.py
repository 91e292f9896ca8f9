from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "openprm.contacts"
    label = "contacts"
    verbose_name = _("Contacts")
    url_prefix = "contacts/"
    nav_items: tuple[dict[str, object], ...] = (
        {"label": _("Contacts"), "url": "contacts:contact_list", "area": "internal"},
        {"label": _("Households"), "url": "contacts:household_list", "area": "internal"},
    )

    def ready(self) -> None:
        from openprm.contacts import policies, receivers  # noqa: F401  registers policies, signals
