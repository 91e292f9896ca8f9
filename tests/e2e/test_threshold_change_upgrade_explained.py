"""A threshold change, the evaluation and the explanation in real browsers,
one walk (PRG-4, PRG-5, PRG-11): the program manager lowers Silver's
revenue threshold on the program page and runs the program's evaluation
from it; Northwind, whose won business now reaches Silver, moves up, and
both its page for the channel team and its own portal program page say
which figures against which thresholds moved it."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from openprm.deals.models import Opportunity
from openprm.programs.models import Partnership, Program
from tests.e2e.conftest import SIGN_IN_TIMEOUT_MS, shot, signed_in_tab
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
WHY = "Reached with $90,000 closed-won revenue (Silver needs $80,000) and 2 won deals (needs 2)."
"""Where the pages are photographed when set (a look at them, no assertion)."""


def test_threshold_change_upgrade_explained(
    browser: Browser,
    live_server: Any,
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Opportunity],
    two_partners: dict[str, Any],
    channel_manager: Any,
) -> None:
    """PRG-4, PRG-5, PRG-11: lower a threshold, evaluate the program, see why
    the partner moved up."""
    win("nw", "60000")
    win("nw", "30000")
    for user in (channel_manager, two_partners["nw_admin"].user):
        user.set_password(PASSWORD)
        user.save()

    cam = signed_in_tab(browser, live_server, channel_manager.username, PASSWORD)
    cam.get_by_role("navigation", name="Main").get_by_role("link", name="Programs").click()
    cam.get_by_role("link", name="Reseller Program").click()
    expect(cam.get_by_test_id("tier-silver")).to_contain_text("100,000")
    silver = cam.get_by_test_id("requirement-form-silver")
    silver.get_by_label("Indicator").select_option(label="Closed-won revenue")
    silver.get_by_label("Threshold").fill("80000")
    silver.get_by_role("button", name="Set requirement").click()
    expect(cam.get_by_text("The requirements of Silver are saved.")).to_be_visible()
    expect(cam.get_by_test_id("tier-silver")).to_contain_text("80,000")
    shot(cam, "8-program-threshold")

    cam.get_by_role("button", name="Evaluate now").click()
    expect(cam.get_by_text("Evaluated 2 partner(s): 1 moved up, 0 moved down")).to_be_visible(
        timeout=SIGN_IN_TIMEOUT_MS
    )
    shot(cam, "9-program-evaluated")

    cam.goto(f"/programs/partners/{two_partners['nw'].pk}/")
    expect(cam.get_by_test_id("tier-badge")).to_have_text("Silver")
    history = cam.get_by_test_id("history")
    expect(history).to_contain_text("Registered → Silver")
    expect(history).to_contain_text("Moved up")
    expect(history.get_by_test_id("tier-change-cause")).to_have_text(WHY)
    expect(cam.get_by_test_id("summary")).to_have_text(
        "$160,000 more closed-won revenue and 2 more won deals to reach Gold"
    )
    expect(cam.get_by_test_id("fall-back")).to_contain_text(
        "Closed-won revenue below $80,000 (now $90,000)"
    )
    shot(cam, "10-partner-program")

    partner = signed_in_tab(browser, live_server, "nw-admin", PASSWORD)
    partner.get_by_role("navigation", name="Main").get_by_role("link", name="Program").click()
    expect(partner.get_by_test_id("current-tier")).to_contain_text("Your tier: Silver")
    cause = partner.get_by_test_id("tier-cause")
    expect(cause).to_contain_text("Moved up")
    expect(cause).to_contain_text("from Registered")
    expect(cause).to_contain_text(WHY)
    expect(partner.get_by_test_id("summary")).to_contain_text("to reach Gold")
    shot(partner, "11-portal-program-upgraded")
