from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.tabs import RecordTab


class TeamsConfig(AppConfig):
    name = "openprm.teams"
    label = "teams"
    verbose_name = _("Account teams")
    url_prefix = "teams/"
    nav_items: tuple[dict[str, object], ...] = ()
    record_tabs = (
        RecordTab("customers.Account", "team", _("Team"), "teams:account_team", order=20),
    )

    def ready(self) -> None:
        from openprm.teams import policies  # noqa: F401  registers grants, levels and policies
