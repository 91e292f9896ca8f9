from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.tabs import RecordTab


class ContactsConfig(AppConfig):
    name = "openprm.contacts"
    label = "contacts"
    verbose_name = _("Contacts")
    url_prefix = "contacts/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Contacts"),
            "url": "contacts:contact_list",
            "icon": "address-book",
            "area": "internal",
        },
        {
            "label": _("Households"),
            "url": "contacts:household_list",
            "icon": "home-heart",
            "area": "internal",
        },
    )
    record_tabs = (
        RecordTab(
            "customers.Account", "contacts", _("Contacts"), "contacts:account_contacts", order=10
        ),
    )

    def ready(self) -> None:
        from openprm.contacts import policies, receivers  # noqa: F401  registers policies, signals
