"""The configurator (ORD-2, ORD-8): power users build a bundle within its
rules with live validation and price; standard users cannot open it (403
in the page and the API alike)."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.carts import configurator
from openprm.carts.models import CartLine
from openprm.core.errors import PermissionRefused
from openprm.identity.models import User
from tests.factories import as_actor

P = "/api/v1/portal"


def _family(telemedia: dict[str, Any], lines: int, data: bool = True) -> list[dict[str, Any]]:
    options = [telemedia["DATA-5"].pk] if data else []
    return [
        {"product_id": telemedia["PLAN-1500"].pk, "quantity": 1},
        *({"product_id": telemedia["LINE"].pk, "quantity": 1, "options": options}
          for _ in range(lines)),
    ]  # fmt: skip


def test_ord_8_the_configurator_names_each_broken_rule_and_prices_as_configured(
    power: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(power)
    fine = configurator.preview(
        actor=actor, product_id=telemedia["FAMILY"].pk, components=_family(telemedia, 2)
    )
    assert fine.valid
    # Northwind is in no tier here: list prices. 59 + 39 + 2 lines at 12 and
    # their data packs at 4, the line's 20 % off
    assert (fine.one_time_total, fine.monthly_total) == (Decimal(0), Decimal("130.00"))
    six = configurator.preview(
        actor=actor, product_id=telemedia["FAMILY"].pk, components=_family(telemedia, 6)[1:]
    )
    assert not six.valid
    assert any(v.startswith("Cardinality") for v in six.violations)
    assert any(v.startswith("Primary service") for v in six.violations)
    assert not CartLine.objects.exists()  # a preview saves nothing


def test_ord_2_a_standard_user_cannot_open_the_configurator(
    nw_rep: User, telemedia: dict[str, Any], client_for: Callable[[User], Client],
    api_client_for: Callable[[User], Client],
) -> None:  # fmt: skip
    with pytest.raises(PermissionRefused) as refused:
        configurator.preview(
            actor=as_actor(nw_rep), product_id=telemedia["FAMILY"].pk, components=[]
        )
    assert refused.value.code == "configurator_power_users_only"
    page = client_for(nw_rep).get(reverse("portal:configurator", args=[telemedia["FAMILY"].pk]))
    assert page.status_code == 403
    answer = api_client_for(nw_rep).post(
        f"{P}/bundles/{telemedia['FAMILY'].pk}/configuration",
        {"components": []},
        content_type="application/json",
    )
    assert answer.status_code == 403
    assert answer.json()["code"] == "configurator_power_users_only"


def test_ord_8_the_configurator_page_validates_live_and_adds_to_the_cart(
    power: User, telemedia: dict[str, Any], client_for: Callable[[User], Client]
) -> None:
    client = client_for(power)
    url = reverse("portal:configurator", args=[telemedia["FAMILY"].pk])
    page = client.get(url).content.decode()
    assert "This configuration keeps every rule of the bundle." in page
    line, plan = telemedia["LINE"].pk, telemedia["PLAN-1500"].pk
    live = client.post(url, {f"qty-{plan}": "1", f"qty-{line}": "6"}, HTTP_HX_REQUEST="true")
    text = live.content.decode()
    assert "<html" not in text
    assert (
        "Cardinality: Family plan 1500 takes 1 to 5 of Family line; this configuration has 6."
        in text
    )
    data = str(telemedia["DATA-5"].pk)
    priced = client.post(
        url, {f"qty-{plan}": "1", f"qty-{line}": "2", f"opt-{line}-0": data}, HTTP_HX_REQUEST="true"
    ).content.decode()
    summary = priced.split('data-testid="config-summary"')[1]
    assert "Data pack 5 GB" in summary
    assert "€126" in summary  # 59 bundle + 39 plan + 2 lines at 12 + one data pack at 4
    added = client.post(
        url,
        {f"qty-{plan}": "1", f"qty-{line}": "2", f"opt-{line}-1": str(telemedia["DATA-5"].pk),
         "add_to_cart": "1"},
        follow=True,
    )  # fmt: skip
    assert "Family plan 1500 is in your cart." in added.content.decode()
    codes = sorted(CartLine.objects.values_list("product__code", flat=True))
    assert codes == ["DATA-5", "FAMILY", "LINE", "LINE", "PLAN-1500"]


def test_ord_8_api_configuration_into_the_cart(
    power: User, telemedia: dict[str, Any], api_client_for: Callable[[User], Client]
) -> None:
    client = api_client_for(power)
    bundle = telemedia["FAMILY"].pk
    preview = client.post(
        f"{P}/bundles/{bundle}/configuration",
        {"components": _family(telemedia, 6)},
        content_type="application/json",
    ).json()
    assert preview["valid"] is False
    assert preview["violations"][0].startswith("Cardinality")
    refused = client.post(
        f"{P}/bundles/{bundle}/cart",
        {"components": _family(telemedia, 6)},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["code"] == "bundle_rules_broken"
    added = client.post(
        f"{P}/bundles/{bundle}/cart",
        {"components": _family(telemedia, 3)},
        content_type="application/json",
    )
    assert added.status_code == 201
    assert added.json()["monthly_total"] == "146.00"
