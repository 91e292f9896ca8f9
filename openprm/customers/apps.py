from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.global_search import SearchSource
from openprm.core.home import HomeBlock


class CustomersConfig(AppConfig):
    name = "openprm.customers"
    label = "customers"
    verbose_name = _("Customers")
    url_prefix = "customers/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Accounts"),
            "url": "customers:account_list",
            "icon": "building",
            "area": "internal",
        },
        {
            "label": _("Customers"),
            "url": "customers:customer_overview",
            "icon": "building-store",
            "area": "internal",
        },
        {
            "label": _("Legal entities"),
            "url": "customers:legal_entity_list",
            "icon": "scale",
            "area": "internal",
        },
        {
            "label": _("Deleted accounts"),
            "url": "customers:deleted_account_list",
            "icon": "trash",
            "area": "internal",
            "privilege": "restore_sales_party",
            "admin": True,
        },
    )
    home_blocks = (
        HomeBlock(
            "my_accounts",
            _("Your accounts"),
            selector="openprm.customers.home.my_accounts",
            template="customers/home/my_accounts.html",
            order=30,
        ),
    )
    search_sources = (
        SearchSource(
            "accounts",
            _("Accounts"),
            selector="openprm.customers.search.account_search",
            list_url="customers:account_list",
            order=10,
        ),
    )

    def ready(self) -> None:
        from openprm.customers import policies, qualification  # noqa: F401  registers policies, rules
