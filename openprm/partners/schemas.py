"""API shapes for partners (partner contacts and the portal:
contact_schemas.py).

Inputs forbid unknown keys: no `account_type` (PA-2), no `status` (only the
inactivate / activate actions change it), no `user` or `level` (only the
promotions of PC-2 set them).
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import StrictBool

from openprm.core.apikit.types import Input, RecordId, Version
from openprm.core.places import COUNTRY_HELP, REGION_HELP
from openprm.customers.schemas import AccountTypeOut
from openprm.partners.models import PartnerProfile, PartnerStatus, PortalUserType


class PersonIn(Input):
    first_name: str = Field("", max_length=100)
    last_name: str = Field(..., min_length=1, max_length=100)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    job_title: str = Field("", max_length=120)


class PartnerFields(Input):
    owner_id: RecordId | None = None
    parent_id: RecordId | None = None
    industry: str = Field("", max_length=60)
    size: str = Field("", max_length=60)
    annual_revenue: Decimal | None = Field(None, max_digits=16, decimal_places=2)
    currency: str = Field("USD", max_length=3)
    address_line1: str = Field("", max_length=200)
    address_line2: str = Field("", max_length=200)
    city: str = Field("", max_length=100)
    region: str = Field("", max_length=100, description=REGION_HELP)
    postal_code: str = Field("", max_length=20)
    country: str = Field("", max_length=100, description=COUNTRY_HELP)


class PartnerCreateIn(PartnerFields):
    """PA-2: created with type Partner and managed flag Yes; PA-6: the
    primary contact is required while ZPM_PARTNER_CONTACT_MANDATORY is Yes."""

    name: str = Field(..., min_length=1, max_length=200)
    primary_contact: PersonIn | None = None
    custom: dict[str, Any] = {}
    confirm_duplicates: StrictBool = False


class PartnerUpdateIn(Input):
    version: Version
    name: str | None = Field(None, min_length=1, max_length=200)
    owner_id: RecordId | None = None
    parent_id: RecordId | None = None
    industry: str | None = Field(None, max_length=60)
    size: str | None = Field(None, max_length=60)
    annual_revenue: Decimal | None = Field(None, max_digits=16, decimal_places=2)
    currency: str | None = Field(None, max_length=3)
    address_line1: str | None = Field(None, max_length=200)
    address_line2: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=100)
    region: str | None = Field(None, max_length=100, description=REGION_HELP)
    postal_code: str | None = Field(None, max_length=20)
    country: str | None = Field(None, max_length=100, description=COUNTRY_HELP)
    custom: dict[str, Any] | None = None


NULLABLE_UPDATE_FIELDS = frozenset({"owner_id", "parent_id", "annual_revenue"})


class PartnerVersionIn(Input):
    version: Version | None = None


class ManagedIn(Input):
    """PA-2: the account screens' managed-partner flag."""

    managed_partner: StrictBool


class PartnerOut(Schema):
    id: int
    account_id: int
    name: str
    status: PartnerStatus
    managed_partner: bool
    account_type: AccountTypeOut
    owner_id: int | None
    parent_id: int | None
    parent_name: str
    industry: str
    size: str
    annual_revenue: Decimal | None
    currency: str
    address_line1: str
    address_line2: str
    city: str
    region: str
    postal_code: str
    country: str
    custom: dict[str, Any]
    contact_count: int | None = None
    portal_enabled: bool
    max_portal_user_type: PortalUserType
    portal_shows_subsidiaries: bool
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_name(obj: PartnerProfile) -> str:
        return obj.account.name

    @staticmethod
    def resolve_account_type(obj: PartnerProfile) -> str:
        return obj.account.account_type

    @staticmethod
    def resolve_owner_id(obj: PartnerProfile) -> int | None:
        return obj.account.owner_id

    @staticmethod
    def resolve_parent_id(obj: PartnerProfile) -> int | None:
        """Only a parent the caller may see (TEAM-5)."""
        return obj.account.parent_id if getattr(obj, "parent_name", None) else None

    @staticmethod
    def resolve_parent_name(obj: PartnerProfile) -> str:
        return getattr(obj, "parent_name", None) or ""

    @staticmethod
    def resolve_industry(obj: PartnerProfile) -> str:
        return obj.account.industry

    @staticmethod
    def resolve_size(obj: PartnerProfile) -> str:
        return obj.account.size

    @staticmethod
    def resolve_annual_revenue(obj: PartnerProfile) -> Decimal | None:
        return obj.account.annual_revenue

    @staticmethod
    def resolve_currency(obj: PartnerProfile) -> str:
        return obj.account.currency

    @staticmethod
    def resolve_address_line1(obj: PartnerProfile) -> str:
        return obj.account.address_line1

    @staticmethod
    def resolve_address_line2(obj: PartnerProfile) -> str:
        return obj.account.address_line2

    @staticmethod
    def resolve_city(obj: PartnerProfile) -> str:
        return obj.account.city

    @staticmethod
    def resolve_region(obj: PartnerProfile) -> str:
        return obj.account.region

    @staticmethod
    def resolve_postal_code(obj: PartnerProfile) -> str:
        return obj.account.postal_code

    @staticmethod
    def resolve_country(obj: PartnerProfile) -> str:
        return obj.account.country.code or ""

    @staticmethod
    def resolve_custom(obj: PartnerProfile) -> dict[str, Any]:
        """PLAT-7: the account's fields and the partner's own, in one map."""
        return {**obj.account.custom, **obj.custom}


class PartnerProfileOut(Schema):
    """The managed-partner state of an account (PA-2)."""

    id: int
    account_id: int
    managed_partner: bool
    status: PartnerStatus
    version: int


class PartnerHierarchyNodeOut(Schema):
    id: int
    name: str
    account_type: AccountTypeOut
    parent_id: int | None
    depth: int
    is_partner: bool


class PartnerHierarchyOut(Schema):
    ancestors: list[dict[str, Any]]
    nodes: list[PartnerHierarchyNodeOut]


class PartnerPortalIn(Input):
    """PRG-13: the brand owner's portal settings of a partner; a field left
    out keeps its value."""

    version: Version
    portal_enabled: StrictBool | None = None
    max_portal_user_type: PortalUserType | None = None
    portal_shows_subsidiaries: StrictBool | None = None
