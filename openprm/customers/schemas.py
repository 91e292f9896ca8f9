"""API shapes for accounts, legal entities, billing accounts and notes.

Inputs forbid unknown keys (no mass assignment of owner-only or system
fields such as `is_active` or `is_sales_account` after creation).
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator, StrictBool

from openprm.core.apikit.types import Input, RecordId, Version
from openprm.core.places import COUNTRY_HELP, REGION_HELP
from openprm.customers.hierarchy import HierarchyNode
from openprm.customers.models import Account, AccountType, BillingStatus, LegalEntityKind
from openprm.imports.external_ids import external_id_of

PHONE_HELP = "As people write it; a national number is read in the account's country. Stored E.164."
WEBSITE_HELP = "An http(s) URL; without a scheme (www.example.com) https:// is put before it."
TAX_ID_HELP = "VAT or tax number, at most 40 characters."


def _typed_or_null(value: Any) -> Any:
    """Every account the services write has a type; a row written around
    them (a bulk load) may not, and reads as null rather than failing the
    whole answer."""
    return value or None


AccountTypeOut = Annotated[AccountType | None, BeforeValidator(_typed_or_null)]


class AccountFields(Input):
    owner_id: RecordId | None = None
    parent_id: RecordId | None = None
    industry: str = Field("", max_length=60)
    size: str = Field("", max_length=60)
    annual_revenue: Decimal | None = Field(None, max_digits=16, decimal_places=2)
    currency: str = Field("USD", max_length=3)
    named: StrictBool = False
    existing: StrictBool = False
    competitor_info: str = Field("", max_length=10_000)
    phone: str = Field("", max_length=40, description=PHONE_HELP)
    website: str = Field("", max_length=200, description=WEBSITE_HELP)
    tax_id: str = Field("", max_length=40, description=TAX_ID_HELP)
    legal_entity_id: RecordId | None = None
    address_line1: str = Field("", max_length=200)
    address_line2: str = Field("", max_length=200)
    city: str = Field("", max_length=100)
    region: str = Field("", max_length=100, description=REGION_HELP)
    postal_code: str = Field("", max_length=20)
    country: str = Field("", max_length=100, description=COUNTRY_HELP)


class AccountCreateIn(AccountFields):
    """Omitted `account_type` takes the profile-option default (CUS-2);
    omitted `owner_id` makes the caller the owner (CUS-5).
    `confirm_duplicates` creates the account despite similar ones (CUS-11)."""

    name: str = Field(..., min_length=1, max_length=200)
    account_type: AccountType | None = None
    is_sales_account: StrictBool | None = None
    custom: dict[str, Any] = {}
    confirm_duplicates: StrictBool = False


class AccountUpdateIn(Input):
    """Only the fields sent are changed; `version` guards against a concurrent
    edit (PLAT-6)."""

    version: Version
    name: str | None = Field(None, min_length=1, max_length=200)
    account_type: AccountType | None = None
    owner_id: RecordId | None = None
    parent_id: RecordId | None = None
    industry: str | None = Field(None, max_length=60)
    size: str | None = Field(None, max_length=60)
    annual_revenue: Decimal | None = Field(None, max_digits=16, decimal_places=2)
    currency: str | None = Field(None, max_length=3)
    named: StrictBool | None = None
    existing: StrictBool | None = None
    competitor_info: str | None = Field(None, max_length=10_000)
    phone: str | None = Field(None, max_length=40, description=PHONE_HELP)
    website: str | None = Field(None, max_length=200, description=WEBSITE_HELP)
    tax_id: str | None = Field(None, max_length=40, description=TAX_ID_HELP)
    legal_entity_id: RecordId | None = None
    address_line1: str | None = Field(None, max_length=200)
    address_line2: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=100)
    region: str | None = Field(None, max_length=100, description=REGION_HELP)
    postal_code: str | None = Field(None, max_length=20)
    country: str | None = Field(None, max_length=100, description=COUNTRY_HELP)
    custom: dict[str, Any] | None = None


NULLABLE_UPDATE_FIELDS = frozenset({"owner_id", "parent_id", "annual_revenue", "legal_entity_id"})


class DuplicateAccountOut(Schema):
    """A similar account listed by a 409 `duplicate_accounts` (CUS-11)."""

    id: int
    name: str
    account_type: AccountTypeOut
    city: str
    postal_code: str
    country: str


class VersionIn(Input):
    version: Version


class AccountOut(Schema):
    id: int
    name: str
    account_type: AccountTypeOut
    is_sales_account: bool
    owner_id: int | None
    owner_name: str
    parent_id: int | None
    parent_name: str | None = None
    industry: str
    size: str
    annual_revenue: Decimal | None
    currency: str
    named: bool
    existing: bool
    competitor_info: str
    phone: str = Field(description="E.164, such as +498930907700; empty when none.")
    website: str
    tax_id: str
    legal_entity_id: int | None
    address_line1: str
    address_line2: str
    city: str
    region: str
    postal_code: str
    country: str
    is_active: bool
    custom: dict[str, Any]
    external_id: str | None = None
    """The id in the caller's source system that the caller's import gave
    this account (its External ID column), if any."""
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_external_id(obj: Account, context: Any) -> str | None:
        return external_id_of(obj, context)

    @staticmethod
    def resolve_country(obj: Account) -> str:
        return obj.country.code or ""

    @staticmethod
    def resolve_parent_id(obj: Account) -> int | None:
        """Only a parent the caller may see (TEAM-5; `parent_name` comes from
        customers.selectors.with_parent_name)."""
        return obj.parent_id if getattr(obj, "parent_name", None) is not None else None

    @staticmethod
    def resolve_owner_name(obj: Account) -> str:
        return obj.owner.get_full_name() or obj.owner.username if obj.owner else ""


class DeletedAccountOut(Schema):
    id: int
    name: str
    account_type: AccountTypeOut
    deleted_at: dt.datetime | None
    deleted_by_id: int | None
    version: int


class HierarchyNodeOut(Schema):
    id: int
    name: str
    account_type: AccountTypeOut
    parent_id: int | None
    annual_revenue: Decimal | None
    rolled_up_revenue: Decimal
    currency: str
    depth: int
    children: list["HierarchyNodeOut"]


class AncestorOut(Schema):
    id: int
    name: str
    account_type: AccountTypeOut


class HierarchyOut(Schema):
    ancestors: list[AncestorOut]
    root: HierarchyNodeOut


def hierarchy_node_out(node: HierarchyNode) -> dict[str, Any]:
    """Nested dicts built iteratively: a deep tree must not hit Python's
    recursion limit."""
    shapes: dict[int, dict[str, Any]] = {}
    order = [node]
    index = 0
    while index < len(order):
        order.extend(order[index].children)
        index += 1
    for item in reversed(order):
        shapes[item.id] = {
            "id": item.id,
            "name": item.name,
            "account_type": item.account_type,
            "parent_id": item.parent_id,
            "annual_revenue": item.annual_revenue,
            "rolled_up_revenue": item.rolled_up_revenue,
            "currency": item.currency,
            "depth": item.depth,
            "children": [shapes[child.id] for child in item.children],
        }
    return shapes[node.id]


class NoteIn(Input):
    text: str = Field(..., min_length=1, max_length=20_000)


class NoteOut(Schema):
    id: int
    account_id: int
    text: str
    author_id: int | None
    version: int
    created_at: dt.datetime


class LegalEntityIn(Input):
    name: str = Field(..., min_length=1, max_length=200)
    kind: LegalEntityKind = LegalEntityKind.EXTERNAL


class LegalEntityUpdateIn(Input):
    version: Version
    name: str | None = Field(None, min_length=1, max_length=200)
    kind: LegalEntityKind | None = None


class LegalEntityOut(Schema):
    id: int
    name: str
    kind: LegalEntityKind
    version: int


class BillingAccountIn(Input):
    account_id: RecordId
    number: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=200)
    currency: str = Field("USD", max_length=3)
    status: BillingStatus = BillingStatus.ACTIVE


class BillingAccountUpdateIn(Input):
    version: Version
    number: str | None = Field(None, min_length=1, max_length=40)
    name: str | None = Field(None, min_length=1, max_length=200)
    currency: str | None = Field(None, max_length=3)
    status: BillingStatus | None = None


class BillingAccountOut(Schema):
    id: int
    account_id: int
    number: str
    name: str
    currency: str
    status: BillingStatus
    version: int
