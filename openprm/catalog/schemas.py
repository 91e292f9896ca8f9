"""API shapes of the catalog: products, bundles, price lists, the offer."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema
from pydantic import StrictBool

from openprm.catalog.models import ChargeType, ComponentRole, PriceListAudience, ProductType
from openprm.core.apikit.types import Input, RecordId, Version


class ProductIn(Input):
    code: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=200)
    family: str = Field("", max_length=80)
    description: str = Field("", max_length=5000)
    is_active: StrictBool = True
    type: ProductType = ProductType.DEVICE
    charge_type: ChargeType = ChargeType.ONE_TIME
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
    type: ProductType | None = None
    charge_type: ChargeType | None = None
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
    type: ProductType
    charge_type: ChargeType
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
    role: ComponentRole = ComponentRole.COMPONENT
    min_quantity: int = Field(0, ge=0, le=32767)
    max_quantity: int = Field(1, ge=1, le=32767)
    discount_percent: Decimal = Field(Decimal(0), ge=0, le=100, max_digits=5, decimal_places=2)


class ComponentUpdateIn(Input):
    role: ComponentRole | None = None
    min_quantity: int | None = Field(None, ge=0, le=32767)
    max_quantity: int | None = Field(None, ge=1, le=32767)
    discount_percent: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)


class ComponentOut(Schema):
    id: int
    product_id: int
    code: str = Field(..., alias="product.code")
    name: str = Field(..., alias="product.name")
    role: ComponentRole
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
    audience: PriceListAudience = PriceListAudience.LIST
    tier_id: RecordId | None = None
    customer_id: RecordId | None = None
    active_from: dt.date | None = None
    active_to: dt.date | None = None


class PriceListUpdateIn(Input):
    version: Version
    name: str | None = Field(None, min_length=1, max_length=120)
    currency: str | None = Field(None, min_length=3, max_length=3)
    audience: PriceListAudience | None = None
    tier_id: RecordId | None = None
    customer_id: RecordId | None = None
    active_from: dt.date | None = None
    active_to: dt.date | None = None


class PriceListOut(Schema):
    id: int
    name: str
    currency: str
    audience: PriceListAudience
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
    type: ProductType
    charge_type: ChargeType
    unit: str
    one_time_price: Decimal
    monthly_price: Decimal
    currency: str
