from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "openprm.contacts"
    label = "contacts"
    verbose_name = _("Contacts")
    url_prefix = "contacts/"
    nav_items: tuple[dict[str, object], ...] = ()
