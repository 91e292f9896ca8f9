from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "openprm.programs"
    label = "programs"
    verbose_name = _("Partner programs")

    def ready(self) -> None:
        from openprm.programs import policies  # noqa: F401  registers the policies
