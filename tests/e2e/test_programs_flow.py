"""Tiers that explain themselves, in real browsers (PRG-4, PRG-5, PRG-7,
PRG-11): the channel manager lowers Silver's revenue threshold, evaluates
Northwind, sees the upgrade and what is missing for Gold; Northwind's user
sees its program page with its new tier and the records behind its
revenue."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from openprm.deals.models import Opportunity
from openprm.programs.models import Partnership, Program
from tests.e2e.conftest import shot, signed_in_tab
from tests.programs.conftest import (
    customer,
    make_partner,
    make_portal_user,
    partnerships,
    products,
    program,
    register,
    two_partners,
    win,
)

__all__ = [
    "customer",
    "make_partner",
    "make_portal_user",
    "partnerships",
    "products",
    "program",
    "register",
    "two_partners",
    "win",
]
pytestmark = pytest.mark.e2e

PASSWORD = "Tier-Ladder-2026"


def test_prg_4_5_11_a_lower_threshold_moves_the_partner_up_and_says_why(
    browser: Browser,
    live_server: Any,
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Opportunity],
    two_partners: dict[str, Any],
    channel_manager: Any,
) -> None:
    win("nw", "60000")
    win("nw", "30000")
    for user in (channel_manager, two_partners["nw_admin"].user):
        user.set_password(PASSWORD)
        user.save()

    cam = signed_in_tab(browser, live_server, channel_manager.username, PASSWORD)
    cam.goto(f"/programs/{program.pk}/")
    silver = cam.get_by_test_id("requirement-form-silver")
    silver.get_by_label("Indicator").select_option(label="Closed-won revenue")
    silver.get_by_label("Threshold").fill("80000")
    silver.get_by_role("button", name="Set requirement").click()
    expect(cam.get_by_text("The requirements of Silver are saved.")).to_be_visible()
    expect(cam.get_by_test_id("tier-silver")).to_contain_text("80,000")
    shot(cam, "program")

    cam.goto(f"/programs/partners/{two_partners['nw'].pk}/")
    expect(cam.get_by_test_id("tier-badge")).to_have_text("Registered")
    cam.get_by_role("button", name="Evaluate now").click()
    expect(cam.get_by_text("1 moved up")).to_be_visible()
    expect(cam.get_by_test_id("tier-badge")).to_have_text("Silver")
    expect(cam.get_by_test_id("summary")).to_have_text(
        "$160,000 more closed-won revenue and 2 more won deals to reach Gold"
    )
    expect(cam.get_by_test_id("history")).to_contain_text("Moved up")
    expect(cam.get_by_test_id("fall-back")).to_contain_text("would fall back to Registered")
    shot(cam, "partner-program")

    partner = signed_in_tab(browser, live_server, "nw-admin", PASSWORD)
    partner.get_by_role("link", name="Program").first.click()
    expect(partner.get_by_test_id("current-tier")).to_contain_text("Your tier: Silver")
    expect(partner.get_by_test_id("summary")).to_contain_text("to reach Gold")
    expect(partner.get_by_test_id("deal-stats")).to_be_visible()
    shot(partner, "portal-program")
    # PRG-11: down to the records that made the revenue figure.
    partner.get_by_test_id("counted-link").click()
    expect(partner.get_by_test_id("counted")).to_contain_text("Closed-won revenue: $90,000")
    won = Opportunity.objects.filter(partner=two_partners["nw"], stage="won")
    for opportunity in won:
        expect(partner.get_by_test_id(f"counted-{opportunity.pk}")).to_contain_text(
            opportunity.name
        )
    shot(partner, "portal-evaluation")
    partner.goto("/")
    expect(partner.get_by_test_id("home-tier_progress")).to_contain_text("Progress to Gold")
    shot(partner, "portal-home")
