"""A salesperson's customer walk in a real browser (CUS-3, CUS-6, CON-2,
CON-3, CON-9, CON-10): create a prospect, see its conversion refused with
every failing qualification rule named, fix the address, convert it, add
two contacts (the second a duplicate candidate, created anyway), make the
first the customer's primary contact, and restrict its phone with a Do Not
Contact preference: the click-to-call link is disabled."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from openprm.identity.catalog import SALES_ADMINISTRATOR, SALESPERSON
from openprm.identity.models import User
from openprm.territories.services import criterion_add, territory_create
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.e2e

PASSWORD = "Correct-Horse-42"


def test_cus_3_con_2_con_3_con_9_prospect_to_restricted_contact(
    signed_in_page: Callable[[User, str], Page],
) -> None:
    """CUS-3, CON-2, CON-3, CON-9: prospect to restricted contact."""
    admin = make_user(SALES_ADMINISTRATOR, username="sam")
    germany = territory_create(actor=as_actor(admin), data={"name": "Germany"})
    criterion_add(actor=as_actor(admin), territory=germany, dimension="country", value="DE")
    seller = make_user(SALESPERSON, username="sally", password=PASSWORD)
    page = signed_in_page(seller, PASSWORD)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Accounts").click()
    page.get_by_test_id("empty-list").get_by_role("link", name="New account").click()
    page.locator("#id_name").fill("Globex Prospect")
    page.get_by_label("Type").select_option("prospect")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Account “Globex Prospect” created.")).to_be_visible()
    failures = page.get_by_test_id("qualification-failures")
    expect(failures).to_contain_text("Complete sell-to address")
    expect(failures).to_contain_text("Matches at least one territory")

    page.get_by_test_id("convert").click()
    refused = page.get_by_role("status").filter(has_text="cannot be converted")
    expect(refused).to_contain_text("Complete sell-to address")
    expect(refused).to_contain_text("Matches at least one territory")

    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Address line 1").fill("Unter den Linden 1")
    page.get_by_label("City").fill("Berlin")
    page.get_by_label("Postal code").fill("10117")
    page.get_by_label("Country").select_option("DE")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Account saved.")).to_be_visible()
    expect(page.get_by_test_id("qualification-failures")).to_have_count(0)
    page.get_by_test_id("convert").click()
    expect(page.get_by_text("The prospect is now a sales account.")).to_be_visible()
    expect(page.get_by_test_id("convert")).to_have_count(0)

    page.get_by_role("tab", name="Contacts").click()
    page.get_by_test_id("empty-list").get_by_role("link", name="New contact").click()
    expect(page.get_by_label("Customer")).to_have_value("Globex Prospect")
    page.get_by_label("First name").fill("Hans")
    page.get_by_label("Last name").fill("Müller")
    page.get_by_label("E-mail").fill("hans.mueller@globex.example")
    page.get_by_label("Phone").fill("030 1234567")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Contact “Hans Müller” created.")).to_be_visible()

    page.get_by_role("link", name="Globex Prospect").click()
    page.get_by_role("link", name="New contact").click()
    page.get_by_label("First name").fill("Hans-Peter")
    page.get_by_label("Last name").fill("Müller")
    page.get_by_label("E-mail").fill("Hans.Mueller@globex.example")
    page.get_by_role("button", name="Save").click()
    candidates = page.get_by_test_id("duplicate-candidates")
    expect(candidates).to_contain_text("Hans Müller")
    page.get_by_test_id("create-anyway").click()
    expect(page.get_by_text("Contact “Hans-Peter Müller” created.")).to_be_visible()

    page.get_by_text("Add a relationship").click()
    page.get_by_label("Related contact").press_sequentially("hans m")
    page.get_by_role("option", name="Hans Müller").click()
    expect(page.get_by_label("Related contact")).to_have_value("Hans Müller")
    page.locator("#id_relationship_type").select_option("colleague")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("Relationship added.")).to_be_visible()
    relationships = page.get_by_role("region", name="Relationships")
    expect(relationships.get_by_role("row", name="Colleague of Hans Müller")).to_be_visible()

    page.get_by_role("link", name="Globex Prospect").click()
    page.get_by_role("row", name="Hans Müller").get_by_role("button", name="Set primary").click()
    expect(page.get_by_text("Primary contact saved.")).to_be_visible()
    primary = page.get_by_role("row").filter(has=page.get_by_test_id("primary-contact"))
    expect(primary).to_have_count(1)
    expect(primary).to_contain_text("Hans Müller")

    primary.get_by_role("link", name="Hans Müller").click()
    phone = page.get_by_role("row").filter(has_text="+49 30 1234567")
    expect(phone.get_by_test_id("call-link")).to_be_visible()
    phone.get_by_text("Add preference").click()
    phone.get_by_label("Preference").select_option("do_not")
    phone.get_by_label("Reason").select_option(label="Do Not Call Registry opt-out")
    phone.get_by_role("button", name="Save preference").click()
    expect(page.get_by_role("status").filter(has_text="Legal Contact Preferences")).to_be_visible()

    phone = page.get_by_role("row").filter(has_text="+49 30 1234567")
    phone.get_by_text("Add preference").click()
    phone.get_by_label("Preference").select_option("do_not")
    phone.get_by_label("Reason").select_option(label="Customer Request")
    phone.get_by_role("button", name="Save preference").click()
    expect(page.get_by_text("Preference saved.")).to_be_visible()
    phone = page.get_by_role("row").filter(has_text="+49 30 1234567")
    expect(phone.get_by_test_id("do-not-contact")).to_be_visible()
    expect(phone.get_by_test_id("call-disabled")).to_have_attribute("aria-disabled", "true")
    expect(phone.get_by_test_id("call-link")).to_have_count(0)
