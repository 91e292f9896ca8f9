from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    name = "openprm.territories"
    label = "territories"
    verbose_name = _("Territories")
    url_prefix = "territories/"
    nav_items: tuple[dict[str, object], ...] = ()

    def ready(self) -> None:
        from openprm.territories import access, qualification, receivers  # noqa: F401
