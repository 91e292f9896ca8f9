"""Issue 18 "The fields migrations carry", in a real browser: a seller
types an account's phone, web site and tax ID (a bad phone is named next
to its field), sees them on the account page, and gives a contact a
salutation."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from tests.e2e.conftest import shot
from tests.factories import make_user

pytestmark = pytest.mark.e2e

PASSWORD = "Correct-Horse-42"


def test_cus_2_con_1_phone_web_site_tax_id_and_salutation_on_the_pages(
    signed_in_page: Callable[[User, str], Page],
) -> None:
    """CUS-2, CON-1: the new fields on the forms and the detail pages."""
    seller = make_user(SALESPERSON, username="sally", password=PASSWORD)
    page = signed_in_page(seller, PASSWORD)

    page.goto("/customers/accounts/new/")
    page.locator("#id_name").fill("Globex GmbH")
    page.get_by_label("Country").select_option("DE")
    page.get_by_label("Phone").fill("call us")
    page.get_by_label("Web site").fill("www.globex.de")
    page.get_by_label("Tax ID").fill("DE123456789")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_phone_error")).to_have_text("Enter a valid phone number.")
    page.get_by_label("Phone").fill("089 3090 7700")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Account “Globex GmbH” created.")).to_be_visible()
    expect(page.get_by_test_id("account-phone")).to_have_text("+49 89 30907700")
    expect(page.get_by_test_id("account-website").get_by_role("link")).to_have_attribute(
        "href", "https://www.globex.de"
    )
    expect(page.get_by_test_id("account-tax-id")).to_have_text("DE123456789")
    shot(page, "account-phone-website-tax-id")

    page.goto("/contacts/new/")
    page.get_by_label("Salutation").select_option(label="Dr.")
    page.get_by_label("Last name").fill("Wesker")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("contact-salutation")).to_have_text("Dr.")
    shot(page, "contact-salutation")
