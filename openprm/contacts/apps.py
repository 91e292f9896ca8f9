from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.global_search import SearchSource
from openprm.core.home import HomeBlock
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
    home_blocks = (
        HomeBlock(
            "my_contacts",
            _("Your contacts"),
            selector="openprm.contacts.home.my_contacts",
            template="contacts/home/my_contacts.html",
            order=40,
        ),
        HomeBlock(
            "recent_changes",
            _("Recent changes"),
            selector="openprm.contacts.home.recent_changes",
            template="contacts/home/recent_changes.html",
            order=50,
        ),
    )
    search_sources = (
        SearchSource(
            "contacts",
            _("Contacts"),
            selector="openprm.contacts.search.contact_search",
            list_url="contacts:contact_list",
            order=20,
        ),
    )

    def ready(self) -> None:
        from openprm.contacts import receivers  # noqa: F401  registers signals
        from openprm.contacts.policies import (  # noqa: F401  registers the policies
            contact_points,
            households,
            persons,
            relationships,
            saved_searches,
        )
