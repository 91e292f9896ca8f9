"""API shapes of the catalog: products, bundles, price lists, the offer."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema
from pydantic import StrictBool

from openprm.core.apikit.types import Input, RecordId, Version

Kind = Literal["device", "service", "option", "bundle"]
Charge = Literal["one_time", "monthly"]


class ProductIn(Input):
    code: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=200)
    family: str = Field("", max_length=80)
    description: str = Field("", max_length=5000)
    is_active: StrictBool = True
    type: Kind = "device"
    charge_type: Charge = "one_time"
    unit: str = Field("each", min_length=1, max_length=20)
    is_orderable: StrictBool = True
    active_from: dt.date | None = None
    active_to: dt.date | None = None


class ProductUpdateIn(Input):
    version: Version
    code: str | None = Field(None, min_length=1, max_length=40)
    name: str | None = Field(None, min_length=1, max_length=200)
    family: str | None = Field(None, max_length=80)
    description: str | None = Field(None, max_length=5000)
    is_active: StrictBool | None = None
    type: Kind | None = None
    charge_type: Charge | None = None
    unit: str | None = Field(None, min_length=1, max_length=20)
    is_orderable: StrictBool | None = None
    active_from: dt.date | None = None
    active_to: dt.date | None = None


class ProductOut(Schema):
    id: int
    code: str
    name: str
    family: str
    description: str
    is_active: bool
    type: Kind
    charge_type: Charge
    unit: str
    is_orderable: bool
    active_from: dt.date | None
    active_to: dt.date | None
    version: int


class AttributeIn(Input):
    name: str = Field(..., min_length=1, max_length=60)
    value: str = Field(..., min_length=1, max_length=200)


class AttributeOut(Schema):
    id: int
    name: str
    value: str


class OptionIn(Input):
    option_id: RecordId


class OptionOut(Schema):
    id: int
    option_id: int
    code: str = Field(..., alias="option.code")
    name: str = Field(..., alias="option.name")


class ComponentIn(Input):
    product_id: RecordId
    role: Literal["primary", "component"] = "component"
    min_quantity: int = Field(0, ge=0, le=32767)
    max_quantity: int = Field(1, ge=1, le=32767)
    discount_percent: Decimal = Field(Decimal(0), ge=0, le=100, max_digits=5, decimal_places=2)


class ComponentUpdateIn(Input):
    role: Literal["primary", "component"] | None = None
    min_quantity: int | None = Field(None, ge=0, le=32767)
    max_quantity: int | None = Field(None, ge=1, le=32767)
    discount_percent: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)


class ComponentOut(Schema):
    id: int
    product_id: int
    code: str = Field(..., alias="product.code")
    name: str = Field(..., alias="product.name")
    role: Literal["primary", "component"]
    min_quantity: int
    max_quantity: int
    discount_percent: Decimal


class LineIn(Input):
    product_id: RecordId
    quantity: Decimal = Field(Decimal(1), max_digits=12, decimal_places=3)
    options: list[RecordId] = Field(default_factory=list, max_length=50)


class ConfigurationIn(Input):
    lines: list[LineIn] = Field(..., max_length=500)


class ViolationOut(Schema):
    rule: str
    message: str
    product_id: int | None


class ConfigurationOut(Schema):
    valid: bool
    violations: list[ViolationOut]


class PriceListIn(Input):
    name: str = Field(..., min_length=1, max_length=120)
    currency: str = Field("EUR", min_length=3, max_length=3)
    audience: Literal["list", "tier", "customer"] = "list"
    tier_id: RecordId | None = None
    customer_id: RecordId | None = None
    active_from: dt.date | None = None
    active_to: dt.date | None = None


class PriceListUpdateIn(Input):
    version: Version
    name: str | None = Field(None, min_length=1, max_length=120)
    currency: str | None = Field(None, min_length=3, max_length=3)
    audience: Literal["list", "tier", "customer"] | None = None
    tier_id: RecordId | None = None
    customer_id: RecordId | None = None
    active_from: dt.date | None = None
    active_to: dt.date | None = None


class PriceListOut(Schema):
    id: int
    name: str
    currency: str
    audience: Literal["list", "tier", "customer"]
    tier_id: int | None
    customer_id: int | None
    active_from: dt.date | None
    active_to: dt.date | None
    version: int


class ItemIn(Input):
    product_id: RecordId
    one_time_price: Decimal = Field(Decimal(0), ge=0, max_digits=12, decimal_places=2)
    monthly_price: Decimal = Field(Decimal(0), ge=0, max_digits=12, decimal_places=2)


class ItemOut(Schema):
    id: int
    product_id: int
    code: str = Field(..., alias="product.code")
    name: str = Field(..., alias="product.name")
    one_time_price: Decimal
    monthly_price: Decimal


class OfferOut(Schema):
    """A product the caller may order, at the caller's price."""

    id: int
    code: str
    name: str
    family: str
    type: Kind
    charge_type: Charge
    unit: str
    one_time_price: Decimal
    monthly_price: Decimal
    currency: str
