"""A customer's service profile (ORD-5): its installed assets plus the
effect of its open orders — what the customer will have once they are
fulfilled. What the configurator and the profile pages show."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openprm.core import access
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.orders.models import (
    OPEN_STATES,
    Asset,
    AssetStatus,
    LineAction,
    Order,
    OrderLine,
    ServiceProfileState,
)


@dataclass(slots=True)
class ProfileItem:
    """One thing the customer has or will have; `key` is "asset:<id>" for an
    installed asset, "line:<key>" for one an open order adds. Slotted: a
    profile holds thousands, and each costs no attribute dictionary."""

    key: str
    product_id: int
    product: str
    quantity: Decimal
    parent: str | None
    state: ServiceProfileState
    order: str | None = None
    order_id: int | None = None


def _current_revisions(actor: Actor, customer_id: int) -> dict[int, str]:
    """Of each open order, the latest revision that still counts: its id
    and number."""
    rows = (
        access.visible(Order, actor)
        .filter(customer_id=customer_id, state__in=OPEN_STATES)
        .order_by("number", "-revision")
        .values_list("pk", "number")
    )
    latest: dict[str, int] = {}
    for pk, number in rows:
        latest.setdefault(number, pk)
    return {pk: number for number, pk in sorted(latest.items(), key=lambda pair: pair[1])}


LINE_FIELDS = (
    "order_id", "key", "action", "product_id", "product__name", "quantity", "asset_id",
    "parent__key", "parent__action", "parent__asset_id",
)  # fmt: skip


def service_profile(*, actor: Actor, customer_id: int) -> list[ProfileItem]:
    """Of an account the actor may see (404 otherwise): what its rows show
    it, read as plain values (a thousand assets in a few milliseconds)."""
    access.get_visible(Account, actor, customer_id)
    assets = (
        access.visible(Asset, actor)
        .filter(customer_id=customer_id, status=AssetStatus.ACTIVE)
        .order_by("pk")
        .values_list("pk", "product_id", "product__name", "quantity", "parent_id")
    )
    items: dict[str, ProfileItem] = {}
    for pk, product_id, name, quantity, parent_id in assets:
        key = f"asset:{pk}"
        parent = f"asset:{parent_id}" if parent_id else None
        items[key] = ProfileItem(
            key, product_id, name, quantity, parent, ServiceProfileState.INSTALLED
        )
    orders = _current_revisions(actor, customer_id)
    lines = (
        access.visible(OrderLine, actor)
        .filter(order_id__in=list(orders))
        .order_by("order_id", "position", "pk")
        .values(*LINE_FIELDS)
    )
    for line in lines:
        _apply(items, line, orders[line["order_id"]])
    return list(items.values())


def _apply(items: dict[str, ProfileItem], line: dict[str, Any], number: str) -> None:
    action = line["action"]
    if action == LineAction.ADD:
        parent = None
        if line["parent__key"] is not None:
            parent = (
                f"line:{line['parent__key']}"
                if line["parent__action"] == LineAction.ADD
                else f"asset:{line['parent__asset_id']}"
            )
        items[f"line:{line['key']}"] = ProfileItem(
            key=f"line:{line['key']}",
            product_id=line["product_id"],
            product=line["product__name"],
            quantity=line["quantity"],
            parent=parent,
            state=ServiceProfileState.ADDING,
            order=number,
            order_id=line["order_id"],
        )
        return
    item = items.get(f"asset:{line['asset_id']}")
    if item is None or action == LineAction.UNCHANGED:
        return
    item.order, item.order_id = number, line["order_id"]
    if action == LineAction.UPDATE:
        item.quantity, item.state = line["quantity"], ServiceProfileState.CHANGING
    else:
        item.state = ServiceProfileState.DISCONNECTING
