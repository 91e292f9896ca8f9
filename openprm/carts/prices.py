"""What a cart or quote costs (ORD-6, ORD-8), and what its prices would be
today.

A line's unit prices are the price list's; a bundle's component, and each
option of it, takes the bundle's discount for the component. Amounts are
rounded once, half up, as the orders app rounds its lines, so a checked-out
cart costs what the cart showed. Totals keep one-time and monthly charges
apart.
A component's quantity counts per unit of its bundle, an option's per unit
of its line. `price_changes` compares the prices a cart or quote holds with
the price list today; checkout shows them and goes on only once the user
confirmed exactly those (`token`), so a changed price is never applied
silently.
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from openprm.carts.models import CartLineKind, Line
from openprm.catalog.models import BundleComponent, PriceList, PriceListItem
from openprm.core import access

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Unit:
    """Unit prices from the price list and the bundle's discount on them."""

    one_time: Decimal
    monthly: Decimal
    bundle_discount: Decimal = Decimal(0)


def list_prices(price_list: PriceList, product_ids: Iterable[int]) -> dict[int, Unit]:
    """The price list's prices of `product_ids` in one query. The price
    list is the one `catalog.pricing` resolved for the cart's owner, which
    may not read price lists themselves."""
    rows = access.unscoped(PriceListItem).filter(
        price_list=price_list, product_id__in=set(product_ids)
    )
    return {
        product_id: Unit(one_time, monthly)
        for product_id, one_time, monthly in rows.values_list(
            "product_id", "one_time_price", "monthly_price"
        )
    }


def component_discounts(bundle_ids: Iterable[int]) -> dict[tuple[int, int], Decimal]:
    """(bundle, component product) → the bundle's discount for it (ORD-8)."""
    rows = access.unscoped(BundleComponent).filter(bundle_id__in=set(bundle_ids))
    return {
        (bundle_id, product_id): discount
        for bundle_id, product_id, discount in rows.values_list(
            "bundle_id", "product_id", "discount_percent"
        )
    }


def amount(quantity: Decimal, price: Decimal, keep: Decimal) -> Decimal:
    return (quantity * price * keep).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Totals:
    one_time: Decimal
    monthly: Decimal


def effective_quantity(line: Line, by_id: Mapping[int, Line]) -> Decimal:
    """A component counts per unit of its bundle, an option per unit of its line."""
    quantity = line.quantity
    parent = by_id.get(line.parent_id) if line.parent_id else None
    while parent is not None:
        quantity *= parent.quantity
        parent = by_id.get(parent.parent_id) if parent.parent_id else None
    return quantity


def line_amounts(line: Line, by_id: Mapping[int, Line]) -> Totals:
    quantity = effective_quantity(line, by_id)
    return Totals(
        amount(quantity, line.one_time_price, line.keep),
        amount(quantity, line.monthly_price, line.keep),
    )


def totals(lines: Sequence[Line]) -> Totals:
    by_id = {line.pk: line for line in lines}
    one_time = monthly = Decimal(0)
    for line in lines:
        amounts = line_amounts(line, by_id)
        one_time += amounts.one_time
        monthly += amounts.monthly
    return Totals(one_time, monthly)


@dataclass(frozen=True)
class PriceChange:
    line_id: int
    product: str
    was: Unit
    now: Unit


def current_units(lines: Sequence[Line], price_list: PriceList) -> dict[int, Unit | None]:
    """Each line's unit prices and bundle discount on `price_list` today
    (None: no longer on it)."""
    listed = list_prices(price_list, (line.product_id for line in lines))
    by_id = {line.pk: line for line in lines}
    bundles = {
        by_id[line.parent_id].product_id for line in lines if line.kind == CartLineKind.COMPONENT
    }
    discounts = component_discounts(bundles)

    def bundle_discount(line: Line) -> Decimal:
        if line.kind == CartLineKind.OPTION and line.parent_id in by_id:
            return bundle_discount(by_id[line.parent_id])
        if line.kind == CartLineKind.COMPONENT:
            bundle = by_id[line.parent_id].product_id
            return discounts.get((bundle, line.product_id), Decimal(0))
        return Decimal(0)

    found: dict[int, Unit | None] = {}
    for line in lines:
        price = listed.get(line.product_id)
        found[line.pk] = (
            None if price is None else Unit(price.one_time, price.monthly, bundle_discount(line))
        )
    return found


def price_changes(lines: Sequence[Line], current: Mapping[int, Unit | None]) -> list[PriceChange]:
    changes = []
    for line in lines:
        now = current.get(line.pk)
        was = Unit(line.one_time_price, line.monthly_price, line.bundle_discount_percent)
        if now is not None and now != was:
            changes.append(PriceChange(line.pk, line.product.name, was, now))
    return changes


def token(changes: Sequence[PriceChange]) -> str:
    """What the user confirms: exactly these new prices, no others."""
    text = ";".join(
        f"{c.line_id}:{c.now.one_time}:{c.now.monthly}"
        for c in sorted(changes, key=lambda c: c.line_id)
    )
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def tree(lines: Sequence[Line]) -> list[tuple[Line, int]]:
    """The lines in reading order with their depth: each line followed by
    its components and options."""
    children: dict[int | None, list[Line]] = defaultdict(list)
    for line in lines:
        children[line.parent_id].append(line)
    ordered: list[tuple[Line, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for line in children.get(parent, []):
            ordered.append((line, depth))
            walk(line.pk, depth + 1)

    walk(None, 0)
    return ordered
