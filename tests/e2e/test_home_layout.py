"""The portal home's layout in a real browser at a laptop's width (PRG-8):
the leads chart's legend is drawn whole, the expiring registration's line
is not cut by its days-left badge, and the blocks pack by their own
height, leaving no stretched card or hole under a short one."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from openprm.customers.models import Account
from openprm.deals.models import DealRegistration, Lead
from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER
from tests.e2e.conftest import sign_in
from tests.e2e.test_portal_alerts import PASSWORD, portal_admin
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.e2e

LEGEND_OVERFLOW = """(canvas) => {
  const chart = Chart.getChart(canvas);
  return chart.legend.legendHitBoxes
    .filter((box) => box.left < 0 || box.left + box.width > chart.width).length;
}"""
HOLES = """() => {
  // The widest gap between a block and the next one of its column (same place, same width).
  const blocks = [...document.querySelectorAll(".home-blocks > *")]
    .filter((b) => b.offsetParent !== null).map((b) => b.getBoundingClientRect());
  let widest = 0;
  for (const above of blocks) {
    const below = blocks.filter((b) => b.top >= above.bottom - 1
      && Math.abs(b.left - above.left) < 1 && Math.abs(b.width - above.width) < 1);
    if (below.length) {
      widest = Math.max(widest, Math.min(...below.map((b) => b.top)) - above.bottom);
    }
  }
  return widest;
}"""
STRETCHED = """() => [...document.querySelectorAll(".home-blocks > * > .card")]
  .filter((card) => {
    const drawn = [...card.children].filter((child) => child.tagName !== "SCRIPT");
    const last = drawn[drawn.length - 1].getBoundingClientRect();
    return card.getBoundingClientRect().bottom - last.bottom > 2;
  }).map((card) => card.dataset.testid)"""


def test_prg_8_the_portal_home_draws_legends_lines_and_blocks_whole(
    page: Page, live_server: Any
) -> None:
    cam_user = make_user(CHANNEL_ACCOUNT_MANAGER, username="chris")
    northwind, nora = portal_admin(as_actor(cam_user), "Northwind Resellers", "nora")
    customer = Account.objects.create(name="Alpen Bank", owner=cam_user, is_sales_account=True)
    Lead.objects.create(
        name="Wi-Fi upgrade",
        account=customer,
        owner=cam_user,
        partner=northwind,
        status=Lead.Status.OFFERED,
    )
    today = timezone.localdate()
    registration = DealRegistration.objects.create(
        partner=northwind,
        owner=nora,
        title="Alpen Bank network refresh",
        state=DealRegistration.State.APPROVED,
        close_date=today,
        protection_ends=today + dt.timedelta(days=6),
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "nora", PASSWORD)

    leads = page.locator('[data-testid="home-leads_by_status"] canvas')
    expect(leads).to_be_visible()
    page.wait_for_function("(c) => Chart.getChart(c) !== undefined", arg=leads.element_handle())
    assert leads.evaluate(LEGEND_OVERFLOW) == 0

    line = page.get_by_test_id(f"expiring-{registration.pk}")
    badge = page.get_by_test_id(f"days-left-{registration.pk}")
    expect(badge).to_have_text("6 days left")
    text = line.locator(".small")
    assert text.evaluate("(e) => e.scrollWidth <= e.clientWidth")
    assert text.bounding_box()["x"] + text.bounding_box()["width"] <= badge.bounding_box()["x"]

    assert page.evaluate(HOLES) <= 24
    assert page.evaluate(STRETCHED) == []
