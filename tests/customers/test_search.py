"""CUS-11: the customers overview lists accounts of type Customer only; the
general account search finds every type, prospects included (and no
deleted account, CUS-9)."""

from typing import Any

import pytest

from openprm.customers import selectors, services
from openprm.customers.filters import AccountFilter
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def test_cus_11_overview_lists_customers_and_search_finds_prospects(
    make_account: Any, sales_admin: Any, api_client_for: Any, client_for: Any
) -> None:
    """CUS-11: overview lists customers and search finds prospects."""
    make_account("Vega Customer", account_type="customer")
    make_account("Vega Prospect", account_type="prospect")
    make_account("Vega Partner", account_type="partner")
    make_account("Vega Rival", account_type="competitor")
    gone = make_account("Vega Gone", account_type="customer")
    services.account_delete(actor=as_actor(sales_admin), account=gone)

    overview = selectors.customer_overview(
        actor=as_actor(sales_admin), filters=AccountFilter(q="vega")
    )
    assert [a.name for a in overview] == ["Vega Customer"]
    everything = selectors.account_list(
        actor=as_actor(sales_admin), filters=AccountFilter(q="vega")
    )
    assert {a.account_type for a in everything} == {"customer", "prospect", "partner", "competitor"}

    api = api_client_for(sales_admin)
    names = {a["name"] for a in api.get("/api/v1/accounts?q=vega").json()["items"]}
    assert names == {"Vega Customer", "Vega Prospect", "Vega Partner", "Vega Rival"}
    customers = api.get("/api/v1/accounts?q=vega&account_type=customer").json()["items"]
    assert [a["name"] for a in customers] == ["Vega Customer"]

    page = client_for(sales_admin).get("/customers/overview/?q=vega").text
    assert "Vega Customer" in page
    assert "Vega Prospect" not in page
    search = client_for(sales_admin).get("/customers/accounts/?q=vega").text
    assert "Vega Prospect" in search
    assert "Vega Gone" not in search
