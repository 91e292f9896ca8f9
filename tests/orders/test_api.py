"""Orders through the API (ORD-3..ORD-9): the same rules as the services,
refusals as RFC 9457 problems that name the rule."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.catalog.models import PriceList
from openprm.identity.models import User
from openprm.orders.models import Asset, Order

pytestmark = pytest.mark.django_db

A = "/api/v1"


def lines(tm: dict[str, Any], count: int = 3) -> list[dict[str, Any]]:
    return [
        {"product_id": tm["FAMILY"].pk},
        {"product_id": tm["PLAN-1500"].pk, "parent_index": 0},
        *[
            {"product_id": tm["LINE"].pk, "parent_index": 0, "option_ids": [tm["DATA-5"].pk]}
            for _ in range(count)
        ],
    ]


def post(client: Client, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(f"{A}{path}", body or {}, content_type="application/json")


def problem(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.content
    assert answer["Content-Type"].startswith("application/problem+json")
    return answer.json()


@pytest.fixture
def power(api_client_for: Callable[[User], Client], two_partners: dict[str, Any]) -> Client:
    contact = two_partners["nw_admin"]
    type(contact).objects.filter(pk=contact.pk).update(portal_user_type="power")
    return api_client_for(contact.user)


@pytest.fixture
def manager_api(api_client_for: Callable[[User], Client], sales_admin: User) -> Client:
    return api_client_for(sales_admin)


@pytest.fixture
def placed(power: Client, telemedia: dict[str, Any], gold_prices: PriceList) -> dict[str, Any]:
    answer = post(power, "/orders", {"price_list_id": gold_prices.pk, "lines": lines(telemedia)})
    assert answer.status_code == 201, answer.content
    return answer.json()


def test_ord_3_api_places_a_stock_order_priced_from_the_price_list(
    placed: dict[str, Any], two_partners: dict[str, Any]
) -> None:
    assert placed["number"].startswith("ORD-")
    assert (placed["revision"], placed["state"], placed["currency"]) == (1, "pending", "EUR")
    assert placed["customer_id"] == two_partners["nw"].account_id
    assert [x["product_code"] for x in placed["lines"]][:3] == ["FAMILY", "PLAN-1500", "LINE"]
    assert placed["monthly_total"] == "122.40"


def test_ord_8_api_a_price_cannot_be_sent(
    power: Client, telemedia: dict[str, Any], gold_prices: PriceList
) -> None:
    body = {
        "price_list_id": gold_prices.pk,
        "lines": [{"product_id": telemedia["PHONE-X"].pk, "one_time_price": "1"}],
    }
    problem(post(power, "/orders", body), 422)
    assert not Order.objects.exists()


def test_ord_8_api_a_sixth_line_is_refused_naming_the_rule(
    power: Client, telemedia: dict[str, Any], gold_prices: PriceList
) -> None:
    answer = post(power, "/orders", {"price_list_id": gold_prices.pk, "lines": lines(telemedia, 6)})
    body = problem(answer, 422)
    assert body["code"] == "order_bundle_rules_broken"
    assert "Cardinality" in body["detail"]
    assert not Order.objects.exists()


def test_ord_8_api_a_standard_user_cannot_change_prices(
    api_client_for: Callable[[User], Client], two_partners: dict[str, Any],
    telemedia: dict[str, Any], gold_prices: PriceList,
) -> None:  # fmt: skip
    client = api_client_for(two_partners["nw_rep"].user)
    body = {
        "price_list_id": gold_prices.pk,
        "lines": [{"product_id": telemedia["PHONE-X"].pk, "discount_percent": "5"}],
    }
    assert problem(post(client, "/orders", body), 422)["code"] == "order_price_change_refused"


def test_ord_3_api_another_partners_order_is_not_found(
    api_client_for: Callable[[User], Client], two_partners: dict[str, Any], placed: dict[str, Any]
) -> None:
    client = api_client_for(two_partners["co_rep"].user)
    assert client.get(f"{A}/orders/{placed['id']}").status_code == 404
    assert client.get(f"{A}/orders").json()["items"] == []


def test_ord_7_api_revise_one_pending_revision_at_a_time_and_the_difference(
    power: Client, placed: dict[str, Any], telemedia: dict[str, Any]
) -> None:
    order = post(power, f"/orders/{placed['id']}/submit", {"version": placed["version"]}).json()
    assert order["state"] == "open"
    revision = post(power, f"/orders/{order['id']}/revisions")
    assert revision.status_code == 201
    revision = revision.json()
    second = problem(post(power, f"/orders/{order['id']}/revisions"), 409)
    assert second["code"] == "order_revision_pending"
    data = telemedia["DATA-5"].pk
    kept = [
        {"product_id": x["product_id"], "line_id": x["id"],
         "parent_index": 0 if x["parent_id"] else None,
         "option_ids": [data] if x["product_code"] == "LINE" else []}
        for x in revision["lines"] if x["product_code"] != "DATA-5"
    ]  # fmt: skip
    more = [{"product_id": telemedia["LINE"].pk, "parent_index": 0, "option_ids": []}] * 2
    changed = power.put(
        f"{A}/orders/{revision['id']}/lines",
        {"version": revision["version"], "lines": kept + more},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert {x["id"] for x in revision["lines"]} <= {x["id"] for x in changed.json()["lines"]}
    diff = power.get(f"{A}/orders/{revision['id']}/diff").json()
    assert [x["product"] for x in diff["added"]] == ["Family line", "Family line"]
    assert diff["monthly_change"] == "19.20"
    kept[1] = {**kept[1], "product_id": telemedia["LINE"].pk}
    refused = power.put(
        f"{A}/orders/{revision['id']}/lines",
        {"version": changed.json()["version"], "lines": kept},
        content_type="application/json",
    )
    assert "the product of a line cannot change" in problem(refused, 422)["detail"]


def test_ord_5_api_fulfilment_is_idempotent_and_refuses_going_back(
    power: Client, manager_api: Client, placed: dict[str, Any]
) -> None:
    post(power, f"/orders/{placed['id']}/submit", {"version": placed["version"]})
    reports = {"reports": [{"line_id": x["id"], "status": "complete"} for x in placed["lines"]]}
    assert problem(post(power, f"/orders/{placed['id']}/fulfilment", reports), 403)
    done = post(manager_api, f"/orders/{placed['id']}/fulfilment", reports)
    assert done.json()["state"] == "fulfilled"
    again = post(manager_api, f"/orders/{placed['id']}/fulfilment", reports)
    assert again.json()["version"] == done.json()["version"]
    assert Asset.objects.count() == 8
    back = {"reports": [{"line_id": placed["lines"][0]["id"], "status": "open"}]}
    body = problem(post(manager_api, f"/orders/{placed['id']}/fulfilment", back), 409)
    assert body["code"] == "order_fulfilment_transition"
    assert "Complete back to Open" in body["detail"]


def test_ord_9_api_a_change_order_on_an_asset_and_the_open_order_that_blocks_another(
    power: Client, manager_api: Client, placed: dict[str, Any], gold_prices: PriceList,
    two_partners: dict[str, Any],
) -> None:  # fmt: skip
    post(power, f"/orders/{placed['id']}/submit", {"version": placed["version"]})
    reports = {"reports": [{"line_id": x["id"], "status": "complete"} for x in placed["lines"]]}
    post(manager_api, f"/orders/{placed['id']}/fulfilment", reports)
    line = Asset.objects.filter(product__code="LINE").first()
    change = {"price_list_id": gold_prices.pk, "changes": [{"asset_id": line.pk, "option_ids": []}]}
    made = post(power, "/asset-orders", change)
    assert made.status_code == 201, made.content
    assert [x["action"] for x in made.json()["lines"]] == ["unchanged", "update", "delete"]
    body = problem(post(power, "/asset-orders", change), 409)
    assert made.json()["number"] in body["detail"]
    profile = power.get(f"{A}/accounts/{two_partners['nw'].account_id}/service-profile").json()
    assert {(x["product"], x["state"]) for x in profile} >= {("Data pack 5 GB", "disconnecting")}
    history = power.get(f"{A}/assets/{line.pk}").json()["history"]
    assert [h["kind"] for h in history] == ["installed"]


def test_ord_9_api_a_change_order_that_changes_nothing_is_a_422_problem(
    power: Client, manager_api: Client, placed: dict[str, Any], gold_prices: PriceList
) -> None:
    post(power, f"/orders/{placed['id']}/submit", {"version": placed["version"]})
    reports = {"reports": [{"line_id": x["id"], "status": "complete"} for x in placed["lines"]]}
    post(manager_api, f"/orders/{placed['id']}/fulfilment", reports)
    line = Asset.objects.filter(product__code="LINE").first()
    same = {"price_list_id": gold_prices.pk, "changes": [{"asset_id": line.pk, "quantity": "1"}]}
    count = Order.objects.count()
    body = problem(post(power, "/asset-orders", same), 422)
    assert body["code"] == "order_asset_change_empty"
    assert [e["field"] for e in body["errors"]] == [f"changes.{line.pk}.quantity"]
    assert line.product.name in body["detail"]
    assert Order.objects.count() == count
