from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from openprm.core import catalog
from openprm.core.catalog import (
    MANAGE_CUSTOM_FIELDS,
    MANAGE_LOOKUPS,
    MANAGE_PROFILE_OPTIONS,
    VIEW_SYSTEM_HEALTH,
)
from openprm.core.home import HomeBlock


class CoreConfig(AppConfig):
    name = "openprm.core"
    label = "core"
    verbose_name = "Core"
    url_prefix = "settings/"
    nav_items = (
        {
            "label": _("Profile options"),
            "url": "core:option_list",
            "icon": "adjustments",
            "privilege": MANAGE_PROFILE_OPTIONS,
            "admin": True,
        },
        {
            "label": _("Lookups"),
            "url": "core:lookup_list",
            "icon": "list-details",
            "privilege": MANAGE_LOOKUPS,
            "admin": True,
        },
        {
            "label": _("Custom fields"),
            "url": "core:custom_field_list",
            "icon": "forms",
            "privilege": MANAGE_CUSTOM_FIELDS,
            "admin": True,
        },
    )
    home_blocks = (
        *(
            HomeBlock(
                f"notifications_{area}",
                _("Notifications"),
                selector="openprm.core.notifications.home.unread",
                template="core/home/notifications.html",
                area=area,
                order=5,
            )
            for area in ("internal", "portal")
        ),
        HomeBlock(
            "background_jobs",
            _("Background jobs"),
            selector="openprm.core.health.background_jobs_health",
            template="core/home/background_jobs.html",
            privilege=VIEW_SYSTEM_HEALTH,
            order=12,
        ),
    )

    def ready(self) -> None:
        """Register the platform's access scopes at start-up, so no query can
        run before its scope exists (fail closed); collect every app's catalog,
        business events and list specs — the platform's own and every app's
        `tables` and `portal_tables` — so a conflict between two apps stops
        start-up and a background export finds its list by name in any
        process (a task worker loads no URLs); resolve the home blocks and
        search sources and tier indicators the apps declare, so a misspelt
        one stops start-up too; seed what the catalogs declare after each `migrate`."""
        from openprm.core import (
            global_search,
            home,
            indicators,
            schedule,  # noqa: F401
        )
        from openprm.core.audit import selectors as audit_selectors  # noqa: F401
        from openprm.core.customfields import selectors as customfield_selectors  # noqa: F401
        from openprm.core.customfields import tables as customfield_tables  # noqa: F401
        from openprm.core.exporters import selectors as export_selectors  # noqa: F401
        from openprm.core.exporters import tables as export_tables  # noqa: F401
        from openprm.core.lookups import selectors as lookup_selectors  # noqa: F401
        from openprm.core.lookups import tables as lookup_tables  # noqa: F401
        from openprm.core.notifications import selectors as notification_selectors  # noqa: F401
        from openprm.core.options import selectors as option_selectors  # noqa: F401
        from openprm.core.options import tables as option_tables  # noqa: F401
        from openprm.core.savedviews import selectors as saved_view_selectors  # noqa: F401
        from openprm.core.seeding import options_and_lookups_seed

        catalog.install()
        autodiscover_modules("events")
        post_migrate.connect(options_and_lookups_seed, sender=self)
        autodiscover_modules("tables", "portal_tables")
        home.collect()
        global_search.collect()
        indicators.collect()
