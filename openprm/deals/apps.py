from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DealsConfig(AppConfig):
    name = "openprm.deals"
    label = "deals"
    verbose_name = _("Deals")
    url_prefix = "deals/"

    def ready(self) -> None:
        from openprm.deals import policies  # noqa: F401  registers the policies
