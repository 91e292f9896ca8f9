"""A customer's service profile (ORD-5): its installed assets plus the
effect of its open orders — what the customer will have once they are
fulfilled. What the configurator and the profile pages show."""

from dataclasses import dataclass
from decimal import Decimal

from openprm.core import access
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.orders.models import OPEN_STATES, Asset, AssetStatus, LineAction, Order, OrderLine


class ProfileState:
    INSTALLED = "installed"
    ADDING = "adding"
    CHANGING = "changing"
    DISCONNECTING = "disconnecting"


@dataclass
class ProfileItem:
    """One thing the customer has or will have; `key` is "asset:<id>" for an
    installed asset, "line:<key>" for one an open order adds."""

    key: str
    product_id: int
    product: str
    quantity: Decimal
    parent: str | None
    state: str
    order: str | None = None
    order_id: int | None = None


def _current_revisions(actor: Actor, customer_id: int) -> list[Order]:
    """Of each open order, the latest revision that still counts."""
    rows = (
        access.visible(Order, actor)
        .filter(customer_id=customer_id, state__in=OPEN_STATES)
        .order_by("number", "-revision")
    )
    latest: dict[str, Order] = {}
    for order in rows:
        latest.setdefault(order.number, order)
    return sorted(latest.values(), key=lambda o: o.pk)


def service_profile(*, actor: Actor, customer_id: int) -> list[ProfileItem]:
    """Of an account the actor may see (404 otherwise): what its rows show it."""
    access.get_visible(Account, actor, customer_id)
    assets = list(
        access.visible(Asset, actor)
        .filter(customer_id=customer_id, status=AssetStatus.ACTIVE)
        .select_related("product")
        .order_by("pk")
    )
    orders = _current_revisions(actor, customer_id)
    items = {
        f"asset:{a.pk}": ProfileItem(
            key=f"asset:{a.pk}",
            product_id=a.product_id,
            product=a.product.name,
            quantity=a.quantity,
            parent=f"asset:{a.parent_id}" if a.parent_id else None,
            state=ProfileState.INSTALLED,
        )
        for a in assets
    }
    lines = (
        access.visible(OrderLine, actor)
        .filter(order__in=orders)
        .select_related("product", "parent")
        .order_by("order_id", "position", "pk")
    )
    numbers = {o.pk: o.number for o in orders}
    for line in lines:
        _apply(items, line, numbers[line.order_id])
    return list(items.values())


def _apply(items: dict[str, ProfileItem], line: OrderLine, number: str) -> None:
    if line.action == LineAction.ADD:
        parent = None
        if line.parent is not None:
            parent = (
                f"line:{line.parent.key}"
                if line.parent.action == LineAction.ADD
                else f"asset:{line.parent.asset_id}"
            )
        items[f"line:{line.key}"] = ProfileItem(
            key=f"line:{line.key}",
            product_id=line.product_id,
            product=line.product.name,
            quantity=line.quantity,
            parent=parent,
            state=ProfileState.ADDING,
            order=number,
            order_id=line.order_id,
        )
        return
    item = items.get(f"asset:{line.asset_id}")
    if item is None or line.action == LineAction.UNCHANGED:
        return
    item.order, item.order_id = number, line.order_id
    if line.action == LineAction.UPDATE:
        item.quantity, item.state = line.quantity, ProfileState.CHANGING
    else:
        item.state = ProfileState.DISCONNECTING
