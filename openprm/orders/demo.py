"""Demo orders: the TeleMedia story at Northwind (ORD-3..ORD-9). Its power
user buys five X5 phones for the store at its tier's prices (fulfilled:
stock assets), orders a Family 1500 plan with three lines, revises it the
next morning to five lines (revision 1 stays as history), the plan is
fulfilled into assets, and a later change order takes the data pack off
one line (open). Its sales rep also orders for one of Northwind's
customers (ORD-6): two X5 phones and a Family 1500 plan with two lines,
at the price list that applies to that customer, submitted (open)."""

from typing import Any

from openprm.catalog import pricing
from openprm.core import access
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.demo.context import DemoContext
from openprm.identity.actors import actor_for
from openprm.identity.models import User
from openprm.orders import selectors, services
from openprm.orders.lines import LineSpec
from openprm.orders.models import Asset, Order


def _submit(actor: Actor, order: Order) -> Order:
    return services.order_submit(actor=actor, order=order, expected_version=order.version)


def _fulfil(manager: Actor, order: Order) -> Order:
    reports = [services.StatusReport(line.pk, "complete") for line in order.lines.all()]
    return services.fulfilment_report(actor=manager, order=order, reports=reports)


def _for_a_customer(rep: Actor, mobile: dict[str, Any]) -> Order | None:
    """ORD-6: the partner's rep orders for the first customer account it
    sees besides its own organization."""
    own = selectors.own_account(actor=rep)
    customer = access.visible(Account, rep).exclude(pk=own.pk).order_by("name", "pk").first()
    prices = pricing.price_list_for(rep, for_customer=customer.pk) if customer else None
    if customer is None or prices is None:
        return None
    lines = [
        LineSpec(product_id=mobile["TM-PHONE-X"].pk, quantity=2),
        LineSpec(product_id=mobile["TM-FAMILY-1500"].pk),
        LineSpec(product_id=mobile["TM-PLAN-1500"].pk, parent_index=1),
        LineSpec(product_id=mobile["TM-LINE"].pk, parent_index=1),
        LineSpec(product_id=mobile["TM-LINE"].pk, parent_index=1),
    ]
    order = services.place_order(
        actor=rep, customer_id=customer.pk, contact_id=None, price_list_id=prices.pk,
        opportunity_id=None, lines=lines,
    )  # fmt: skip
    return _submit(rep, order)


def seed(context: DemoContext) -> None:
    mobile = context.records.get("mobile_products")
    user = User.objects.filter(username="nw-admin").first()
    if not mobile or user is None:
        return
    buyer, manager = actor_for(user), context.records["user:salesadmin"]
    prices = pricing.price_list_for(buyer)
    if prices is None:
        return

    def place(lines: list[LineSpec]) -> Order:
        return services.place_order(
            actor=buyer, customer_id=None, contact_id=None, price_list_id=prices.pk,
            opportunity_id=None, lines=lines,
        )  # fmt: skip

    stock = place([LineSpec(product_id=mobile["TM-PHONE-X"].pk, quantity=5)])
    _fulfil(manager, _submit(buyer, stock))
    data = mobile["TM-DATA-5"].pk
    plan = [
        LineSpec(product_id=mobile["TM-FAMILY-1500"].pk),
        LineSpec(product_id=mobile["TM-PLAN-1500"].pk, parent_index=0),
        *[
            LineSpec(product_id=mobile["TM-LINE"].pk, parent_index=0, option_ids=[data])
            for _ in range(3)
        ],
    ]
    family = _submit(buyer, place(plan))
    revision = services.order_revise(actor=buyer, order=family)
    bundle = revision.lines.get(product=mobile["TM-FAMILY-1500"])
    for _ in range(2):
        revision.refresh_from_db()
        revision = services.order_line_add(
            actor=buyer, order=revision, product_id=mobile["TM-LINE"].pk,
            parent_line_id=bundle.pk, option_ids=[data], expected_version=revision.version,
        )  # fmt: skip
    _fulfil(manager, _submit(buyer, revision))
    line = Asset.objects.filter(origin__order=revision, product=mobile["TM-LINE"]).first()
    if line is not None:
        services.order_assets_change(
            actor=buyer, price_list_id=prices.pk,
            changes=[services.AssetChange(asset_id=line.pk, option_ids=[])],
        )  # fmt: skip
    rep = User.objects.filter(username="nw-rep").first()
    if rep is not None:
        _for_a_customer(actor_for(rep), mobile)
