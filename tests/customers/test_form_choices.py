"""The account form's choices read as words: no dashes row, owners by name."""

from typing import Any

from tests.factories import make_user


def test_account_form_shows_owners_by_full_name_and_no_placeholder_dashes(
    client_for: Any, sales_admin: Any
) -> None:
    make_user(first_name="Dana", last_name="Reyes")
    page = client_for(sales_admin).get("/customers/accounts/new/").text
    assert "---------" not in page
    assert ">Dana Reyes</option>" in page
