from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.tabs import RecordTab


class TerritoriesConfig(AppConfig):
    name = "openprm.territories"
    label = "territories"
    verbose_name = _("Territories")
    url_prefix = "territories/"
    nav_items: tuple[dict[str, object], ...] = (
        # Every internal user reads territories (TER-4 pickers, why an account
        # is theirs); changes need Manage Territories, checked by the services.
        {
            "label": _("Territories"),
            "url": "territories:territory_list",
            "icon": "map-2",
            "area": "internal",
        },
        {
            "label": _("Territory realignment"),
            "url": "territories:realignment",
            "icon": "route",
            "area": "internal",
            "privilege": "manage_territories",
            "admin": True,
        },
    )
    record_tabs = (
        RecordTab(
            "customers.Account",
            "territories",
            _("Territories"),
            "territories:account_territories",
            order=30,
        ),
    )

    def ready(self) -> None:
        from openprm.territories import policies, qualification, receivers  # noqa: F401
