"""ORD-5: a customer's service profile — installed assets plus the effect
of its open orders — equals a plain-Python replay of its orders: the
fulfilled ones applied in the order they were fulfilled (Add creates, Update
changes the quantity, Delete ends), then each open order's latest revision
on top. Any sequence of placing, submitting, revising, cancelling,
fulfilling, modifying and disconnecting keeps the two equal."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from openprm.catalog.models import PriceList
from openprm.core.actor import Actor
from openprm.core.errors import DomainError
from openprm.orders import services
from openprm.orders.lines import LineSpec
from openprm.orders.models import OPEN_STATES, Asset, LineAction, Order, OrderLine
from tests.orders.conftest import complete, family

pytestmark = pytest.mark.django_db

Item = tuple[str, Decimal, str | None, str]
"""product code, quantity, the parent's product code, state."""

OPERATIONS = ("place", "submit", "revise", "cancel", "fulfil", "modify", "disconnect")
operation = st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 5), st.integers(0, 3))


def replay(fulfilled: list[Order], customer_id: int) -> list[Item]:
    """The profile computed from the stored order lines alone."""
    origin = dict(Asset.objects.values_list("pk", "origin_id"))  # asset → its Add line
    code = dict(OrderLine.objects.values_list("pk", "product__code"))
    model: dict[int, list[Any]] = {}  # Add line id → [code, quantity, parent key, state]
    for order in fulfilled:
        for line in order.lines.order_by("position"):
            if line.action == LineAction.ADD:
                parent = line.parent
                key = None
                if parent is not None:
                    key = parent.pk if parent.action == LineAction.ADD else origin[parent.asset_id]
                model[line.pk] = [code[line.pk], line.quantity, key, "installed"]
            elif line.action == LineAction.UPDATE:
                model[origin[line.asset_id]][1] = line.quantity
            elif line.action == LineAction.DELETE:
                model.pop(origin[line.asset_id], None)
    latest: dict[str, Order] = {}
    for order in Order.objects.filter(customer_id=customer_id, state__in=OPEN_STATES).order_by(
        "number", "-revision"
    ):
        latest.setdefault(order.number, order)
    for order in sorted(latest.values(), key=lambda o: o.pk):
        for line in order.lines.order_by("position"):
            if line.action == LineAction.ADD:
                parent = line.parent
                key = None
                if parent is not None:
                    key = parent.pk if parent.action == LineAction.ADD else origin[parent.asset_id]
                model[line.pk] = [code[line.pk], line.quantity, key, "adding"]
            elif line.action == LineAction.UPDATE:
                model[origin[line.asset_id]][1:4:2] = [line.quantity, "changing"]
            elif line.action == LineAction.DELETE:
                model[origin[line.asset_id]][3] = "disconnecting"
    return sorted((c, q, model[p][0] if p in model else None, s) for c, q, p, s in model.values())


def profile(actor: Actor, customer_id: int) -> list[Item]:
    items = services.service_profile(actor=actor, customer_id=customer_id)
    by_key = {item.key: item for item in items}
    return sorted(
        (
            _code(item)
            if item.key.startswith("line:")
            else Asset.objects.get(pk=item.key[6:]).product.code,
            item.quantity,
            _code(by_key.get(item.parent)) if item.parent else None,
            item.state,
        )
        for item in items
    )


def _code(item: Any) -> str | None:
    if item is None:
        return None
    if item.key.startswith("line:"):
        return OrderLine.objects.get(key=item.key[5:], order_id=item.order_id).product.code
    return Asset.objects.get(pk=item.key[6:]).product.code


def _submitted(actor: Actor, order: Order) -> Order:
    return services.order_submit(actor=actor, order=order, expected_version=order.version)


def step(op: tuple[str, int, int], ctx: dict[str, Any], fulfilled: list[Order]) -> None:
    name, pick, size = op
    power, manager, tm, prices = ctx["power"], ctx["manager"], ctx["tm"], ctx["prices"]
    orders = list(Order.objects.order_by("pk"))
    order = orders[pick % len(orders)] if orders else None
    assets = list(Asset.objects.filter(status="active", product__code="LINE").order_by("pk"))
    asset = assets[pick % len(assets)] if assets else None
    if name == "place":
        specs = family(tm, size + 1, options=bool(pick % 2))
        if pick % 3 == 0:
            specs.append(LineSpec(product_id=tm["PHONE-X"].pk, quantity=size + 1))
        placed = services.place_order(
            actor=power, customer_id=None, contact_id=None, price_list_id=prices.pk,
            opportunity_id=None, lines=specs,
        )  # fmt: skip
        if size % 2:
            fulfilled.append(complete(manager, _submitted(power, placed)))
    elif name == "submit" and order:
        services.order_submit(actor=power, order=order, expected_version=order.version)
    elif name == "revise" and order:
        revision = services.order_revise(actor=power, order=order)
        bundle = revision.lines.filter(product__code="FAMILY").first()
        if bundle is not None and size:
            services.order_line_add(
                actor=power, order=revision, product_id=tm["LINE"].pk, parent_line_id=bundle.pk,
                expected_version=revision.version,
            )  # fmt: skip
    elif name == "cancel" and order:
        services.order_cancel(actor=power, order=order, expected_version=order.version)
    elif name == "fulfil" and order:
        if order.state == "pending":
            order = services.order_submit(actor=power, order=order, expected_version=order.version)
        done = complete(manager, order)
        if done.state == "fulfilled" and order.state != "fulfilled":
            fulfilled.append(done)
    elif name == "modify" and asset:
        services.order_assets_change(
            actor=power, price_list_id=prices.pk,
            changes=[services.AssetChange(asset.pk, option_ids=[tm["DATA-5"].pk][: size % 2])],
        )  # fmt: skip
    elif name == "disconnect" and asset:
        services.order_assets_change(
            actor=power, price_list_id=prices.pk,
            changes=[services.AssetChange(asset.pk, disconnect=True)],
        )  # fmt: skip


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=3, max_size=10))
@example(  # a disconnect fulfilled while its revision was pending (ORD-7)
    operations=[("disconnect", 0, 0), ("submit", 1, 0), ("revise", 1, 0), ("fulfil", 1, 0)]
)
def test_ord_5_the_service_profile_equals_a_plain_python_replay_of_the_orders(
    nw_power: Actor, manager: Actor, telemedia: dict[str, Any], gold_prices: PriceList,
    two_partners: dict[str, Any], operations: list[tuple[str, int, int]],
    stock_order: Callable[..., Order],
) -> None:  # fmt: skip
    ctx = {"power": nw_power, "manager": manager, "tm": telemedia, "prices": gold_prices}
    customer_id = two_partners["nw"].account_id
    with transaction.atomic():
        fulfilled: list[Order] = []
        for op in [("place", 1, 1), *operations]:  # an installed plan to change
            try:
                with transaction.atomic():
                    step(op, ctx, fulfilled)
            except DomainError:
                pass  # a refused step changes nothing; the rules are tested elsewhere
        assert profile(nw_power, customer_id) == replay(fulfilled, customer_id)
        transaction.set_rollback(True)
