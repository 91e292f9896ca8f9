from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import VIEW_SYSTEM_HEALTH
from openprm.core.home import HomeBlock


class ImportsConfig(AppConfig):
    name = "openprm.imports"
    label = "imports"
    verbose_name = _("Imports")
    url_prefix = "imports/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Imports"),
            "url": "imports:job_list",
            "icon": "file-import",
            "area": "internal",
        },
    )
    home_blocks = (
        HomeBlock(
            "import_health",
            _("Imports of the last 30 days"),
            selector="openprm.imports.home.import_health",
            template="imports/home/import_health.html",
            privilege=VIEW_SYSTEM_HEALTH,
            order=11,
        ),
        HomeBlock(
            "my_jobs",
            _("Your imports and exports"),
            selector="openprm.imports.home.my_jobs",
            template="imports/home/my_jobs.html",
            order=60,
        ),
    )

    def ready(self) -> None:
        from openprm.imports import (  # noqa: F401  registers policies and updaters
            account_updates,
            contact_updates,
            policies,
        )
        from openprm.imports.kinds import accounts, contacts, partners  # noqa: F401  registers kinds
