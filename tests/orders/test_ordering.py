"""Placing orders through the service (ORD-3, ORD-6, ORD-8): prices from the
caller's price list, bundles within their rules, and every bad input
refused with a message naming its rule, nothing half-saved."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from openprm.catalog import services as catalog
from openprm.catalog.models import PriceList
from openprm.core.actor import Actor
from openprm.core.errors import NotFound, ValidationFailed
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.deals import services as deals
from openprm.orders.lines import LineSpec
from openprm.orders.models import Order, OrderLine
from openprm.orders.services import place_order
from tests.orders.conftest import family

pytestmark = pytest.mark.django_db


def refused(build: Callable[[], Any]) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as error:
        build()
    assert Order.objects.count() == 0
    assert OrderLine.objects.count() == 0
    return error.value


def test_ord_3_a_stock_order_for_the_store_is_priced_from_the_partner_price_list(
    stock_order: Callable[..., Order], telemedia: dict[str, Any], two_partners: dict[str, Any]
) -> None:
    order = stock_order(
        [*family(telemedia, 3), LineSpec(product_id=telemedia["PHONE-X"].pk, quantity=4)]
    )
    assert order.number == f"ORD-{order.pk:06d}"
    assert order.revision == 1
    assert order.state == "pending"
    assert order.currency == "EUR"
    assert order.customer_id == two_partners["nw"].account_id
    assert order.partner_id == two_partners["nw"].pk
    lines = list(order.lines.select_related("product", "parent__product").order_by("position"))
    assert [(x.product.code, x.parent.product.code if x.parent else None) for x in lines] == [
        ("FAMILY", None),
        ("PLAN-1500", "FAMILY"),
        *[("LINE", "FAMILY"), ("DATA-5", "LINE")] * 3,
        ("PHONE-X", None),
    ]
    line = lines[2]
    # The Gold price 12.00 less the family plan's 20 % line discount.
    assert (line.monthly_price, line.component_discount_percent, line.monthly_amount) == (
        Decimal("12.00"), Decimal("20.00"), Decimal("9.60"),
    )  # fmt: skip
    assert order.one_time_total == Decimal("1596.00")  # 4 x 399
    assert order.monthly_total == Decimal("49.00") + Decimal("35.00") + 3 * Decimal("12.80")


def test_ord_8_a_sixth_line_on_a_family_plan_is_refused_naming_the_cardinality_rule(
    stock_order: Callable[..., Order], telemedia: dict[str, Any]
) -> None:
    error = refused(lambda: stock_order(family(telemedia, 6)))
    assert error.code == "order_bundle_rules_broken"
    assert "Cardinality" in error.message
    assert "1 to 5" in error.message


def test_ord_8_a_family_plan_without_its_primary_service_is_refused(
    stock_order: Callable[..., Order], telemedia: dict[str, Any]
) -> None:
    specs = [spec for spec in family(telemedia, 2) if spec.product_id != telemedia["PLAN-1500"].pk]
    error = refused(lambda: stock_order(specs))
    assert "Primary service" in error.message


def test_ord_8_an_option_that_does_not_belong_to_the_product_is_refused(
    stock_order: Callable[..., Order], telemedia: dict[str, Any]
) -> None:
    specs = [LineSpec(product_id=telemedia["PHONE-X"].pk, option_ids=[telemedia["DATA-5"].pk])]
    error = refused(lambda: stock_order(specs))
    assert error.message.startswith("Option of the product: Data pack 5 GB does not belong")


def test_ord_1_a_product_not_on_the_callers_price_list_is_refused(
    stock_order: Callable[..., Order], telemedia: dict[str, Any]
) -> None:
    error = refused(lambda: stock_order([LineSpec(product_id=telemedia["PHONE-OLD"].pk)]))
    assert error.code == "order_product_not_priced"
    assert "not on the price list Gold partners" in error.message


def test_ord_6_another_audiences_price_list_is_refused(
    nw_power: Actor, telemedia: dict[str, Any], gold_prices: PriceList
) -> None:
    error = refused(
        lambda: place_order(
            actor=nw_power,
            customer_id=None,
            contact_id=None,
            price_list_id=telemedia["list"].pk,
            opportunity_id=None,
            lines=[LineSpec(product_id=telemedia["PHONE-X"].pk)],
        )
    )
    assert error.code == "order_price_list_not_callers"
    assert "Gold partners" in error.message


def test_ord_8_an_inactive_product_is_refused(
    stock_order: Callable[..., Order], telemedia: dict[str, Any], manager: Actor
) -> None:
    phone = telemedia["PHONE-X"]
    catalog.product_update(
        actor=manager, product=phone, changes={"is_active": False}, expected_version=phone.version
    )
    error = refused(lambda: stock_order([LineSpec(product_id=phone.pk)]))
    assert error.code == "order_product_inactive"


@pytest.mark.parametrize("quantity", ["0", "-1", "1.5"])
def test_ord_8_a_device_quantity_is_whole_and_above_zero(
    stock_order: Callable[..., Order], telemedia: dict[str, Any], quantity: str
) -> None:
    error = refused(
        lambda: stock_order([LineSpec(product_id=telemedia["PHONE-X"].pk, quantity=quantity)])
    )
    assert error.code == "order_quantity_invalid"
    assert ("Whole quantity" if quantity == "1.5" else "Positive quantity") in error.message
    assert "lines.0.quantity" in error.field_errors


def test_ord_8_a_standard_user_cannot_change_prices(
    stock_order: Callable[..., Order], telemedia: dict[str, Any], nw_rep: Actor
) -> None:
    specs = [LineSpec(product_id=telemedia["PHONE-X"].pk, discount_percent=5)]
    error = refused(lambda: stock_order(specs, actor=nw_rep))
    assert error.code == "order_price_change_refused"
    assert "a standard user cannot change prices" in error.message


def test_ord_8_a_power_users_discount_beyond_the_allowed_one_is_refused(
    stock_order: Callable[..., Order], telemedia: dict[str, Any]
) -> None:
    error = refused(
        lambda: stock_order([LineSpec(product_id=telemedia["PHONE-X"].pk, discount_percent=15)])
    )
    assert error.code == "order_discount_too_high"
    assert "beyond the 10 %" in error.message
    order = stock_order([LineSpec(product_id=telemedia["PHONE-X"].pk, discount_percent=10)])
    assert order.one_time_total == Decimal("359.10")  # 399 less 10 %


def test_ord_6_an_order_for_a_customer_the_partner_cannot_see_is_not_found(
    nw_power: Actor, customer: Account, telemedia: dict[str, Any], gold_prices: PriceList
) -> None:
    with pytest.raises(NotFound):
        place_order(
            actor=nw_power,
            customer_id=customer.pk,
            contact_id=None,
            price_list_id=gold_prices.pk,
            opportunity_id=None,
            lines=[LineSpec(product_id=telemedia["PHONE-X"].pk)],
        )
    assert not Order.objects.exists()


def test_ord_6_an_order_manager_orders_for_a_customer_at_its_price_list(
    manager: Actor, customer: Account, telemedia: dict[str, Any]
) -> None:
    order = place_order(
        actor=manager,
        customer_id=customer.pk,
        contact_id=None,
        price_list_id=telemedia["list"].pk,
        opportunity_id=None,
        lines=[LineSpec(product_id=telemedia["PHONE-X"].pk, quantity=2)],
    )
    assert (order.customer_id, order.partner_id, order.one_time_total) == (
        customer.pk, None, Decimal("998.00"),
    )  # fmt: skip


def test_ord_3_a_partner_user_sees_only_its_organizations_orders(
    stock_order: Callable[..., Order], co_rep: Actor, nw_rep: Actor
) -> None:
    from openprm.orders import selectors

    order = stock_order()
    assert selectors.order_get(actor=nw_rep, pk=order.pk) == order
    with pytest.raises(NotFound):
        selectors.order_get(actor=co_rep, pk=order.pk)
    assert not selectors.order_list(actor=co_rep).exists()


def test_ord_6_the_opportunity_must_be_of_the_ordered_account(
    manager: Actor, customer: Account, telemedia: dict[str, Any]
) -> None:
    other = account_create(actor=manager, data={"name": "Globex", "country": "US"})
    opportunity = deals.opportunity_create(
        actor=manager,
        account_id=other.pk,
        name="Globex phones",
        close_date=dt.date.today() + dt.timedelta(days=30),
        lines=[deals.LineIn(telemedia["PHONE-X"].pk, 1, Decimal(499))],
    )

    def place(account: Account) -> Order:
        return place_order(
            actor=manager, customer_id=account.pk, contact_id=None,
            price_list_id=telemedia["list"].pk, opportunity_id=opportunity.pk,
            lines=[LineSpec(product_id=telemedia["PHONE-X"].pk)],
        )  # fmt: skip

    error = refused(lambda: place(customer))
    assert error.code == "order_opportunity_other_account"
    assert place(other).opportunity_id == opportunity.pk


def test_ord_6_naming_the_own_organization_still_buys_stock_at_partner_prices(
    nw_power: Actor, telemedia: dict[str, Any], gold_prices: PriceList,
    two_partners: dict[str, Any],
) -> None:  # fmt: skip
    order = place_order(
        actor=nw_power, customer_id=two_partners["nw"].account_id, contact_id=None,
        price_list_id=gold_prices.pk, opportunity_id=None,
        lines=[LineSpec(product_id=telemedia["PHONE-X"].pk)],
    )  # fmt: skip
    assert order.price_list_id == gold_prices.pk
    assert order.one_time_total == Decimal("399.00")
