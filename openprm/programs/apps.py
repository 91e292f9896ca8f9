from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.home import HomeBlock
from openprm.core.indicators import TierIndicator
from openprm.core.tabs import RecordTab


class ProgramsConfig(AppConfig):
    name = "openprm.programs"
    label = "programs"
    verbose_name = _("Partner programs")
    url_prefix = "programs/"
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Programs"),
            "url": "programs:program_list",
            "icon": "award",
            "area": "internal",
        },
        {
            "label": _("Partnerships"),
            "url": "programs:partnership_list",
            "icon": "affiliate",
            "area": "internal",
        },
        {
            "label": _("Tier evaluations"),
            "url": "programs:snapshot_list",
            "icon": "chart-bar",
            "area": "internal",
        },
        {
            "label": _("Downgrade reviews"),
            "url": "programs:review_list",
            "icon": "trending-down",
            "area": "internal",
        },
        {
            "label": _("Deal analytics"),
            "url": "programs:deal_analytics",
            "icon": "chart-bar",
            "area": "internal",
            "privilege": "manage_partner_programs",
        },
        {
            "label": _("Program"),
            "url": "portal:program",
            "icon": "award",
            "area": "portal",
            "order": 20,
        },
    )
    record_tabs = (
        RecordTab(
            "partners.PartnerProfile", "program", _("Program"), "programs:partner_program", order=20
        ),
    )
    home_blocks = (
        HomeBlock(
            "tier_progress",
            _("Progress to your next tier"),
            selector="openprm.programs.home.tier_progress",
            template="programs/home/tier_progress.html",
            area="portal",
            order=12,
        ),
        HomeBlock(
            "program_watch",
            _("Partner tiers"),
            selector="openprm.programs.home.program_watch",
            template="programs/home/program_watch.html",
            privilege="manage_partner_programs",
            order=18,
        ),
    )
    tier_indicators = (
        TierIndicator(
            "manual_score",
            _("Manual score"),
            "score",
            measure="openprm.programs.indicators.manual_score",
            records="openprm.programs.indicators.scored_partnership",
            row="openprm.programs.indicators.score_row",
            noun=_("manual score points"),
            order=90,
        ),
    )

    def ready(self) -> None:
        from openprm.programs import policies  # noqa: F401  registers the policies
        from openprm.programs.providers import install

        install()
