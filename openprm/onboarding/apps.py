from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.home import HomeBlock
from openprm.core.tabs import RecordTab
from openprm.partners.catalog import MANAGE_PARTNERS


class OnboardingConfig(AppConfig):
    name = "openprm.onboarding"
    label = "onboarding"
    verbose_name = _("Partner setup")
    url_prefix = "setup/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Partner setup"),
            "url": "onboarding:setup",
            "icon": "checklist",
            "area": "internal",
            "privilege": MANAGE_PARTNERS,
        },
    )
    record_tabs = (
        RecordTab(
            "partners.PartnerProfile", "setup", _("Setup"), "onboarding:partner_setup", order=20
        ),
    )
    home_blocks = (
        HomeBlock(
            "partners_not_set_up",
            _("Partners not set up"),
            selector="openprm.onboarding.home.partners_not_set_up",
            template="onboarding/home/not_set_up.html",
            privilege=MANAGE_PARTNERS,
            order=22,
        ),
    )
