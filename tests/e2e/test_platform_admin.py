"""An administrator's walk through the platform pages in a real browser:
PLAT-1 sign-in, tokens and sign-out; PLAT-3 profile options; PLAT-4 lookup
values with tags; PLAT-7 custom fields; PLAT-2 users with roles; PLAT-5
history on the record."""

import re

import pytest
from playwright.sync_api import Page, expect

from openprm.core.options.selectors import profile_option_value
from openprm.customers.catalog import DEFAULT_TEAM_ACCESS_LEVEL
from openprm.identity.catalog import ADMINISTRATOR
from tests.factories import make_user

pytestmark = pytest.mark.e2e

PASSWORD = "Correct-Horse-42"


def _open_admin(page: Page, label: str) -> None:
    page.get_by_role("button", name="Administration").click()
    page.get_by_test_id("admin-menu").get_by_role("link", name=label).click()


def _open_user_menu(page: Page) -> None:
    page.get_by_test_id("user-menu").click()


def test_plat_administrator_walks_the_platform_pages(signed_in_page) -> None:
    admin = make_user(ADMINISTRATOR, username="ada", password=PASSWORD, first_name="Ada")
    page = signed_in_page(admin, PASSWORD)
    expect(page.get_by_role("heading", name="Welcome, Ada")).to_be_visible()

    _open_admin(page, "Profile options")
    page.get_by_test_id(f"option-{DEFAULT_TEAM_ACCESS_LEVEL}").get_by_role("link").click()
    page.get_by_label("Value").select_option("Full")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Profile option “{DEFAULT_TEAM_ACCESS_LEVEL}” saved.")).to_be_visible()
    expect(page.get_by_test_id(f"option-{DEFAULT_TEAM_ACCESS_LEVEL}")).to_contain_text("Full")
    assert profile_option_value(DEFAULT_TEAM_ACCESS_LEVEL) == "Full"

    _open_admin(page, "Lookups")
    page.get_by_role("link", name="REASON_CODE").click()
    page.get_by_label("Code").fill("COURT_ORDER")
    page.get_by_label("Meaning").fill("Court order")
    page.get_by_label("Tags").fill("legal")
    page.get_by_role("button", name="Add value").click()
    added = page.get_by_test_id("value-COURT_ORDER")
    expect(added).to_contain_text("Court order")
    expect(added.locator(".badge.tag")).to_have_text("LEGAL")

    _open_admin(page, "Custom fields")
    page.get_by_role("link", name="New custom field").click()
    page.get_by_label("Record type").select_option("test_widget")
    page.locator("#id_name").fill("tier_note")
    page.get_by_label("Label").fill("Tier note")
    page.locator("#id_field_type").select_option("text")
    page.get_by_role("button", name="Create field").click()
    expect(page.get_by_text("Custom field “Tier note” created.")).to_be_visible()
    expect(page.get_by_test_id("record-type-test_special_widget")).to_contain_text(
        "inherited from Widget"
    )

    _open_admin(page, "Users")
    page.get_by_role("link", name="New user").click()
    page.get_by_label("User name").fill("newbie")
    page.get_by_label("First name").fill("Nina")
    page.get_by_label("Last name").fill("Newbie")
    page.get_by_label("Salesperson").check()
    page.get_by_label("Initial password").fill("Sturdy-Passw0rd-17")
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_text("User “newbie” created.")).to_be_visible()
    expect(page.get_by_test_id("user-roles")).to_have_text(re.compile("Salesperson"))
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Last name").fill("Seller")
    page.get_by_role("button", name="Save").click()
    history = page.get_by_role("region", name="History")
    expect(history).to_contain_text("Updated")
    expect(history).to_contain_text("Newbie → Seller")
    expect(history).to_contain_text("Created")

    _open_user_menu(page)
    page.get_by_test_id("profile-link").click()
    page.get_by_label("Token name").fill("laptop")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_test_id("new-token")).to_contain_text("oprm_")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("Token “laptop” revoked.")).to_be_visible()
    expect(page.get_by_text("revoked or expired")).to_be_visible()

    _open_user_menu(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile("/account/sign-in/"))
