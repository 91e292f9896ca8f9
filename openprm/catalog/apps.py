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
    )

    def ready(self) -> None:
        from openprm.catalog import policies  # noqa: F401  registers the policy
