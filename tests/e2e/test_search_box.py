"""The search box in a real browser: "/" focuses it, typing shows the
matches under it as you type (HTMX), only those the user may see (TEAM-5,
PRG-7); Enter opens the results page grouped by record type, and a result
opens the record."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from tests.contacts.helpers import make_account, make_contact
from tests.factories import make_user
from tests.partners.conftest import make_partner, make_portal_user, two_partners

__all__ = ["make_partner", "make_portal_user", "two_partners"]

pytestmark = pytest.mark.e2e

PASSWORD = "Correct-Horse-42"


def test_team_5_typing_in_the_search_box(signed_in_page: Callable[[User, str], Page]) -> None:
    """TEAM-5: a salesperson finds its account and contact as it types, not
    another seller's; Enter lists the groups with their counts."""
    seller = make_user(SALESPERSON, username="sally", password=PASSWORD)
    other = make_user(SALESPERSON, username="other")
    account = make_account(seller, "Northern Lights")
    make_contact(seller, "Northcott", account, first_name="Nina")
    make_account(other, "North Hidden")
    page = signed_in_page(seller, PASSWORD)
    page.goto("/search/")

    box = page.get_by_test_id("global-search")
    page.locator("h1").click()
    page.keyboard.press("/")
    expect(box).to_be_focused()
    page.keyboard.type("north")
    results = page.get_by_test_id("global-search-results")
    expect(results).to_be_visible()
    expect(results).to_contain_text("Northern Lights")
    expect(results).to_contain_text("Nina Northcott")
    expect(results).not_to_contain_text("North Hidden")

    page.keyboard.press("ArrowDown")
    expect(results.get_by_role("link").first).to_contain_text("Northern Lights")
    expect(results.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(results).to_be_hidden()
    expect(box).to_be_focused()

    page.keyboard.press("Enter")
    expect(page).to_have_url("/search/?q=north")
    expect(page.get_by_test_id("search-count-accounts")).to_have_text("1")
    expect(page.get_by_test_id("search-count-contacts")).to_have_text("1")
    expect(page.get_by_test_id("search-count-partners")).to_have_text("0")
    page.get_by_test_id("search-group-contacts").get_by_role("link", name="Nina Northcott").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nina Northcott")


def test_prg_7_a_partner_user_types_and_finds_only_its_own(
    signed_in_page: Callable[[User, str], Page],
    two_partners: dict[str, Any],
) -> None:
    """PRG-7: the box of a Northwind user finds Northwind's people, and
    nothing of Contoso however it is asked."""
    user = two_partners["nw_rep"].user
    user.set_password(PASSWORD)
    user.save()
    page = signed_in_page(user, PASSWORD)
    page.goto("/search/")

    box = page.get_by_test_id("global-search")
    box.fill("")
    box.press_sequentially("pat")
    results = page.get_by_test_id("global-search-results")
    expect(results).to_contain_text("Pat Northwind Admin")
    expect(results).not_to_contain_text("Contoso")
    box.fill("")
    box.press_sequentially("contoso")
    expect(results).to_contain_text("Nothing matches")
    expect(results).not_to_contain_text("Pat Contoso Admin")
