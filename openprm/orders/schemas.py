"""API shapes of orders, fulfilment, assets and the service profile."""

import datetime as dt
import uuid
from decimal import Decimal

from ninja import Field, Schema

from openprm.core.apikit.types import Input, RecordId, Version
from openprm.orders.models import (
    AssetEventKind,
    AssetStatus,
    FulfilmentStatus,
    LineAction,
    OrderState,
    ServiceProfileState,
)

Qty = Decimal


class OrderLineSpecIn(Input):
    """One line as the buyer asks for it; its prices come from the price list."""

    product_id: RecordId
    quantity: Decimal = Field(Decimal(1), max_digits=12, decimal_places=3)
    parent_index: int | None = Field(None, ge=0, le=10_000)
    option_ids: list[RecordId] = Field(default_factory=list, max_length=50)
    discount_percent: Decimal = Field(Decimal(0), max_digits=5, decimal_places=2)
    line_id: RecordId | None = None


class OrderIn(Input):
    customer_id: RecordId | None = None
    contact_id: RecordId | None = None
    price_list_id: RecordId
    opportunity_id: RecordId | None = None
    lines: list[OrderLineSpecIn] = Field(..., max_length=2000)


class OrderLinesIn(Input):
    version: Version
    lines: list[OrderLineSpecIn] = Field(..., max_length=2000)


class OrderVersionIn(Input):
    version: Version


class OrderStatusReportIn(Input):
    line_id: RecordId
    status: FulfilmentStatus


class OrderFulfilmentIn(Input):
    reports: list[OrderStatusReportIn] = Field(..., min_length=1, max_length=5000)


class AssetChangeIn(Input):
    asset_id: RecordId
    disconnect: bool = False
    quantity: Decimal | None = Field(None, max_digits=12, decimal_places=3)
    option_ids: list[RecordId] | None = Field(None, max_length=50)


class AssetOrderIn(Input):
    price_list_id: RecordId
    contact_id: RecordId | None = None
    changes: list[AssetChangeIn] = Field(..., min_length=1, max_length=500)


class OrderLineOut(Schema):
    id: int
    key: uuid.UUID
    position: int
    parent_id: int | None
    action: LineAction
    product_id: int
    product_code: str = Field(..., alias="product.code")
    product_name: str = Field(..., alias="product.name")
    asset_id: int | None
    quantity: Decimal
    one_time_price: Decimal
    monthly_price: Decimal
    component_discount_percent: Decimal
    discount_percent: Decimal
    one_time_amount: Decimal
    monthly_amount: Decimal
    fulfilment_status: FulfilmentStatus


class OrderOut(Schema):
    id: int
    number: str
    revision: int
    previous_id: int | None
    state: OrderState
    customer_id: int
    partner_id: int | None
    contact_id: int | None
    price_list_id: int
    opportunity_id: int | None
    currency: str
    one_time_total: Decimal
    monthly_total: Decimal
    submitted_at: dt.datetime | None
    version: int


class OrderDetailOut(OrderOut):
    lines: list[OrderLineOut]


class OrderLineChangeOut(Schema):
    key: str
    product: str
    action: str
    parent: str | None
    changes: dict[str, tuple[str, str]]


class OrderDiffOut(Schema):
    before_id: int
    after_id: int
    added: list[OrderLineChangeOut]
    changed: list[OrderLineChangeOut]
    removed: list[OrderLineChangeOut]
    one_time_change: Decimal
    monthly_change: Decimal


class AssetOut(Schema):
    id: int
    customer_id: int
    partner_id: int | None
    product_id: int
    product_name: str = Field(..., alias="product.name")
    parent_id: int | None
    quantity: Decimal
    status: AssetStatus
    start_date: dt.date
    end_date: dt.date | None
    one_time_amount: Decimal
    monthly_amount: Decimal
    currency: str
    origin_id: int


class AssetEventOut(Schema):
    kind: AssetEventKind
    on: dt.date
    line_id: int
    quantity: Decimal
    detail: str


class AssetDetailOut(AssetOut):
    history: list[AssetEventOut] = Field(..., alias="history_rows")


class ServiceProfileItemOut(Schema):
    key: str
    product_id: int
    product: str
    quantity: Decimal
    parent: str | None
    state: ServiceProfileState
    order: str | None
    order_id: int | None
