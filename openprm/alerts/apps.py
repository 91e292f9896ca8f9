from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.home import HomeBlock


class AlertsConfig(AppConfig):
    name = "openprm.alerts"
    label = "alerts"
    verbose_name = _("Portal alerts")
    url_prefix = "alerts/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Portal alerts"),
            "url": "alerts:alert_list",
            "icon": "speakerphone",
            "area": "internal",
            "privilege": "manage_partner_programs",
        },
        {
            "label": _("Alerts"),
            "url": "portal:alert_list",
            "icon": "speakerphone",
            "area": "portal",
            "order": 75,
        },
    )
    home_blocks = (
        HomeBlock(
            "portal_alerts",
            _("Alerts"),
            selector="openprm.alerts.home.portal_alerts",
            template="alerts/home/alerts.html",
            area="portal",
            order=1,
            width="col-12",
        ),
    )

    def ready(self) -> None:
        from openprm.alerts import policies  # noqa: F401  registers the policies
