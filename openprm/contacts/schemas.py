"""API shapes of contacts. Inputs forbid unknown fields (no mass assignment)."""

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field, StrictBool

from openprm.contacts.models import (
    ContactPoint,
    ContactPreference,
    Household,
    HouseholdRole,
    Person,
    Relationship,
    SavedSearch,
)
from openprm.core.apikit.types import Input, Int64, RecordId
from openprm.imports.external_ids import external_id_of

SALUTATION_HELP = (
    "A SALUTATION lookup value (GET /api/v1/lookups/SALUTATION), by code or label"
    ' in any case ("MR", "Mr."); stored as its code.'
)


class ContactOut(Schema):
    id: int
    salutation: str = Field(description="A SALUTATION lookup code; empty when none.")
    first_name: str
    last_name: str
    full_name: str
    kind: Person.Kind
    job_title: str
    is_key_contact: bool
    is_active: bool
    owner_id: int | None
    has_picture: bool
    custom: dict[str, Any]
    external_id: str | None = None
    """The id in the caller's source system that the caller's import gave
    this contact (its External ID column), if any."""
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_external_id(obj: Person, context: Any) -> str | None:
        return external_id_of(obj, context)

    @staticmethod
    def resolve_has_picture(obj: Person) -> bool:
        return bool(obj.picture)


class ContactListOut(ContactOut):
    primary_email: str | None = None
    primary_phone: str | None = None
    is_favorite: bool = False
    customers: list[str] = []

    @staticmethod
    def resolve_customers(obj: Person) -> list[str]:
        return [r.account.name for r in getattr(obj, "customer_relationships", [])]


class ContactCreateIn(Input):
    salutation: str = Field("", max_length=60, description=SALUTATION_HELP)
    first_name: str = Field("", max_length=100)
    last_name: str = Field(..., max_length=100)
    kind: Person.Kind = Person.Kind.B2B
    job_title: str = Field("", max_length=120)
    is_key_contact: StrictBool = False
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    account_ids: list[RecordId] = Field(default_factory=list, max_length=50)
    custom: dict[str, Any] = Field(default_factory=dict)
    confirm_duplicates: StrictBool = Field(
        False, description="CON-2: create even when similar contacts exist."
    )


class DuplicateContactOut(Schema):
    """A similar contact listed by a 409 `duplicate_contacts` (CON-2), with
    why it looks the same."""

    id: int
    name: str
    job_title: str
    reasons: list[str]


class ContactPatchIn(Input):
    version: Int64
    salutation: str | None = Field(None, max_length=60, description=SALUTATION_HELP)
    first_name: str | None = Field(None, max_length=100)
    last_name: str | None = Field(None, max_length=100)
    kind: Person.Kind | None = None
    job_title: str | None = Field(None, max_length=120)
    is_key_contact: StrictBool | None = None
    custom: dict[str, Any] | None = None


class PreferenceOut(Schema):
    id: int
    contact_point_id: int
    preference: ContactPreference.Choice
    reason_code: str
    start_date: dt.date
    end_date: dt.date | None
    version: int


class PreferenceIn(Input):
    preference: ContactPreference.Choice
    reason_code: str = Field(..., max_length=60)
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class PreferencePatchIn(Input):
    version: Int64
    preference: ContactPreference.Choice | None = None
    reason_code: str | None = Field(None, max_length=60)
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class ContactPointOut(Schema):
    id: int
    person_id: int
    kind: ContactPoint.Kind
    purpose: ContactPoint.Purpose
    phone: str
    email: str
    address_line1: str
    address_line2: str
    city: str
    region: str
    postal_code: str
    country: str
    is_primary: bool
    do_not_contact: bool
    display_value: str
    version: int

    @staticmethod
    def resolve_country(obj: ContactPoint) -> str:
        return obj.country.code or ""


class ContactPointIn(Input):
    kind: ContactPoint.Kind
    purpose: ContactPoint.Purpose = ContactPoint.Purpose.WORK
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    address_line1: str = Field("", max_length=200)
    address_line2: str = Field("", max_length=200)
    city: str = Field("", max_length=100)
    region: str = Field("", max_length=100)
    postal_code: str = Field("", max_length=20)
    country: str = Field("", max_length=2)
    is_primary: StrictBool = False


class ContactPointPatchIn(Input):
    version: Int64
    purpose: ContactPoint.Purpose | None = None
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    address_line1: str | None = Field(None, max_length=200)
    address_line2: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=100)
    region: str | None = Field(None, max_length=100)
    postal_code: str | None = Field(None, max_length=20)
    country: str | None = Field(None, max_length=2)
    is_primary: StrictBool | None = Field(None, description="true designates the overall primary.")


class RelationshipOut(Schema):
    id: int
    person_id: int
    account_id: int | None
    account_name: str | None
    related_person_id: int | None
    related_person_name: str | None
    relationship_type: Relationship.Type
    job_title: str
    is_primary_contact: bool
    primary_points: dict[str, int]
    version: int

    @staticmethod
    def resolve_account_name(obj: Relationship) -> str | None:
        return obj.account.name if obj.account_id else None

    @staticmethod
    def resolve_related_person_name(obj: Relationship) -> str | None:
        return obj.related_person.full_name if obj.related_person_id else None

    @staticmethod
    def resolve_primary_points(obj: Relationship) -> dict[str, int]:
        return {link.kind: link.contact_point_id for link in obj.primary_points.all()}


class RelationshipIn(Input):
    account_id: RecordId | None = None
    related_person_id: RecordId | None = None
    relationship_type: Relationship.Type = Relationship.Type.CONTACT
    job_title: str = Field("", max_length=120)


class RelationshipPatchIn(Input):
    version: Int64
    relationship_type: Relationship.Type | None = None
    job_title: str | None = Field(None, max_length=120)


class PrimaryPointIn(Input):
    contact_point_id: RecordId


class AccountContactOut(Schema):
    """One row of a customer's contacts: the relationship and its contact."""

    relationship_id: int
    is_primary_contact: bool
    relationship_type: Relationship.Type
    job_title: str
    contact: ContactListOut

    @staticmethod
    def resolve_relationship_id(obj: Relationship) -> int:
        return obj.pk

    @staticmethod
    def resolve_contact(obj: Relationship) -> Person:
        return obj.person


class PrimaryContactIn(Input):
    person_id: RecordId | None = Field(..., description="null clears the primary contact.")


class SavedSearchOut(Schema):
    id: int
    code: str | None
    name: str
    predefined: bool
    criteria: dict[str, Any]
    version: int

    @staticmethod
    def resolve_criteria(obj: SavedSearch) -> dict[str, Any]:
        return obj.criteria or {}


class SavedSearchIn(Input):
    name: str = Field(..., max_length=100)
    criteria: dict[str, Any] = Field(default_factory=dict)


class SavedSearchPatchIn(Input):
    version: Int64
    name: str | None = Field(None, max_length=100)
    criteria: dict[str, Any] | None = None


class HouseholdMemberOut(Schema):
    id: int
    person_id: int
    name: str
    role: HouseholdRole

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.person.full_name


class HouseholdOut(Schema):
    id: int
    name: str
    members: list[HouseholdMemberOut]
    version: int

    @staticmethod
    def resolve_members(obj: Household) -> list[Any]:
        return list(obj.memberships.all())


class HouseholdIn(Input):
    name: str = Field(..., max_length=200)
    member_ids: list[RecordId] = Field(default_factory=list, max_length=50)


class HouseholdPatchIn(Input):
    version: Int64
    name: str | None = Field(None, max_length=200)


class HouseholdMemberIn(Input):
    person_id: RecordId
    role: HouseholdRole = HouseholdRole.MEMBER


class FavoriteOut(Schema):
    favorite: bool
