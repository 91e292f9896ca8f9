"""From what a buyer asks for to priced order lines (ORD-1, ORD-3, ORD-8).

`LineSpec` is what the cart's checkout, the API and the order pages send:
a product, how many, where it sits in a bundle and which options it takes,
and a manual discount. Prices never come from the caller: each line is
priced from the order's price list, less the bundle's component discount
and the manual discount the caller may give. Every problem of every line
is collected and refused at once, each message naming its rule, before
anything is written. Here: one line and its options; `line_build` puts
the lines into their bundle structure, `line_store` stores them.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from openprm.catalog import selectors as catalog_selectors
from openprm.catalog.models import PriceList, PriceListItem, Product, ProductOption, ProductType
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.orders.commerce import allowed_discount
from openprm.orders.errors import OrderErrorCode
from openprm.orders.models import FulfilmentStatus, LineAction, OrderLine

CENT = Decimal("0.01")


@dataclass(frozen=True)
class LineSpec:
    """One line as a buyer asks for it.

    `parent_index` is the index (in the same list) of the bundle line this
    component belongs to; `option_ids` the options the line takes.
    `line_id` names a line of the pending order being edited that this
    spec keeps (a revision): its product cannot change (ORD-7).
    """

    product_id: int
    quantity: Decimal | int | str = 1
    parent_index: int | None = None
    option_ids: Sequence[int] = ()
    discount_percent: Decimal | int | str = 0
    line_id: int | None = None


@dataclass
class Draft:
    """An order line before it is saved; `parent` indexes the drafts."""

    product: Product
    quantity: Decimal
    parent: int | None = None
    action: str = LineAction.ADD
    asset_id: int | None = None
    key: uuid.UUID = field(default_factory=uuid.uuid4)
    one_time_price: Decimal = Decimal(0)
    monthly_price: Decimal = Decimal(0)
    component_discount_percent: Decimal = Decimal(0)
    discount_percent: Decimal = Decimal(0)
    fulfilment_status: str = FulfilmentStatus.OPEN
    line_id: int | None = None
    """The stored line this draft keeps (editing a pending order)."""

    def factor(self) -> Decimal:
        return (1 - self.component_discount_percent / 100) * (1 - self.discount_percent / 100)

    @property
    def one_time_amount(self) -> Decimal:
        amount = self.one_time_price * self.quantity * self.factor()
        return amount.quantize(CENT, ROUND_HALF_UP)

    @property
    def monthly_amount(self) -> Decimal:
        amount = self.monthly_price * self.quantity * self.factor()
        return amount.quantize(CENT, ROUND_HALF_UP)


class Problems:
    """Every refusal of one request, by line, each naming its rule."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, str]] = []

    def add(self, where: str, code: OrderErrorCode, message: str) -> None:
        self.items.append((where, str(code), message))

    def raise_any(self) -> None:
        if not self.items:
            return
        field_errors: dict[str, list[str]] = {}
        for where, _code, message in self.items:
            field_errors.setdefault(where, []).append(message)
        raise ValidationFailed(
            " ".join(dict.fromkeys(message for _w, _c, message in self.items)),
            code=self.items[0][1],
            field_errors=field_errors,
            extra={"problems": [{"field": w, "code": c, "message": m} for w, c, m in self.items]},
        )


def decimal_or_none(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def checked_quantity(where: str, raw: object, product: Product, problems: Problems) -> Decimal:
    quantity = decimal_or_none(raw)
    if quantity is None or quantity <= 0:
        problems.add(
            f"{where}.quantity",
            OrderErrorCode.QUANTITY_INVALID,
            _("Positive quantity: %(name)s needs a quantity above 0, not %(quantity)s.")
            % {"name": product.name, "quantity": raw},
        )
        return Decimal(1)
    whole = product.type in (ProductType.DEVICE, ProductType.BUNDLE)
    if whole and quantity != quantity.to_integral_value():
        problems.add(
            f"{where}.quantity",
            OrderErrorCode.QUANTITY_INVALID,
            _("Whole quantity: %(name)s is a device; its quantity is whole, not %(q)s.")
            % {"name": product.name, "q": raw},
        )
    return quantity


def _discount(where: str, raw: object, allowed: Decimal, problems: Problems) -> Decimal:
    discount = decimal_or_none(raw)
    if discount is None or not 0 <= discount <= 100:
        problems.add(
            f"{where}.discount_percent",
            OrderErrorCode.DISCOUNT_TOO_HIGH,
            _("Discount: a discount is between 0 and 100 %, not %(value)s.") % {"value": raw},
        )
        return Decimal(0)
    if discount > 0 and allowed == 0:
        problems.add(
            f"{where}.discount_percent",
            OrderErrorCode.PRICE_CHANGE_REFUSED,
            _(
                "Price list prices: a standard user cannot change prices; the price list's prices "
                "apply "
                "(discount asked: %(value)s %%)."
            )
            % {"value": discount},
        )
    elif discount > allowed:
        problems.add(
            f"{where}.discount_percent",
            OrderErrorCode.DISCOUNT_TOO_HIGH,
            _(
                "Allowed discount: a discount of %(value)s %% is beyond the %(allowed)s %% you "
                "may give."
            )
            % {"value": discount, "allowed": allowed},
        )
    return discount


@dataclass(frozen=True)
class Context:
    """What every line of one request is checked against."""

    actor: Actor
    price_list: PriceList
    day: date
    products: dict[int, Product]
    prices: dict[int, PriceListItem]
    options: dict[int, set[int]]
    kept: dict[int, OrderLine]
    allowed_discount: Decimal
    """The highest discount the actor may give (ORD-8), read once for all lines."""


def load_context(
    *,
    actor: Actor,
    price_list: PriceList,
    specs: Sequence[LineSpec],
    day: date,
    kept: dict[int, OrderLine] | None = None,
    extra_product_ids: Sequence[int] = (),
) -> Context:
    """The products, prices and options the specs name, in three queries,
    and the discount the actor may give."""
    ids = {s.product_id for s in specs} | {o for s in specs for o in s.option_ids}
    ids |= set(extra_product_ids)
    products = {p.pk: p for p in catalog_selectors.product_list(actor=actor).filter(pk__in=ids)}
    prices = {
        item.product_id: item
        for item in access.unscoped(PriceListItem).filter(price_list=price_list, product_id__in=ids)
    }
    options: dict[int, set[int]] = {}
    for product_id, option_id in (
        access.unscoped(ProductOption)
        .filter(product_id__in=ids)
        .values_list("product_id", "option_id")
    ):
        options.setdefault(product_id, set()).add(option_id)
    return Context(
        actor, price_list, day, products, prices, options, kept or {}, allowed_discount(actor)
    )


def _product(where: str, product_id: int, ctx: Context, problems: Problems) -> Product | None:
    product = ctx.products.get(product_id)
    if product is None:
        problems.add(
            f"{where}.product_id",
            OrderErrorCode.PRODUCT_INACTIVE,
            _("Active product: product %(id)s is not in the catalog or not active.")
            % {"id": product_id},
        )
        return None
    if not product.sellable_on(ctx.day):
        problems.add(
            f"{where}.product_id",
            OrderErrorCode.PRODUCT_INACTIVE,
            _("Active product: %(name)s is not active and cannot be ordered.")
            % {"name": product.name},
        )
    if product.pk not in ctx.prices:
        problems.add(
            f"{where}.product_id",
            OrderErrorCode.PRODUCT_NOT_PRICED,
            _(
                "Caller's price list: %(name)s is not on the price list %(list)s, so it has no "
                "price for you."
            )
            % {"name": product.name, "list": ctx.price_list.name},
        )
    return product


def _priced(draft: Draft, ctx: Context) -> Draft:
    item = ctx.prices.get(draft.product.pk)
    if item is not None:
        draft.one_time_price = item.one_time_price
        draft.monthly_price = item.monthly_price
    return draft


def line_draft(index: int, spec: LineSpec, ctx: Context, problems: Problems) -> Draft | None:
    where = f"lines.{index}"
    kept = ctx.kept.get(spec.line_id) if spec.line_id is not None else None
    if spec.line_id is not None and kept is None:
        problems.add(
            f"{where}.line_id",
            OrderErrorCode.LINE_UNKNOWN,
            _("Revision lines: line %(id)s is not a line of this order.") % {"id": spec.line_id},
        )
    if kept is not None and kept.product_id != spec.product_id:
        problems.add(
            f"{where}.product_id",
            OrderErrorCode.LINE_PRODUCT_CHANGED,
            _(
                "Same product in a revision: the product of a line cannot change within a "
                "revision (%(name)s); "
                "remove the line and add another."
            )
            % {"name": kept.product.name},
        )
        return None
    product = _product(where, spec.product_id, ctx, problems)
    if product is None:
        return None
    draft = Draft(
        product=product,
        quantity=checked_quantity(where, spec.quantity, product, problems),
        discount_percent=_discount(where, spec.discount_percent, ctx.allowed_discount, problems),
    )
    if kept is not None:
        draft.key, draft.action, draft.asset_id = kept.key, kept.action, kept.asset_id
        draft.line_id = kept.pk
        unchanged = draft.quantity == kept.quantity
        if unchanged and draft.discount_percent == kept.discount_percent:
            draft.fulfilment_status = kept.fulfilment_status
    return _priced(draft, ctx)


def option_drafts(
    index: int, spec: LineSpec, line: Draft, at: int, ctx: Context, problems: Problems
) -> list[Draft]:
    found: list[Draft] = []
    owned = ctx.options.get(line.product.pk, set())
    previous = {}
    if spec.line_id in ctx.kept:
        previous = {c.product_id: c for c in ctx.kept[spec.line_id].children.all()}
    for option_id in dict.fromkeys(spec.option_ids):
        where = f"lines.{index}.option_ids"
        if option_id not in owned:
            name = ctx.products[option_id].name if option_id in ctx.products else option_id
            problems.add(
                where,
                OrderErrorCode.OPTION_NOT_OF_PRODUCT,
                _("Option of the product: %(option)s does not belong to %(name)s.")
                % {"option": name, "name": line.product.name},
            )
            continue
        product = _product(where, option_id, ctx, problems)
        if product is None:
            continue
        option = Draft(
            product=product,
            quantity=line.quantity,
            parent=at,
            component_discount_percent=line.component_discount_percent,
            discount_percent=line.discount_percent,
        )
        if option_id in previous:
            option.key, option.action = previous[option_id].key, previous[option_id].action
            option.asset_id = previous[option_id].asset_id
            option.line_id = previous[option_id].pk
        found.append(_priced(option, ctx))
    return found
