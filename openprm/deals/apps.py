from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DealsConfig(AppConfig):
    name = "openprm.deals"
    label = "deals"
    verbose_name = _("Deals")
    url_prefix = "deals/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Registrations"),
            "url": "deals:registration_list",
            "area": "internal",
            "privilege": "approve_deal_registrations",
        },
        {"label": _("Opportunities"), "url": "deals:opportunity_list", "area": "internal"},
        {"label": _("Leads"), "url": "deals:lead_list", "area": "internal"},
        {
            "label": _("Deal registrations"),
            "url": "portal:registration_list",
            "area": "portal",
            "order": 40,
        },
        {"label": _("Leads"), "url": "portal:lead_list", "area": "portal", "order": 50},
        {
            "label": _("Opportunities"),
            "url": "portal:opportunity_list",
            "area": "portal",
            "order": 60,
        },
    )

    def ready(self) -> None:
        from openprm.deals import policies  # noqa: F401  registers the policies
