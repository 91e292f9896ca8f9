from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.tabs import RecordTab


class OrdersConfig(AppConfig):
    name = "openprm.orders"
    label = "orders"
    verbose_name = _("Orders")
    url_prefix = "orders/"
    # The portal's ordering pages (the cart's and quotes' too) under one
    # menu entry: the portal menu stays one row.
    nav_groups: tuple[dict[str, object], ...] = (
        {
            "key": "ordering",
            "label": _("Ordering"),
            "area": "portal",
            "icon": "shopping-cart",
            "order": 36,
        },
    )
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Orders"),
            "url": "orders:order_list",
            "area": "internal",
            "privilege": "manage_orders",
            "icon": "truck-delivery",
        },
        {
            "label": _("Orders"),
            "url": "portal:order_list",
            "area": "portal",
            "icon": "truck-delivery",
            "order": 38,
            "group": "ordering",
        },
        {
            "label": _("Service profile"),
            "url": "portal:own_service_profile",
            "area": "portal",
            "icon": "stack-2",
            "order": 39,
            "group": "ordering",
        },
    )

    record_tabs = (
        RecordTab("customers.Account", "assets", _("Assets"), "orders:account_assets", order=60),
    )

    def ready(self) -> None:
        from openprm.orders import policies  # noqa: F401  registers the policy
