"""Deal registration through the API, as partners and the channel team use
it (DEAL-2, DEAL-6, DEAL-7, PRG-7)."""

import json
from typing import Any

import pytest
from django.test import Client

from openprm.catalog.models import Product
from openprm.customers.models import Account
from tests.deals.conftest import next_month

pytestmark = pytest.mark.django_db


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body, default=str), content_type="application/json")


def _register(client: Client, products: dict[str, Product], **extra: Any) -> dict[str, Any]:
    body = {
        "title": "Acme network",
        "customer_name": "Acme Corp",
        "country": "US",
        "close_date": next_month().isoformat(),
        "lines": [{"product_id": products["FW-100"].pk, "quantity": 2, "amount": "4000.00"}],
        **extra,
    }
    created = _post(client, "/api/v1/registrations", body)
    assert created.status_code == 201, created.content
    draft = created.json()
    submitted = _post(
        client, f"/api/v1/registrations/{draft['id']}/submit", {"version": draft["version"]}
    )
    assert submitted.status_code == 200, submitted.content
    return submitted.json()


def test_deal_7_conflict_flow_through_the_api(
    clients: dict[str, Client], products: dict[str, Product], customer: Account
) -> None:
    earlier = _register(clients["nw"], products)
    later = _register(clients["co"], products)
    assert later["state"] == "submitted"
    assert "conflict" not in json.dumps(later)

    seen = clients["cam"].get(f"/api/v1/registrations/{later['id']}/conflicts").json()
    assert [(c["kind"], c["id"], c["reasons"]) for c in seen] == [
        ("registration", earlier["id"], ["name_country"])
    ]
    assert clients["co"].get(f"/api/v1/registrations/{later['id']}/conflicts").status_code == 403
    assert clients["co"].get(f"/api/v1/registrations/{earlier['id']}").status_code == 404

    refused = _post(
        clients["cam"],
        f"/api/v1/registrations/{earlier['id']}/approve",
        {"version": earlier["version"], "account_id": customer.pk},
    )
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "conflict_unresolved"
    approved = _post(
        clients["cam"],
        f"/api/v1/registrations/{earlier['id']}/approve",
        {"version": earlier["version"], "account_id": customer.pk, "reject_others": True},
    )
    assert approved.status_code == 200, approved.content
    assert approved.json()["state"] == "approved"
    assert approved.json()["opportunity_id"]

    mine = clients["co"].get(f"/api/v1/registrations/{later['id']}").json()
    assert (mine["state"], mine["reject_reason"]) == ("rejected", "HELD_BY_EARLIER")
    assert mine["opportunity_id"] is None
    opportunities = clients["co"].get("/api/v1/opportunities").json()
    assert opportunities["count"] == 0
    assert clients["nw"].get("/api/v1/opportunities").json()["count"] == 1


def test_prg_7_lists_and_counts_are_the_partners_own(
    clients: dict[str, Client], products: dict[str, Product]
) -> None:
    _register(clients["nw"], products)
    _register(clients["nw"], products, customer_name="Globex")
    _register(clients["co"], products, customer_name="Initech")
    nw = clients["nw"].get("/api/v1/registrations").json()
    co = clients["co"].get("/api/v1/registrations?q=Acme").json()
    assert nw["count"] == 2
    assert {r["partner_name"] for r in nw["items"]} == {"Northwind"}
    assert co["count"] == 0
    assert clients["cam"].get("/api/v1/registrations").json()["count"] == 3


def test_deal_6_bad_input_is_problem_json_with_fields(
    clients: dict[str, Client], products: dict[str, Product]
) -> None:
    answer = _post(
        clients["nw"],
        "/api/v1/registrations",
        {
            "title": "Late",
            "customer_name": "Acme",
            "country": "US",
            "close_date": "2020-01-01",
            "lines": [{"product_id": products["FW-100"].pk, "quantity": 1, "amount": "-5"}],
        },
    )
    assert answer.status_code == 422
    fields = {error["field"] for error in answer.json()["errors"]}
    assert fields >= {"close_date", "lines.0"}


def test_deal_2_internal_users_cannot_register_and_partners_cannot_approve(
    clients: dict[str, Client], products: dict[str, Product]
) -> None:
    body = {"title": "x", "customer_name": "Acme", "country": "US", "close_date": "2030-01-01"}
    assert _post(clients["cam"], "/api/v1/registrations", body).status_code == 403
    registration = _register(clients["nw"], products)
    answer = _post(
        clients["nw"],
        f"/api/v1/registrations/{registration['id']}/approve",
        {"version": registration["version"]},
    )
    assert answer.status_code == 403
