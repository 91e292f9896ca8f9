"""The account pages call the same rules as the API (CUS-2..CUS-11)."""

from typing import Any

import pytest

from openprm.customers.models import Account
from tests.customers.conftest import COMPLETE_ADDRESS

pytestmark = pytest.mark.django_db


def test_cus_11_list_pages_and_export_show_visible_rows(
    client_for: Any, sales_admin: Any, make_account: Any, django_assert_max_num_queries: Any
) -> None:
    """CUS-11: list pages and export show visible rows."""
    for i in range(12):
        make_account(f"Cust {i:02}", account_type="customer")
    make_account("Prospect One", account_type="prospect")
    client = client_for(sales_admin)
    with django_assert_max_num_queries(20):
        page = client.get("/customers/accounts/?sort=-name")
    assert page.status_code == 200
    assert "Prospect One" in page.text
    overview = client.get("/customers/overview/")
    assert "Cust 00" in overview.text
    assert "Prospect One" not in overview.text
    export = client.get("/customers/accounts/?export=csv&q=prosp")
    body = b"".join(export.streaming_content).decode()
    assert "Prospect One" in body
    assert "Cust 00" not in body
    xlsx = client.get("/customers/accounts/?export=xlsx")
    assert xlsx.status_code == 200


def test_cus_11_create_page_shows_duplicates_then_creates_anyway(
    client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    """CUS-11: create page shows duplicates then creates anyway."""
    make_account("Initech", **COMPLETE_ADDRESS)
    client = client_for(sales_admin)
    form = {"name": "Initech", "currency": "USD", **COMPLETE_ADDRESS}
    first = client.post("/customers/accounts/new/", form)
    assert first.status_code == 200
    assert 'data-testid="duplicate-candidates"' in first.text
    second = client.post("/customers/accounts/new/", {**form, "confirm_duplicates": "on"})
    assert second.status_code == 302
    assert Account.objects.filter(name="Initech").count() == 2


def test_cus_4_create_page_puts_address_errors_next_to_fields(
    client_for: Any, salesperson: Any
) -> None:
    """CUS-4: create page puts address errors next to fields."""
    response = client_for(salesperson).post(
        "/customers/accounts/new/", {"name": "Half", "currency": "USD", "address_line1": "1 Rd"}
    )
    assert response.status_code == 200
    assert 'id="id_postal_code_error"' in response.text


def test_plat_6_edit_page_shows_stale_values(
    client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    """PLAT-6: edit page shows stale values."""
    account = make_account("Edit Me")
    client = client_for(sales_admin)
    form = {"name": "Edited", "account_type": "customer", "currency": "USD", "version": 1}
    assert client.post(f"/customers/accounts/{account.pk}/edit/", form).status_code == 302
    stale = client.post(f"/customers/accounts/{account.pk}/edit/", {**form, "name": "Again"})
    assert 'data-testid="stale-warning"' in stale.text


def test_cus_9_delete_page_needs_privilege_and_hides_account(
    client_for: Any, salesperson: Any, sales_admin: Any, make_account: Any
) -> None:
    """CUS-9: delete page needs privilege and hides account."""
    account = make_account("Doomed", owner_id=salesperson.pk)
    refused = client_for(salesperson).post(f"/customers/accounts/{account.pk}/delete/", {})
    assert refused.status_code == 403
    admin = client_for(sales_admin)
    assert (
        admin.post(f"/customers/accounts/{account.pk}/delete/", {"version": 1}).status_code == 302
    )
    assert admin.get(f"/customers/accounts/{account.pk}/").status_code == 404
    assert "Doomed" in admin.get("/customers/accounts/deleted/").text
    assert admin.post(f"/customers/accounts/{account.pk}/restore/").status_code == 302
    assert admin.get(f"/customers/accounts/{account.pk}/").status_code == 200


def test_cus_3_detail_page_names_failing_rules_and_tabs_render(
    client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    """CUS-3: detail page names failing rules and tabs render."""
    top = make_account("Parent Co", account_type="prospect", annual_revenue="10")
    make_account("Child Co", parent_id=top.pk, annual_revenue="5")
    client = client_for(sales_admin)
    page = client.get(f"/customers/accounts/{top.pk}/")
    assert "Complete sell-to address" in page.text
    converted = client.post(f"/customers/accounts/{top.pk}/convert/", {"version": 1}, follow=True)
    assert "Complete sell-to address" in converted.text
    hierarchy = client.get(f"/customers/accounts/{top.pk}/?tab=hierarchy")
    assert "Child Co" in hierarchy.text
    assert "15.00" in hierarchy.text
    client.post(f"/customers/accounts/{top.pk}/notes/", {"text": "First call"})
    assert "First call" in client.get(f"/customers/accounts/{top.pk}/?tab=notes").text
    client.post(
        f"/customers/accounts/{top.pk}/billing/",
        {"number": "B-9", "name": "Main", "currency": "USD", "status": "active"},
    )
    assert "B-9" in client.get(f"/customers/accounts/{top.pk}/?tab=billing").text
    history = client.get(f"/customers/accounts/{top.pk}/?tab=history")
    assert "sales admin" in history.text.lower() or "salesadmin" in history.text


def test_cus_7_legal_entity_page(client_for: Any, sales_admin: Any) -> None:
    """CUS-7: legal entity page."""
    client = client_for(sales_admin)
    created = client.post("/customers/legal-entities/", {"name": "Group SA", "kind": "internal"})
    assert created.status_code == 302
    assert "Group SA" in client.get("/customers/legal-entities/").text


def test_plat_4_account_page_shows_lookup_meanings_not_codes(
    client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    """PLAT-4: industry and size are stored as lookup codes and shown by meaning."""
    account = make_account("Shop Co", industry="RETAIL", size="MEDIUM")
    page = client_for(sales_admin).get(f"/customers/accounts/{account.pk}/").content.decode()
    assert "<dd>Retail</dd>" in page
    assert "<dd>Medium (100-999)</dd>" in page


def test_section_roots_lead_somewhere(client_for: Any, sales_admin: Any) -> None:
    """Typing /customers/ opens the account list instead of a 404."""
    response = client_for(sales_admin).get("/customers/")
    assert response.status_code == 302
    assert response["Location"] == "/customers/accounts/"
