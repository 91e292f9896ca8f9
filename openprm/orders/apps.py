from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "openprm.orders"
    label = "orders"
    verbose_name = _("Orders")

    def ready(self) -> None:
        from openprm.orders import policies  # noqa: F401  registers the policy
