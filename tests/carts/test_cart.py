"""The cart through its services (ORD-2, ORD-6, ORD-8): for whom, lines at
the caller's prices, one-time and monthly totals apart, and every refusal
naming its rule with nothing half-saved."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from openprm.carts import lines, prices, selectors, services
from openprm.carts.models import CartLine
from openprm.catalog import services as catalog
from openprm.catalog.models import PriceList
from openprm.contacts.models import Person
from openprm.contacts.services import contact_create
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import NotFound, PermissionRefused, ValidationFailed
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.deals.models import Opportunity, OpportunityTeamMember
from openprm.identity.models import User
from tests.factories import as_actor


def _totals(user: User) -> prices.Totals:
    actor = as_actor(user)
    cart = services.cart_of(actor=actor)
    return prices.totals(selectors.cart_lines(actor=actor, cart=cart))


def test_ord_6_the_cart_shops_for_the_own_organization_at_tier_prices_and_persists(
    nw_rep: User, gold_prices: PriceList, telemedia: dict[str, Any]
) -> None:
    """A Gold partner's cart is priced from the Gold list; a new session
    (a new actor) finds the same cart."""
    line = lines.line_add(
        actor=as_actor(nw_rep), product_id=telemedia["PHONE-X"].pk, quantity=Decimal(2)
    )
    assert (line.one_time_price, line.monthly_price) == (Decimal("399.00"), Decimal("0.00"))
    cart = services.cart_of(actor=as_actor(nw_rep))
    assert cart.customer_id is None
    assert cart.price_list == gold_prices
    assert cart.currency == "EUR"
    assert _totals(nw_rep) == prices.Totals(Decimal("798.00"), Decimal("0.00"))


def test_ord_6_ord_8_a_family_plan_keeps_one_time_and_monthly_totals_apart(
    co_rep: User, telemedia: dict[str, Any]
) -> None:
    """Contoso buys at list prices: the plan and lines are monthly, the
    phone in the bundle one-time at the bundle's 10 % discount, the lines at
    20 %, and a line's data pack monthly."""
    actor = as_actor(co_rep)
    bundle = lines.line_add(actor=actor, product_id=telemedia["FAMILY"].pk)
    kinds = sorted(
        (line.product.code, line.kind, line.quantity)
        for line in selectors.cart_lines(actor=actor, cart=bundle.cart)
    )
    assert kinds == [
        ("FAMILY", "item", 1),
        ("LINE", "component", 1),
        ("PLAN-1500", "component", 1),
    ]
    lines.line_add(
        actor=actor,
        product_id=telemedia["LINE"].pk,
        parent_line_id=bundle.pk,
        options=[telemedia["DATA-5"].pk],
    )
    lines.line_add(actor=actor, product_id=telemedia["PHONE-X"].pk, parent_line_id=bundle.pk)
    # 59 plan bundle + 39 shared minutes + 2 lines at 12 + the data pack at 4,
    # the line's 20 % (ORD-8); 499 less 10 %
    assert _totals(co_rep) == prices.Totals(Decimal("449.10"), Decimal("126.00"))


def test_ord_8_a_sixth_line_on_a_family_plan_that_allows_five_is_refused(
    co_rep: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(co_rep)
    bundle = lines.line_add(
        actor=actor,
        product_id=telemedia["FAMILY"].pk,
        components=[
            {"product_id": telemedia["PLAN-1500"].pk, "quantity": 1},
            {"product_id": telemedia["LINE"].pk, "quantity": 5},
        ],
    )
    with pytest.raises(ValidationFailed) as refused:
        lines.line_add(actor=actor, product_id=telemedia["LINE"].pk, parent_line_id=bundle.pk)
    assert refused.value.code == "bundle_rules_broken"
    assert "Cardinality" in refused.value.message
    assert "1 to 5" in refused.value.message
    assert CartLine.objects.filter(cart=bundle.cart, product=telemedia["LINE"]).count() == 1


def test_ord_8_a_bundle_without_its_primary_service_is_refused(
    co_rep: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(co_rep)
    with pytest.raises(ValidationFailed) as refused:
        lines.line_add(
            actor=actor,
            product_id=telemedia["FAMILY"].pk,
            components=[{"product_id": telemedia["LINE"].pk, "quantity": 2}],
        )
    assert refused.value.message.startswith("Primary service:")
    assert not CartLine.objects.exists()  # nothing half-saved
    bundle = lines.line_add(actor=actor, product_id=telemedia["FAMILY"].pk)
    plan = CartLine.objects.get(parent=bundle, product=telemedia["PLAN-1500"])
    with pytest.raises(ValidationFailed, match="Primary service"):
        lines.line_remove(actor=actor, line_id=plan.pk)
    assert CartLine.objects.filter(pk=plan.pk).exists()


def test_ord_8_an_option_that_does_not_belong_to_the_product_is_refused(
    co_rep: User, telemedia: dict[str, Any]
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        lines.line_add(
            actor=as_actor(co_rep),
            product_id=telemedia["PHONE-X"].pk,
            options=[telemedia["DATA-5"].pk],
        )
    assert refused.value.code == "option_not_of_product"
    assert refused.value.message.startswith("Option of the product:")
    assert not CartLine.objects.exists()


def test_ord_2_a_product_not_on_the_callers_price_list_is_refused(
    nw_rep: User, gold_prices: PriceList, telemedia: dict[str, Any]
) -> None:
    """The old phone is on the list prices but not on the Gold list."""
    with pytest.raises(ValidationFailed) as refused:
        lines.line_add(actor=as_actor(nw_rep), product_id=telemedia["PHONE-OLD"].pk)
    assert refused.value.code == "not_on_price_list"
    assert "not on your price list (Gold partners)" in refused.value.message


def test_ord_2_an_inactive_product_is_refused(
    sales_admin: User, co_rep: User, telemedia: dict[str, Any]
) -> None:
    phone = telemedia["PHONE-OLD"]
    catalog.product_update(
        actor=as_actor(sales_admin), product=phone, changes={"is_active": False},
        expected_version=phone.version,
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as refused:
        lines.line_add(actor=as_actor(co_rep), product_id=phone.pk)
    assert refused.value.code == "inactive_product"
    assert refused.value.message.startswith("Active product:")


@pytest.mark.parametrize(
    ("quantity", "code", "rule"),
    [
        ("0", "quantity_not_positive", "Positive quantity"),
        ("-1", "quantity_not_positive", "Positive quantity"),
        ("1.5", "quantity_fractional", "Whole quantity"),
    ],
)
def test_ord_8_a_quantity_at_or_below_zero_or_fractional_for_a_device_is_refused(
    co_rep: User, telemedia: dict[str, Any], quantity: str, code: str, rule: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        lines.line_add(
            actor=as_actor(co_rep), product_id=telemedia["PHONE-X"].pk, quantity=Decimal(quantity)
        )
    assert refused.value.code == code
    assert refused.value.message.startswith(rule)
    assert refused.value.field_errors["quantity"]


def test_ord_6_a_currency_that_differs_from_the_carts_is_refused(
    co_rep: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(co_rep)
    with pytest.raises(ValidationFailed) as refused:
        lines.line_add(actor=actor, product_id=telemedia["PHONE-X"].pk, currency="USD")
    assert refused.value.code == "currency_mismatch"
    assert "in EUR" in refused.value.message


def test_ord_6_moving_a_cart_to_a_price_list_in_another_currency_is_refused(
    channel_manager: User, customer: Account, buyer: Person, acme_prices: PriceList,
    telemedia: dict[str, Any],
) -> None:  # fmt: skip
    actor = as_actor(channel_manager)
    lines.line_add(actor=actor, product_id=telemedia["PHONE-X"].pk)
    with pytest.raises(ValidationFailed, match="Cart currency: this cart is in EUR"):
        services.cart_shop_for(actor=actor, customer_id=customer.pk, contact_id=buyer.pk)
    assert services.cart_of(actor=actor).customer_id is None


def test_ord_6_shopping_for_a_customer_takes_its_contact_and_price_list(
    channel_manager: User, customer: Account, buyer: Person, acme_prices: PriceList,
    telemedia: dict[str, Any],
) -> None:  # fmt: skip
    actor = as_actor(channel_manager)
    cart = services.cart_shop_for(actor=actor, customer_id=customer.pk, contact_id=buyer.pk)
    assert (cart.customer_id, cart.contact_id, cart.price_list_id, cart.currency) == (
        customer.pk, buyer.pk, acme_prices.pk, "USD",
    )  # fmt: skip
    line = lines.line_add(actor=actor, product_id=telemedia["PHONE-X"].pk)
    assert line.one_time_price == Decimal("450.00")


def test_ord_6_a_customer_the_partner_user_cannot_see_is_not_found(
    nw_rep: User, customer: Account, telemedia: dict[str, Any]
) -> None:
    with pytest.raises(NotFound):
        services.cart_shop_for(actor=as_actor(nw_rep), customer_id=customer.pk)


def test_ord_6_deal_9_a_partner_user_shops_for_the_customer_of_its_opportunity(
    nw_rep: User, co_rep: User, two_partners: dict[str, Any], channel_manager: User,
    customer: Account, buyer: Person, acme_prices: PriceList,
) -> None:  # fmt: skip
    """The partner on a customer's opportunity sees that customer and its
    contacts, and shops for it at the customer's prices; another partner
    still cannot name the customer."""
    Opportunity.objects.create(
        name="Acme phones", account=customer, partner=two_partners["nw"],
        owner=channel_manager, close_date=dt.date(2030, 1, 1),
    )  # fmt: skip
    actor = as_actor(nw_rep)
    assert list(selectors.customer_choices(actor=actor)) == [customer]
    assert list(selectors.contact_choices(actor=actor, account_id=customer.pk)) == [buyer]
    cart = services.cart_shop_for(actor=actor, customer_id=customer.pk, contact_id=buyer.pk)
    assert (cart.customer_id, cart.price_list_id) == (customer.pk, acme_prices.pk)
    assert list(selectors.customer_choices(actor=as_actor(co_rep))) == []
    with pytest.raises(NotFound):
        services.cart_shop_for(actor=as_actor(co_rep), customer_id=customer.pk)


def test_ord_6_deal_9_a_partner_user_reads_one_contact_as_its_list_shows_it(
    nw_rep: User, co_rep: User, two_partners: dict[str, Any], channel_manager: User,
    customer: Account, buyer: Person,
) -> None:  # fmt: skip
    """A contact read by primary key is checked through its own
    relationships, a list starts from the accounts the partner reaches
    (issue 19): both give the contacts of the customer of a deal the
    partner sells, or of one its people are on the team of (DEAL-9), and
    no other."""
    cam = as_actor(channel_manager)
    helped = account_create(actor=cam, data={"name": "Helped Inc", "country": "US"})
    elsewhere = account_create(actor=cam, data={"name": "Elsewhere Ltd", "country": "US"})
    helped_buyer = contact_create(actor=cam, last_name="Helper", account_ids=[helped.pk])
    contact_create(actor=cam, last_name="Stranger", account_ids=[elsewhere.pk])
    close = dt.date(2030, 1, 1)
    Opportunity.objects.create(
        name="Sold", account=customer, partner=two_partners["nw"], owner=channel_manager,
        close_date=close,
    )  # fmt: skip
    deal = Opportunity.objects.create(
        name="Helped", account=helped, owner=channel_manager, close_date=close
    )
    OpportunityTeamMember.objects.create(opportunity=deal, resource=two_partners["co_rep"].resource)
    for user, expected in ((nw_rep, {buyer.pk}), (co_rep, {helped_buyer.pk})):
        actor = as_actor(user)
        listed = set(access.visible(Person, actor).values_list("pk", flat=True))
        one_by_one = {pk for pk in Person.objects.values_list("pk", flat=True) if _reads(actor, pk)}
        assert listed == one_by_one == expected


def _reads(actor: Actor, pk: int) -> bool:
    try:
        access.get_visible(Person, actor, pk)
    except NotFound:
        return False
    return True


def test_ord_8_a_standard_user_cannot_change_a_price(
    nw_rep: User, telemedia: dict[str, Any]
) -> None:
    with pytest.raises(PermissionRefused) as refused:
        lines.line_add(
            actor=as_actor(nw_rep), product_id=telemedia["PHONE-X"].pk, discount_percent=Decimal(5)
        )
    assert refused.value.code == "price_change_not_allowed"
    assert refused.value.message.startswith("Prices from the price list:")


def test_ord_8_a_power_users_discount_beyond_the_allowed_one_is_refused(
    power: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(power)
    with pytest.raises(ValidationFailed) as refused:
        lines.line_add(
            actor=actor, product_id=telemedia["PHONE-X"].pk, discount_percent=Decimal(15)
        )
    assert refused.value.code == "discount_beyond_allowed"
    assert "between 0 and 10" in refused.value.message
    line = lines.line_add(
        actor=actor, product_id=telemedia["PHONE-X"].pk, discount_percent=Decimal(10)
    )
    assert _totals(power).one_time == Decimal("449.10")
    line = lines.line_update(actor=actor, line_id=line.pk, quantity=Decimal(2))
    assert _totals(power).one_time == Decimal("898.20")


def test_ord_6_a_partner_user_never_reaches_another_users_cart_line(
    nw_rep: User, two_partners: dict[str, Any], telemedia: dict[str, Any]
) -> None:
    line = lines.line_add(actor=as_actor(nw_rep), product_id=telemedia["PHONE-X"].pk)
    for other in ("nw_admin", "co_admin"):
        actor = as_actor(two_partners[other].user)
        with pytest.raises(NotFound):
            lines.line_remove(actor=actor, line_id=line.pk)
        with pytest.raises(NotFound):
            lines.line_update(actor=actor, line_id=line.pk, quantity=Decimal(3))
    assert CartLine.objects.get(pk=line.pk).quantity == 1
