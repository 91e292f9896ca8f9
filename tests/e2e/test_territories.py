"""A sales administrator in a real browser: creates a territory with a
country criterion (TER-1, TER-2), runs "Assign Territories" on an account and
sees it assigned (TER-3), then adds a team member with Edit (TEAM-1)."""

from typing import Any

import pytest
from playwright.sync_api import expect

from openprm.identity.catalog import SALES_ADMINISTRATOR
from openprm.identity.models import Resource
from openprm.teams.models import AccountTeamMember
from tests.factories import make_user
from tests.teams.helpers import account

pytestmark = pytest.mark.e2e

PASSWORD = "Correct-Horse-42"


def test_ter_sales_admin_assigns_a_territory_and_adds_a_team_member(signed_in_page: Any) -> None:
    admin = make_user(SALES_ADMINISTRATOR, username="sam", password=PASSWORD)
    acme = account("Acme Norge", owner=admin, country="NO")
    Resource.objects.create(name="Nora Rep")
    page = signed_in_page(admin, PASSWORD)

    page.get_by_role("link", name="Territories", exact=True).first.click()
    page.get_by_test_id("empty-list").get_by_role("link", name="New territory").click()
    page.get_by_label("Name").fill("Norway")
    page.get_by_label("Type").select_option("prime")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Norway")).to_be_visible()
    criteria = page.get_by_test_id("add-criterion")
    criteria.get_by_label("Dimension").select_option("country")
    criteria.get_by_label("Value").fill("no")
    criteria.get_by_role("button", name="Add criterion").click()
    expect(page.get_by_test_id("criteria")).to_contain_text("NO")

    page.goto(f"/customers/accounts/{acme.pk}/")
    page.get_by_role("tab", name="Territories").click()
    expect(page.get_by_test_id("account-territories")).to_contain_text("No territories assigned.")
    page.get_by_test_id("assign-territories").click()
    expect(page.get_by_text("Territories assigned.")).to_be_visible()
    expect(page.get_by_test_id("account-territories")).to_contain_text("Norway")

    page.get_by_role("tab", name="Team").click()
    form = page.get_by_test_id("add-member")
    form.get_by_label("Find a resource").fill("Nor")
    expect(page.locator("#id_resource_id option", has_text="Nora Rep")).to_have_count(1)
    page.locator("#id_resource_id").select_option(label="Nora Rep")
    page.locator("#id_access_level").select_option("edit")
    form.get_by_role("button", name="Add member").click()
    expect(page.get_by_test_id("team")).to_contain_text("Nora Rep")
    expect(page.get_by_text("Team member added.")).to_be_visible()
    assert AccountTeamMember.objects.get(account=acme, resource__name="Nora Rep").access_level == (
        "edit"
    )
