"""API shapes of the cart and quotes (ORD-2, ORD-6, ORD-8)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from openprm.carts.models import CartLineKind, QuoteStatus
from openprm.core.apikit.types import Input, RecordId

Quantity = Field(Decimal(1), max_digits=12, decimal_places=2)


class CartLineOut(Schema):
    id: int
    parent_line_id: int | None = Field(..., alias="line.parent_id")
    product_id: int = Field(..., alias="line.product_id")
    product_code: str = Field(..., alias="line.product.code")
    product_name: str = Field(..., alias="line.product.name")
    kind: CartLineKind = Field(..., alias="line.kind")
    quantity: Decimal = Field(..., alias="line.quantity")
    one_time_price: Decimal = Field(..., alias="line.one_time_price")
    monthly_price: Decimal = Field(..., alias="line.monthly_price")
    bundle_discount_percent: Decimal = Field(..., alias="line.bundle_discount_percent")
    discount_percent: Decimal = Field(..., alias="line.discount_percent")
    one_time_amount: Decimal
    monthly_amount: Decimal


class CartOut(Schema):
    """The caller's cart: for whom (no customer: the own organization), its
    lines and the one-time and monthly totals apart."""

    version: int
    customer_id: int | None
    contact_id: int | None
    opportunity_id: int | None
    price_list_id: int | None
    currency: str
    lines: list[CartLineOut]
    one_time_total: Decimal
    monthly_total: Decimal

    @staticmethod
    def resolve_version(summary: Any) -> int:
        return summary.shopping.version  # type: ignore[no-any-return]

    @staticmethod
    def resolve_customer_id(summary: Any) -> int | None:
        return summary.shopping.customer_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_contact_id(summary: Any) -> int | None:
        return summary.shopping.contact_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_opportunity_id(summary: Any) -> int | None:
        return summary.shopping.opportunity_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_price_list_id(summary: Any) -> int | None:
        return summary.shopping.price_list_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_currency(summary: Any) -> str:
        return summary.shopping.currency  # type: ignore[no-any-return]


class QuoteOut(CartOut):
    id: int
    number: str
    status: QuoteStatus
    valid_until: dt.date
    order_id: int | None

    @staticmethod
    def resolve_id(summary: Any) -> int:
        return summary.shopping.pk  # type: ignore[no-any-return]

    @staticmethod
    def resolve_number(summary: Any) -> str:
        return summary.shopping.number  # type: ignore[no-any-return]

    @staticmethod
    def resolve_status(summary: Any) -> QuoteStatus:
        return summary.shopping.status  # type: ignore[no-any-return]

    @staticmethod
    def resolve_valid_until(summary: Any) -> dt.date:
        return summary.shopping.valid_until  # type: ignore[no-any-return]

    @staticmethod
    def resolve_order_id(summary: Any) -> int | None:
        return summary.shopping.order_id  # type: ignore[no-any-return]


class QuoteListItemOut(Schema):
    id: int
    number: str
    status: QuoteStatus
    valid_until: dt.date
    customer_id: int | None
    currency: str
    one_time_total: Decimal
    monthly_total: Decimal
    order_id: int | None


class CartShoppingForIn(Input):
    """No customer: shopping for the own organization (stock)."""

    customer_id: RecordId | None = None
    contact_id: RecordId | None = None
    opportunity_id: RecordId | None = None


class CartComponentIn(Input):
    product_id: RecordId
    quantity: Decimal = Quantity
    options: list[RecordId] = Field(default_factory=list, max_length=50)


class CartLineIn(Input):
    """A product; with `parent_line_id`, a component of a bundle line of the
    cart; a bundle with `components` or, without, the least its rules take.
    `currency`, when sent, must be the cart's; `discount_percent` is for
    power users within the allowed percentage."""

    product_id: RecordId
    quantity: Decimal = Quantity
    options: list[RecordId] = Field(default_factory=list, max_length=50)
    parent_line_id: RecordId | None = None
    components: list[CartComponentIn] | None = Field(None, max_length=200)
    discount_percent: Decimal = Field(Decimal(0), max_digits=5, decimal_places=2)
    currency: str | None = Field(None, min_length=3, max_length=3)


class CartLineUpdateIn(Input):
    quantity: Decimal | None = Field(None, max_digits=12, decimal_places=2)
    options: list[RecordId] | None = Field(None, max_length=50)
    discount_percent: Decimal | None = Field(None, max_digits=5, decimal_places=2)


class CartConfirmIn(Input):
    """`confirm_prices`: the `price_token` of a `prices_changed` answer,
    accepting exactly the new prices it listed."""

    confirm_prices: str | None = Field(None, max_length=40)


class QuoteToCartIn(Input):
    replace: bool = False


class CartOrderOut(Schema):
    order_id: int
    number: str


class BundleConfigurationIn(Input):
    """ORD-8: the component lines of a bundle (each with its options)."""

    components: list[CartComponentIn] = Field(..., max_length=200)


class BundlePartOut(Schema):
    name: str
    depth: int
    quantity: Decimal
    one_time: Decimal
    monthly: Decimal


class BundlePreviewOut(Schema):
    """Every broken rule, named, and the price as configured."""

    valid: bool
    violations: list[str]
    currency: str
    parts: list[BundlePartOut]
    one_time_total: Decimal
    monthly_total: Decimal
