from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CartsConfig(AppConfig):
    name = "openprm.carts"
    label = "carts"
    verbose_name = _("Carts and quotes")
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Cart"),
            "url": "portal:cart",
            "area": "portal",
            "icon": "shopping-cart",
            "order": 36,
            "group": "ordering",
        },
        {
            "label": _("Quotes"),
            "url": "portal:quote_list",
            "area": "portal",
            "icon": "file-invoice",
            "order": 37,
            "group": "ordering",
        },
    )

    def ready(self) -> None:
        from openprm.carts import policies  # noqa: F401  registers the policies
