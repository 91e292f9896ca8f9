from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "openprm.catalog"
    label = "catalog"
    verbose_name = _("Product catalog")
    url_prefix = "products/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Products"),
            "url": "catalog:product_list",
            "area": "internal",
            "privilege": "manage_products",
            "admin": True,
            "icon": "package",
        },
        {
            "label": _("Price lists"),
            "url": "catalog:price_list_list",
            "area": "internal",
            "privilege": "manage_price_lists",
            "admin": True,
            "icon": "currency-euro",
        },
        {
            "label": _("Catalog"),
            "url": "portal:catalog",
            "area": "portal",
            "icon": "shopping-bag",
            "order": 35,
        },
    )

    def ready(self) -> None:
        from openprm.catalog import policies  # noqa: F401  registers the policy
