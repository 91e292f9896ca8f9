from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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

    def ready(self) -> None:
        from openprm.imports import policies  # noqa: F401  registers policies
        from openprm.imports.kinds import accounts, contacts, partners  # noqa: F401  registers kinds
