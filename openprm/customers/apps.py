from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "openprm.customers"
    label = "customers"
    verbose_name = _("Customers")
    url_prefix = "customers/"
    nav_items: tuple[dict[str, object], ...] = ()
