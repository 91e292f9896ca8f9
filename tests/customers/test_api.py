"""Account rules through the JSON API (CUS-2..CUS-11, PLAT-6, PLAT-7)."""

from typing import Any

import pytest

from openprm.core.customfields.models import CustomField
from openprm.customers.models import Account
from tests.customers.conftest import COMPLETE_ADDRESS

pytestmark = pytest.mark.django_db


def test_cus_2_create_get_and_patch_with_version(api_client_for: Any, salesperson: Any) -> None:
    """CUS-2: create get and patch with version."""
    client = api_client_for(salesperson)
    created = client.post(
        "/api/v1/accounts",
        {"name": "Api Corp", "account_type": "competitor", "competitor_info": "Cheap"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["version"] == 1
    assert body["owner_id"] == salesperson.pk
    assert body["custom"] == {}
    patched = client.patch(
        f"/api/v1/accounts/{body['id']}",
        {"version": 1, "named": True},
        content_type="application/json",
    )
    assert patched.json()["version"] == 2
    stale = client.patch(
        f"/api/v1/accounts/{body['id']}",
        {"version": 1, "named": False},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_version"


def test_plat_2_inputs_refuse_unknown_fields(api_client_for: Any, salesperson: Any) -> None:
    """PLAT-2: inputs refuse unknown fields."""
    response = api_client_for(salesperson).post(
        "/api/v1/accounts",
        {"name": "Sneaky", "is_active": False},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_cus_4_address_errors_are_per_field(api_client_for: Any, salesperson: Any) -> None:
    """CUS-4: address errors are per field."""
    response = api_client_for(salesperson).post(
        "/api/v1/accounts",
        {"name": "No Zip", "address_line1": "1 Road", "city": "X", "country": "FR"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["postal_code"]


def test_cus_11_duplicates_answer_409_unless_confirmed(
    api_client_for: Any, salesperson: Any, make_account: Any
) -> None:
    """CUS-11: duplicates answer 409 unless confirmed."""
    existing = make_account("Globex", owner_id=salesperson.pk, **COMPLETE_ADDRESS)
    client = api_client_for(salesperson)
    payload = {"name": "GLOBEX", **COMPLETE_ADDRESS}
    refused = client.post("/api/v1/accounts", payload, content_type="application/json")
    assert refused.status_code == 409
    assert [c["id"] for c in refused.json()["candidates"]] == [existing.pk]
    confirmed = client.post(
        "/api/v1/accounts", {**payload, "confirm_duplicates": True}, content_type="application/json"
    )
    assert confirmed.status_code == 201


@pytest.mark.usefixtures("address_rule_only")
def test_cus_3_convert_reports_failing_rules(
    api_client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    """CUS-3: convert reports failing rules."""
    prospect = make_account("Lead Co", account_type="prospect")
    client = api_client_for(sales_admin)
    refused = client.post(
        f"/api/v1/accounts/{prospect.pk}/convert", {"version": 1}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["failed_rules"][0]["label"] == "Complete sell-to address"
    client.patch(
        f"/api/v1/accounts/{prospect.pk}",
        {"version": 1, **COMPLETE_ADDRESS},
        content_type="application/json",
    )
    converted = client.post(
        f"/api/v1/accounts/{prospect.pk}/convert", {"version": 2}, content_type="application/json"
    )
    assert converted.status_code == 200
    assert converted.json()["is_sales_account"] is True
    assert converted.json()["account_type"] == "customer"


def test_cus_9_delete_and_restore(
    api_client_for: Any, salesperson: Any, sales_admin: Any, make_account: Any
) -> None:
    """CUS-9: delete and restore."""
    account = make_account("Delete Me", owner_id=salesperson.pk)
    refused = api_client_for(salesperson).delete(f"/api/v1/accounts/{account.pk}")
    assert refused.status_code == 403
    assert "Delete Sales Party" in refused.json()["detail"]
    admin = api_client_for(sales_admin)
    assert admin.delete(f"/api/v1/accounts/{account.pk}").status_code == 204
    assert admin.get(f"/api/v1/accounts/{account.pk}").status_code == 404
    assert admin.get(f"/api/v1/accounts/{account.pk}/notes").status_code == 404
    assert admin.get("/api/v1/accounts?q=delete").json()["count"] == 0
    deleted = admin.get("/api/v1/accounts/deleted").json()
    assert [row["id"] for row in deleted["items"]] == [account.pk]
    assert api_client_for(salesperson).get("/api/v1/accounts/deleted").status_code == 403
    assert admin.post(f"/api/v1/accounts/{account.pk}/restore").status_code == 200
    assert admin.get(f"/api/v1/accounts/{account.pk}").status_code == 200


def test_team_5_invisible_account_answers_404(
    api_client_for: Any, salesperson: Any, make_account: Any
) -> None:
    """TEAM-5: invisible account answers 404."""
    hidden = make_account("Not Yours")
    client = api_client_for(salesperson)
    assert client.get(f"/api/v1/accounts/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/accounts").json()["count"] == 0


def test_cus_11_list_filters_sorts_and_uses_constant_queries(
    api_client_for: Any, sales_admin: Any, make_account: Any, django_assert_max_num_queries: Any
) -> None:
    """CUS-11: list filters sorts and uses constant queries."""
    parent = make_account("Zeta Holdings", account_type="customer")
    for i in range(15):
        make_account(f"Alpha {i:02}", account_type="prospect", parent_id=parent.pk, country="FR")
    client = api_client_for(sales_admin)
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/accounts?sort=-name&page_size=10")
    body = response.json()
    assert body["count"] == 16
    assert body["items"][0]["name"] == "Zeta Holdings"
    prospects = client.get("/api/v1/accounts?account_type=prospect&country=fr&q=alpha").json()
    assert prospects["count"] == 15


def test_cus_6_hierarchy_endpoint(api_client_for: Any, sales_admin: Any, make_account: Any) -> None:
    """CUS-6: hierarchy endpoint."""
    top = make_account("Top", annual_revenue="5")
    make_account("Child", parent_id=top.pk, annual_revenue="7")
    body = api_client_for(sales_admin).get(f"/api/v1/accounts/{top.pk}/hierarchy").json()
    assert body["root"]["rolled_up_revenue"] == "12.00"
    assert body["root"]["children"][0]["name"] == "Child"


def test_plat_7_custom_fields_in_api(
    api_client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    """PLAT-7: custom fields in api."""
    CustomField.objects.create(record_type="account", name="tier", label="Tier", field_type="text")
    client = api_client_for(sales_admin)
    created = client.post(
        "/api/v1/accounts",
        {"name": "Custom Co", "custom": {"tier": "gold"}},
        content_type="application/json",
    )
    assert created.json()["custom"] == {"tier": "gold"}
    found = client.get("/api/v1/accounts?custom.tier=gold").json()
    assert [row["name"] for row in found["items"]] == ["Custom Co"]


def test_cus_7_cus_8_legal_entities_and_billing_accounts(
    api_client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    """CUS-7, CUS-8: legal entities and billing accounts."""
    client = api_client_for(sales_admin)
    entity = client.post(
        "/api/v1/legal-entities",
        {"name": "Acme Group", "kind": "internal"},
        content_type="application/json",
    ).json()
    first = make_account("Acme East", legal_entity_id=entity["id"])
    second = make_account("Acme West", legal_entity_id=entity["id"], account_type="prospect")
    grouped = client.get(f"/api/v1/accounts?legal_entity={entity['id']}").json()
    assert {row["id"] for row in grouped["items"]} == {first.pk, second.pk}
    billing = client.post(
        "/api/v1/billing-accounts",
        {"account_id": first.pk, "number": "BA-1", "name": "East billing", "currency": "eur"},
        content_type="application/json",
    )
    assert billing.status_code == 201
    assert billing.json()["currency"] == "EUR"
    listed = client.get(f"/api/v1/billing-accounts?account={first.pk}").json()
    assert listed["count"] == 1
    assert Account.objects.get(pk=first.pk).billing_accounts.count() == 1


def test_team_5_api_names_only_a_parent_the_caller_sees(
    api_client_for: Any, salesperson: Any, sales_admin: Any
) -> None:
    """TEAM-5/CUS-6: an account under a parent the caller cannot see answers
    no parent id nor name; under its own account, both."""
    hidden = Account.objects.create(name="Hidden Holding", owner=sales_admin)
    mine = Account.objects.create(name="Mine Holding", owner=salesperson)
    under_hidden = Account.objects.create(name="Child A", owner=salesperson, parent=hidden)
    under_mine = Account.objects.create(name="Child B", owner=salesperson, parent=mine)
    client = api_client_for(salesperson)
    got = client.get(f"/api/v1/accounts/{under_hidden.pk}").json()
    assert (got["parent_id"], got["parent_name"]) == (None, None)
    got = client.get(f"/api/v1/accounts/{under_mine.pk}").json()
    assert (got["parent_id"], got["parent_name"]) == (mine.pk, "Mine Holding")
    listed = {a["name"]: a["parent_id"] for a in client.get("/api/v1/accounts").json()["items"]}
    assert listed == {"Mine Holding": None, "Child A": None, "Child B": mine.pk}
