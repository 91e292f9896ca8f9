from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openprm.core.home import HomeBlock
from openprm.core.indicators import TierIndicator
from openprm.core.tabs import RecordTab

CHART_WIDTH = "col-md-6 col-xl-4"
"""The portal dashboard's row of three (PRG-8)."""


class DealsConfig(AppConfig):
    name = "openprm.deals"
    label = "deals"
    verbose_name = _("Deals")
    url_prefix = "deals/"
    # A partner's deal pages under one portal menu entry, as Ordering is:
    # the portal menu stays one row on a laptop screen.
    nav_groups: tuple[dict[str, object], ...] = (
        {"key": "deals", "label": _("Deals"), "area": "portal", "icon": "briefcase", "order": 40},
    )
    nav_items: tuple[dict[str, object], ...] = (
        {
            "label": _("Registrations"),
            "url": "deals:registration_list",
            "icon": "shield-check",
            "area": "internal",
            "privilege": "approve_deal_registrations",
        },
        {
            "label": _("Opportunities"),
            "url": "deals:opportunity_list",
            "area": "internal",
            "icon": "briefcase",
        },
        {"label": _("Leads"), "url": "deals:lead_list", "area": "internal", "icon": "target-arrow"},
        {
            "label": _("Deal registrations"),
            "url": "portal:registration_list",
            "area": "portal",
            "order": 40,
            "icon": "shield-check",
            "group": "deals",
        },
        {
            "label": _("Leads"),
            "url": "portal:lead_list",
            "area": "portal",
            "order": 50,
            "icon": "target-arrow",
            "group": "deals",
        },
        {
            "label": _("Opportunities"),
            "url": "portal:opportunity_list",
            "area": "portal",
            "order": 60,
            "icon": "briefcase",
            "group": "deals",
        },
        {
            "label": _("Performance"),
            "url": "portal:performance",
            "area": "portal",
            "order": 70,
            "icon": "chart-bar",
            "group": "deals",
        },
    )

    record_tabs = (
        RecordTab("partners.PartnerProfile", "deals", _("Deals"), "deals:partner_deals", order=30),
    )

    home_blocks = (
        HomeBlock(
            "registrations_to_decide",
            _("Deal registrations to decide"),
            selector="openprm.deals.home.registrations_to_decide",
            template="deals/home/to_decide.html",
            privilege="approve_deal_registrations",
            order=15,
        ),
        HomeBlock(
            "pipeline",
            _("Your open opportunities"),
            selector="openprm.deals.home.pipeline",
            template="deals/home/pipeline.html",
            order=30,
        ),
        HomeBlock(
            "leads_by_status",
            _("Leads by status"),
            selector="openprm.deals.home.partner_leads_by_status",
            template="deals/home/leads_by_status.html",
            area="portal",
            order=2,
            width=CHART_WIDTH,
        ),
        HomeBlock(
            "opportunities_by_stage",
            _("Opportunities by stage"),
            selector="openprm.deals.home.partner_opportunities_by_stage",
            template="deals/home/opportunities_by_stage.html",
            area="portal",
            order=3,
            width=CHART_WIDTH,
        ),
        HomeBlock(
            "registrations_expiring",
            _("Protection ending soon"),
            selector="openprm.deals.home.partner_registrations_expiring",
            template="deals/home/registrations_expiring.html",
            area="portal",
            order=4,
            width=CHART_WIDTH,
        ),
        HomeBlock(
            "partner_deals",
            _("Your deals"),
            selector="openprm.deals.home.partner_deals",
            template="deals/home/partner_deals.html",
            area="portal",
            order=15,
        ),
    )

    tier_indicators = (
        TierIndicator(
            "closed_won_revenue",
            _("Closed-won revenue"),
            "money",
            measure="openprm.deals.indicators.closed_won_revenue",
            records="openprm.deals.indicators.revenue_opportunities",
            row="openprm.deals.indicators.revenue_row",
            noun=_("closed-won revenue"),
            order=10,
        ),
        TierIndicator(
            "won_deals",
            _("Won deals"),
            "count",
            measure="openprm.deals.indicators.won_deals",
            records="openprm.deals.indicators.won_opportunities",
            row="openprm.deals.indicators.won_row",
            noun=_("won deals"),
            order=20,
        ),
        TierIndicator(
            "approved_registrations",
            _("Approved deal registrations"),
            "count",
            measure="openprm.deals.indicators.approved_registrations",
            records="openprm.deals.indicators.approved_registration_records",
            row="openprm.deals.indicators.registration_row",
            noun=_("approved deal registrations"),
            order=30,
        ),
    )

    def ready(self) -> None:
        from openprm.deals import policies  # noqa: F401  registers the policies
