"""The cart and quotes through the API (ORD-2, ORD-6, ORD-8): the same
rules as the services, refusals as problem JSON naming the rule, and
another user's cart line or quote answered 404."""

from collections.abc import Callable
from typing import Any

from django.test import Client

from openprm.catalog import services as catalog
from openprm.catalog.models import PriceList
from openprm.identity.models import User
from tests.factories import as_actor

A = "/api/v1/portal"


def test_ord_6_api_cart_lines_and_totals_one_time_and_monthly_apart(
    api_client_for: Callable[[User], Client], co_rep: User, telemedia: dict[str, Any]
) -> None:
    client = api_client_for(co_rep)
    empty = client.get(f"{A}/cart").json()
    assert empty["lines"] == []
    assert empty["customer_id"] is None
    assert empty["currency"] == "EUR"
    answer = client.post(
        f"{A}/cart/lines",
        {"product_id": telemedia["PHONE-X"].pk, "quantity": "2"},
        content_type="application/json",
    )
    assert answer.status_code == 201
    plan = client.post(
        f"{A}/cart/lines", {"product_id": telemedia["FAMILY"].pk}, content_type="application/json"
    ).json()
    assert (plan["one_time_total"], plan["monthly_total"]) == ("998.00", "110.00")
    bundle = next(line for line in plan["lines"] if line["product_code"] == "FAMILY")
    codes = [(line["product_code"], line["parent_line_id"]) for line in plan["lines"]]
    assert ("PLAN-1500", bundle["id"]) in codes
    assert ("LINE", bundle["id"]) in codes


def test_ord_8_api_a_sixth_line_is_a_problem_naming_the_cardinality_rule(
    api_client_for: Callable[[User], Client], co_rep: User, telemedia: dict[str, Any]
) -> None:
    client = api_client_for(co_rep)
    cart = client.post(
        f"{A}/cart/lines",
        {
            "product_id": telemedia["FAMILY"].pk,
            "components": [
                {"product_id": telemedia["PLAN-1500"].pk},
                {"product_id": telemedia["LINE"].pk, "quantity": "5"},
            ],
        },
        content_type="application/json",
    ).json()
    bundle = next(line for line in cart["lines"] if line["product_code"] == "FAMILY")
    answer = client.post(
        f"{A}/cart/lines",
        {"product_id": telemedia["LINE"].pk, "parent_line_id": bundle["id"]},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer["Content-Type"] == "application/problem+json"
    problem = answer.json()
    assert problem["code"] == "bundle_rules_broken"
    assert [v["rule"] for v in problem["violations"]] == ["cardinality"]
    assert "Cardinality" in problem["detail"]


def test_ord_8_api_price_changes_by_user_type(
    api_client_for: Callable[[User], Client], nw_rep: User, power: User, telemedia: Any
) -> None:
    """A standard user cannot change a price (403); a power user within the
    allowed discount can, beyond it not (422)."""
    body = {"product_id": telemedia["PHONE-X"].pk, "discount_percent": "5"}
    standard = api_client_for(nw_rep).post(f"{A}/cart/lines", body, content_type="application/json")
    assert standard.status_code == 403
    assert standard.json()["code"] == "price_change_not_allowed"
    client = api_client_for(power)
    too_much = client.post(
        f"{A}/cart/lines", {**body, "discount_percent": "25"}, content_type="application/json"
    )
    assert too_much.status_code == 422
    assert too_much.json()["code"] == "discount_beyond_allowed"
    assert too_much.json()["errors"][0]["field"] == "discount_percent"
    fine = client.post(f"{A}/cart/lines", body, content_type="application/json")
    assert fine.json()["one_time_total"] == "474.05"


def test_ord_6_api_quote_numbered_frozen_and_back_into_the_cart(
    api_client_for: Callable[[User], Client],
    co_rep: User,
    sales_admin: User,
    telemedia: dict[str, Any],
) -> None:
    client = api_client_for(co_rep)
    client.post(
        f"{A}/cart/lines",
        {"product_id": telemedia["PHONE-X"].pk, "quantity": "3"},
        content_type="application/json",
    )
    answer = client.post(f"{A}/cart/quote", {}, content_type="application/json")
    assert answer.status_code == 201
    quote = answer.json()
    assert quote["number"].startswith("Q-")
    assert quote["status"] == "open"
    assert quote["one_time_total"] == "1497.00"
    assert quote["valid_until"]
    assert client.get(f"{A}/cart").json()["lines"] == []  # the cart became the quote
    # The list price rises; the quote keeps the price it was quoted at.
    listed: PriceList = telemedia["list"]
    catalog.item_set(
        actor=as_actor(sales_admin),
        price_list=listed,
        product_id=telemedia["PHONE-X"].pk,
        one_time_price="549.00",
    )
    again = client.get(f"{A}/quotes/{quote['id']}").json()
    assert again["lines"][0]["one_time_price"] == "499.00"
    assert [q["number"] for q in client.get(f"{A}/quotes").json()["items"]] == [quote["number"]]
    cart = client.post(f"{A}/quotes/{quote['id']}/cart", {}, content_type="application/json")
    assert cart.json()["one_time_total"] == "1497.00"
    refused = client.post(f"{A}/quotes/{quote['id']}/cart", {}, content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["code"] == "cart_not_empty"


def test_ord_6_api_another_users_cart_line_and_quote_are_not_found(
    api_client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    telemedia: dict[str, Any],
) -> None:
    owner = api_client_for(two_partners["nw_rep"].user)
    cart = owner.post(
        f"{A}/cart/lines", {"product_id": telemedia["PHONE-X"].pk}, content_type="application/json"
    ).json()
    assert cart["lines"]
    quote = owner.post(f"{A}/cart/quote", {}, content_type="application/json").json()
    back = owner.post(f"{A}/quotes/{quote['id']}/cart", {}, content_type="application/json")
    line_id = back.json()["lines"][0]["id"]
    for other in ("nw_admin", "co_admin"):
        client = api_client_for(two_partners[other].user)
        assert client.get(f"{A}/quotes/{quote['id']}").status_code == 404
        into_cart = client.post(
            f"{A}/quotes/{quote['id']}/cart", {}, content_type="application/json"
        )
        assert into_cart.status_code == 404
        assert client.delete(f"{A}/cart/lines/{line_id}").status_code == 404
        assert client.get(f"{A}/quotes").json()["items"] == []
    assert len(owner.get(f"{A}/cart").json()["lines"]) == 1
