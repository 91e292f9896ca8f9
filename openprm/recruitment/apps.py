from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.home import HomeBlock
from openprm.recruitment.catalog import APPROVE_PARTNER_APPLICATIONS


class RecruitmentConfig(AppConfig):
    name = "openprm.recruitment"
    label = "recruitment"
    verbose_name = _("Partner recruitment")
    url_prefix = "recruitment/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Applications"),
            "url": "recruitment:application_list",
            "icon": "user-plus",
            "area": "internal",
            "privilege": APPROVE_PARTNER_APPLICATIONS,
        },
    )
    home_blocks = (
        HomeBlock(
            "applications_waiting",
            _("Applications waiting"),
            selector="openprm.recruitment.home.applications_waiting",
            template="recruitment/home/waiting.html",
            privilege=APPROVE_PARTNER_APPLICATIONS,
            order=16,
        ),
    )

    def ready(self) -> None:
        from openprm.recruitment import policies  # noqa: F401  registers the policies
