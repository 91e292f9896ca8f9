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
            "icon": "heart-handshake",
            "area": "internal",
            "privilege": "manage_partners",
        },
        {
            "label": _("Organization"),
            "url": "portal:organization",
            "icon": "building",
            "area": "portal",
            "order": 10,
        },
        {
            "label": _("Contacts"),
            "url": "portal:contact_list",
            "icon": "address-book",
            "area": "portal",
            "order": 20,
        },
        {
            "label": _("Users"),
            "url": "portal:user_list",
            "icon": "users",
            "area": "portal",
            "order": 30,
        },
    )

    def ready(self) -> None:
        from openprm.partners import policies, receivers  # noqa: F401  registers policies, hooks
