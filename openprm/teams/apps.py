from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "openprm.teams"
    label = "teams"
    verbose_name = _("Account teams")
    url_prefix = "teams/"
    nav_items: tuple[dict[str, object], ...] = ()

    def ready(self) -> None:
        from openprm.teams import policies  # noqa: F401  registers grants, levels and policies
