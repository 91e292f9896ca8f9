"""An empty list says what it holds and what to do next."""

from typing import Any


def test_an_empty_list_offers_the_first_action_and_no_export(
    client_for: Any, sales_admin: Any
) -> None:
    page = client_for(sales_admin).get("/customers/accounts/").content.decode()
    assert "No accounts yet." in page
    assert 'href="/customers/accounts/new/"' in page
    assert "Export CSV" not in page
    assert "Export Excel" not in page


def test_an_empty_filtered_list_offers_to_clear_the_filters(
    client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    make_account("Acme")
    page = client_for(sales_admin).get("/customers/accounts/?q=Zz&sort=-name&page=2").text
    assert "No accounts match these filters." in page
    assert '<a class="btn" href="?sort=-name">' in page
    assert "Clear the filters" in page
    assert "Export CSV" not in page


def test_a_list_with_rows_offers_its_export(
    client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    make_account("Acme")
    page = client_for(sales_admin).get("/customers/accounts/").text
    assert "Export CSV" in page
    assert "Clear the filters" not in page
