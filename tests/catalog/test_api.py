"""The catalog through the API (ORD-1, ORD-8): the same rules as the
services, refusals as RFC 9457 problems."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.catalog.models import PriceList
from openprm.identity.models import User

pytestmark = pytest.mark.django_db
A = "/api/v1"


def test_ord_8_api_configuration_check_names_every_broken_rule(
    api_client_for: Callable[[User], Client], two_partners: dict[str, Any], telemedia: Any
) -> None:
    client = api_client_for(two_partners["nw_rep"].user)
    lines = [{"product_id": telemedia["PLAN-1500"].pk, "quantity": 1}] + [
        {"product_id": telemedia["LINE"].pk, "quantity": 1, "options": [telemedia["DATA-5"].pk]}
    ] * 6
    answer = client.post(
        f"{A}/products/{telemedia['FAMILY'].pk}/configuration-check",
        {"lines": lines},
        content_type="application/json",
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["valid"] is False
    assert [v["rule"] for v in body["violations"]] == ["cardinality"]
    assert body["violations"][0]["message"].startswith("Cardinality:")
    fine = client.post(
        f"{A}/products/{telemedia['FAMILY'].pk}/configuration-check",
        {"lines": lines[:4]},
        content_type="application/json",
    )
    assert fine.json() == {"valid": True, "violations": []}


def test_ord_8_api_a_bundle_takes_one_primary_service(
    api_client_for: Callable[[User], Client], sales_admin: User, telemedia: Any
) -> None:
    client = api_client_for(sales_admin)
    answer = client.post(
        f"{A}/products/{telemedia['FAMILY'].pk}/components",
        {"product_id": telemedia["LINE"].pk, "role": "primary", "min_quantity": 1},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer["Content-Type"].startswith("application/problem+json")
    components = client.get(f"{A}/products/{telemedia['FAMILY'].pk}/components").json()
    assert {(c["code"], c["min_quantity"], c["max_quantity"]) for c in components} == {
        ("PLAN-1500", 1, 1),
        ("LINE", 1, 5),
        ("PHONE-X", 0, 5),
    }


def test_ord_1_api_offer_shows_the_callers_prices_only(
    api_client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    gold_prices: PriceList,
    telemedia: Any,
) -> None:
    nw = api_client_for(two_partners["nw_rep"].user).get(f"{A}/catalog/offer").json()
    assert {(p["code"], p["one_time_price"]) for p in nw["items"]} == {
        ("PHONE-X", "399.00"),
        ("FAMILY", "0.00"),
    }
    co = api_client_for(two_partners["co_rep"].user).get(f"{A}/catalog/offer?q=tele").json()
    assert {(p["code"], p["one_time_price"]) for p in co["items"]} == {
        ("PHONE-X", "499.00"),
        ("PHONE-OLD", "99.00"),
    }


def test_ord_1_api_price_lists_are_the_price_maintainers(
    api_client_for: Callable[[User], Client],
    sales_admin: User,
    two_partners: dict[str, Any],
    telemedia: Any,
) -> None:
    listed = telemedia["list"]
    partner = api_client_for(two_partners["nw_admin"].user)
    assert partner.get(f"{A}/price-lists/{listed.pk}").status_code == 404
    assert partner.get(f"{A}/price-lists").json()["items"] == []
    admin = api_client_for(sales_admin)
    answer = admin.put(
        f"{A}/price-lists/{listed.pk}/items",
        {"product_id": telemedia["ROAM"].pk, "monthly_price": "-1"},
        content_type="application/json",
    )
    assert answer.status_code == 422
    answer = admin.put(
        f"{A}/price-lists/{listed.pk}/items",
        {"product_id": telemedia["ROAM"].pk, "monthly_price": "7.50"},
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["monthly_price"] == "7.50"
    items = admin.get(f"{A}/price-lists/{listed.pk}/items").json()["items"]
    assert ("ROAM", "7.50") in {(i["code"], i["monthly_price"]) for i in items}
    refused = admin.post(
        f"{A}/price-lists",
        {"name": "Bad", "currency": "EUR", "audience": "customer"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["title"]
