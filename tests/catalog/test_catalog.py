"""The catalog through its services (ORD-1, ORD-8): products with their
commerce fields, the bundle rules of a family plan, and the price list each
caller buys at."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openprm.catalog import pricing, selectors, services, tables
from openprm.catalog.bundle_rules import Line
from openprm.catalog.errors import BundleRule
from openprm.catalog.models import PriceList, Product
from openprm.core.errors import NotFound, PermissionRefused, ValidationFailed
from openprm.customers.models import Account
from openprm.identity.models import User
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def _rules(found: list[Any]) -> list[str]:
    return [str(v.rule) for v in found]


def _family(telemedia: dict[str, Any], lines: int = 3, **extra: Any) -> list[Line]:
    return [
        Line(telemedia["PLAN-1500"].pk, 1),
        *[Line(telemedia["LINE"].pk, 1, (telemedia["DATA-5"].pk,)) for _ in range(lines)],
        *extra.get("more", []),
    ]


def test_ord_8_a_family_plan_within_its_rules_passes(
    sales_admin: User, telemedia: dict[str, Any]
) -> None:
    lines = _family(telemedia, more=[Line(telemedia["PHONE-X"].pk, 2)])
    assert (
        services.configuration_check(
            actor=as_actor(sales_admin), bundle_id=telemedia["FAMILY"].pk, lines=lines
        )
        == []
    )


def test_ord_8_a_sixth_line_is_refused_naming_the_cardinality_rule(
    sales_admin: User, telemedia: dict[str, Any]
) -> None:
    found = services.configuration_check(
        actor=as_actor(sales_admin), bundle_id=telemedia["FAMILY"].pk, lines=_family(telemedia, 6)
    )
    assert _rules(found) == [BundleRule.CARDINALITY]
    assert found[0].message.startswith("Cardinality: ")
    assert "1 to 5 of Family line" in found[0].message
    assert "has 6" in found[0].message


def test_ord_8_every_broken_rule_is_reported_at_once(
    sales_admin: User, telemedia: dict[str, Any]
) -> None:
    """No primary service, an option of another product, a fractional and a
    negative device quantity, a product outside the bundle."""
    actor = as_actor(sales_admin)
    lines = [
        Line(telemedia["LINE"].pk, 1, (telemedia["ROAM"].pk,)),
        Line(telemedia["PHONE-X"].pk, Decimal("1.5")),
        Line(telemedia["PHONE-X"].pk, -1),
        Line(telemedia["PHONE-OLD"].pk, 1),
    ]
    found = services.configuration_check(actor=actor, bundle_id=telemedia["FAMILY"].pk, lines=lines)
    assert set(_rules(found)) == {
        BundleRule.OPTION_NOT_OF_PRODUCT,
        BundleRule.QUANTITY_FRACTIONAL,
        BundleRule.QUANTITY_NOT_POSITIVE,
        BundleRule.NOT_A_COMPONENT,
        BundleRule.NO_PRIMARY_SERVICE,
    }
    with pytest.raises(ValidationFailed) as refused:
        services.require_configuration(actor=actor, bundle_id=telemedia["FAMILY"].pk, lines=lines)
    assert refused.value.code == "bundle_rules_broken"
    assert len(refused.value.extra["violations"]) == len(found)
    assert "Primary service: Family plan 1500 needs its primary service" in refused.value.message


def test_ord_8_an_inactive_component_is_refused(
    sales_admin: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(sales_admin)
    phone = telemedia["PHONE-X"]
    services.product_update(
        actor=actor,
        product=phone,
        changes={"active_to": dt.date.today() - dt.timedelta(days=1)},
        expected_version=phone.version,
    )
    found = services.configuration_check(
        actor=actor,
        bundle_id=telemedia["FAMILY"].pk,
        lines=_family(telemedia, more=[Line(phone.pk, 1)]),
    )
    assert _rules(found) == [BundleRule.INACTIVE_PRODUCT]
    assert "TeleMedia X phone is not active" in found[0].message


def test_ord_8_a_bundle_has_one_primary_service_and_whole_cardinalities(
    sales_admin: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(sales_admin)
    family = telemedia["FAMILY"]
    with pytest.raises(ValidationFailed):
        services.component_add(
            actor=actor,
            bundle=family,
            product_id=telemedia["LINE"].pk,
            role="primary",
            min_quantity=1,
        )
    with pytest.raises(ValidationFailed) as refused:
        services.component_add(
            actor=actor, bundle=family, product_id=telemedia["ROAM"].pk, min_quantity=3
        )
    assert "maximum" in str(refused.value.field_errors).lower()
    with pytest.raises(ValidationFailed) as refused:
        services.option_add(
            actor=actor, product=telemedia["LINE"], option_id=telemedia["PHONE-X"].pk
        )
    assert refused.value.field_errors == {"option_id": ["TeleMedia X phone is not an option."]}


def test_ord_1_only_the_maintainers_change_the_catalog(
    salesperson: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(salesperson)
    with pytest.raises(PermissionRefused):
        services.component_add(
            actor=actor, bundle=telemedia["FAMILY"], product_id=telemedia["ROAM"].pk
        )
    with pytest.raises(PermissionRefused):
        services.price_list_create(actor=actor, data={"name": "Mine", "currency": "EUR"})
    assert not selectors.price_list_list(actor=actor).exists()


def test_ord_1_a_partner_in_a_tier_buys_at_its_tier_prices(
    two_partners: dict[str, Any], gold_prices: PriceList, telemedia: dict[str, Any]
) -> None:
    """Northwind (Gold) sees the Gold prices and only what the Gold list
    holds; Contoso, in no program, sees the list prices."""
    nw = as_actor(two_partners["nw_rep"].user)
    offered = {p.code: (p.one_time_price, p.monthly_price) for p in selectors.offer(actor=nw)}
    assert offered == {
        "PHONE-X": (Decimal("399.00"), Decimal("0.00")),
        "FAMILY": (Decimal("0.00"), Decimal("49.00")),
    }
    co = as_actor(two_partners["co_rep"].user)
    offered = {p.code: p.one_time_price for p in selectors.offer(actor=co)}
    assert offered == {
        "PHONE-X": Decimal("499.00"),
        "PHONE-OLD": Decimal("99.00"),
        "FAMILY": Decimal("0.00"),
    }
    prices = pricing.prices_for(nw, [telemedia["PHONE-X"], telemedia["PHONE-OLD"]])
    assert prices.price_list == gold_prices
    assert prices.items == {
        telemedia["PHONE-X"].pk: pricing.Price(Decimal("399.00"), Decimal("0.00"), "EUR")
    }


def test_ord_1_a_tier_without_an_active_price_list_falls_back_to_list_prices(
    sales_admin: User, two_partners: dict[str, Any], gold_prices: PriceList, telemedia: Any
) -> None:
    services.price_list_update(
        actor=as_actor(sales_admin),
        price_list=gold_prices,
        changes={"active_from": dt.date.today() + dt.timedelta(days=10)},
        expected_version=gold_prices.version,
    )
    nw = as_actor(two_partners["nw_rep"].user)
    assert pricing.price_list_for(nw) == telemedia["list"]


def test_ord_1_pricing_a_page_takes_a_constant_number_of_queries(
    two_partners: dict[str, Any], gold_prices: PriceList, telemedia: dict[str, Any]
) -> None:
    products = list(Product.objects.all())
    first, second = (as_actor(two_partners["nw_rep"].user) for _ in range(2))
    with CaptureQueriesContext(connection) as few:
        pricing.prices_for(first, products[:1])
    with CaptureQueriesContext(connection) as many:
        pricing.prices_for(second, products)
    assert len(many) == len(few) <= 4


def test_ord_1_a_customer_price_list_applies_when_ordering_for_that_customer(
    sales_admin: User, two_partners: dict[str, Any], customer: Account, telemedia: Any
) -> None:
    actor = as_actor(sales_admin)
    own = services.price_list_create(
        actor=actor,
        data={
            "name": "Acme contract",
            "currency": "USD",
            "audience": "customer",
            "customer_id": customer.pk,
        },
    )
    services.item_set(
        actor=actor, price_list=own, product_id=telemedia["PHONE-X"].pk, one_time_price=Decimal(450)
    )
    offered = list(selectors.offer(actor=actor, for_customer=customer.pk))
    assert [(p.code, p.one_time_price, p.currency) for p in offered] == [
        ("PHONE-X", Decimal("450.00"), "USD")
    ]
    # A partner user that cannot see the account is told it does not exist.
    with pytest.raises(NotFound):
        pricing.prices_for(as_actor(two_partners["nw_rep"].user), [], for_customer=customer.pk)


def test_ord_1_a_price_list_names_its_audience(sales_admin: User, customer: Account) -> None:
    actor = as_actor(sales_admin)
    with pytest.raises(ValidationFailed) as refused:
        services.price_list_create(
            actor=actor, data={"name": "Tiered", "currency": "EUR", "audience": "tier"}
        )
    assert "tier" in refused.value.message.lower()
    with pytest.raises(ValidationFailed) as refused:
        services.price_list_create(
            actor=actor,
            data={"name": "Bad", "currency": "EURO", "audience": "list"},
        )
    assert refused.value.field_errors == {
        "currency": ["A currency is a 3-letter ISO code, like EUR."]
    }
    with pytest.raises(ValidationFailed) as refused:
        services.price_list_create(
            actor=actor,
            data={"name": "Bad", "currency": "EUR", "audience": "tier", "tier_id": 999999},
        )
    assert refused.value.code == "unknown_tier"


def test_ord_1_an_inactive_or_unorderable_product_is_not_offered(
    sales_admin: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(sales_admin)
    old = telemedia["PHONE-OLD"]
    services.product_update(
        actor=actor, product=old, changes={"is_active": False}, expected_version=old.version
    )
    offered = {p.code for p in selectors.offer(actor=actor)}
    assert offered == {"PHONE-X", "FAMILY"}  # the plan, line and data pack are not orderable alone


@pytest.mark.parametrize("sort", ["name", "-name", "code", "family", "one_time", "-monthly"])
def test_ord_1_a_long_price_list_offers_the_same_page_whichever_plan_reads_it(
    monkeypatch: pytest.MonkeyPatch,
    two_partners: dict[str, Any],
    gold_prices: PriceList,
    telemedia: dict[str, Any],
    sort: str,
) -> None:
    """A long list is walked in the products' order rather than joined and
    sorted (`pricing.priced`): the buyer sees the same products, prices and
    order either way, searched or not."""
    nw = as_actor(two_partners["nw_rep"].user)
    co = as_actor(two_partners["co_rep"].user)

    def page(actor: Any, query: dict[str, str]) -> list[tuple[Any, ...]]:
        rows = tables.OFFER.rows(actor=actor, query=query, sort=sort)
        return [(p.code, p.one_time_price, p.monthly_price, p.currency) for p in rows]

    queries = ({}, {"q": "tele"}, {"type": "device"})
    joined = [page(actor, q) for actor in (nw, co) for q in queries]
    monkeypatch.setattr(pricing, "WALK_FROM", 2)
    monkeypatch.setattr(pricing, "_sizes", {})
    walked = [page(actor, q) for actor in (nw, co) for q in queries]
    assert walked == joined
    assert [len(rows) for rows in joined] == [2, 1, 1, 3, 2, 2]
