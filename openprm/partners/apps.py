from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "openprm.partners"
    label = "partners"
    verbose_name = _("Partners")
    url_prefix = "partners/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Partners"),
            "url": "partners:partner_list",
            "area": "internal",
            "privilege": "manage_partners",
        },
    )

    def ready(self) -> None:
        from openprm.partners import policies, receivers  # noqa: F401  registers policies, hooks
