from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from openprm.core.home import HomeBlock
from openprm.identity.catalog import MANAGE_USERS


class IdentityConfig(AppConfig):
    name = "openprm.identity"
    label = "identity"
    verbose_name = "Identity"
    url_prefix = "account/"
    nav_items = (
        {
            "label": _("Users"),
            "url": "identity:user_list",
            "icon": "users",
            "privilege": MANAGE_USERS,
            "admin": True,
        },
        {
            "label": _("Roles"),
            "url": "identity:role_list",
            "icon": "shield-lock",
            "privilege": MANAGE_USERS,
            "admin": True,
        },
        {
            "label": _("Resources"),
            "url": "identity:resource_list",
            "icon": "hierarchy-2",
            "privilege": MANAGE_USERS,
            "admin": True,
        },
    )
    home_blocks = (
        HomeBlock(
            "users",
            _("Users"),
            selector="openprm.identity.home.users_health",
            template="identity/home/users.html",
            privilege=MANAGE_USERS,
            order=10,
        ),
    )

    def ready(self) -> None:
        from openprm.identity import actors, policies, sign_in  # noqa: F401  builder, policies, hook
        from openprm.identity.seeding import privileges_and_roles_seed

        post_migrate.connect(privileges_and_roles_seed, sender=self)
