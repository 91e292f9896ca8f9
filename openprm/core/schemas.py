"""API shapes for profile options, lookups, custom fields and the audit trail.

Inputs forbid unknown keys (no mass assignment); updates carry `version`
(PLAT-6).
"""

import datetime as dt
from typing import Any

from ninja import Field, Schema

from openprm.core.apikit.types import StrictInput as Input
from openprm.core.apikit.types import Version
from openprm.core.customfields.models import CustomField, CustomFieldType
from openprm.core.customfields.registry import record_type_choices
from openprm.core.options.models import ProfileOptionValueType

RecordTypeCode = record_type_choices()
Code = Field(..., min_length=1, max_length=60, pattern=r"^[A-Za-z][A-Za-z0-9_]*$")


class ProfileOptionOut(Schema):
    code: str
    name: str
    description: str
    value_type: ProfileOptionValueType
    choices: list[str]
    allowed_values: list[str]
    default_value: str
    value: str
    version: int

    @staticmethod
    def resolve_allowed_values(obj: Any) -> list[str]:
        return obj.allowed_values()


class ProfileOptionUpdateIn(Input):
    version: Version
    value: str = Field(..., max_length=200)


class LookupValueOut(Schema):
    id: int
    code: str
    meaning: str
    position: int
    tags: list[str]
    active: bool
    version: int


class LookupTypeOut(Schema):
    id: int
    code: str
    name: str
    description: str
    system: bool
    version: int


class LookupTypeDetailOut(LookupTypeOut):
    values: list[LookupValueOut]

    @staticmethod
    def resolve_values(obj: Any) -> list[Any]:
        return list(obj.values.all())


class LookupTypeCreateIn(Input):
    code: str = Code
    name: str = Field(..., min_length=1, max_length=120)
    description: str = Field("", max_length=2000)


class LookupValueCreateIn(Input):
    code: str = Code
    meaning: str = Field(..., min_length=1, max_length=200)
    position: int | None = Field(None, ge=0, le=2_147_483_647)
    tags: list[str] = Field(default_factory=list, max_length=20)


class LookupValueUpdateIn(Input):
    version: Version
    meaning: str | None = Field(None, min_length=1, max_length=200)
    position: int | None = Field(None, ge=0, le=2_147_483_647)
    tags: list[str] | None = Field(None, max_length=20)
    active: bool | None = None


class RecordTypeOut(Schema):
    code: str
    label: str
    parent: str | None


class CustomFieldOut(Schema):
    id: int
    record_type: RecordTypeCode  # type: ignore[valid-type]
    name: str
    label: str
    field_type: CustomFieldType
    lookup_type: str | None
    required: bool
    position: int
    version: int

    @staticmethod
    def resolve_lookup_type(obj: CustomField) -> str | None:
        return obj.lookup_type.code if obj.lookup_type else None


class CustomFieldListQuery(Schema):
    record_type: RecordTypeCode | None = None  # type: ignore[valid-type]


class CustomFieldCreateIn(Input):
    record_type: str = Field(..., min_length=1, max_length=60)
    name: str = Field(..., min_length=1, max_length=50)
    label: str = Field(..., min_length=1, max_length=100)
    # A JSON body's enum is a string: strict mode would take only the member.
    field_type: CustomFieldType = Field(..., strict=False)
    lookup_type: str | None = Field(None, max_length=60, description="Lookup code for a choice")
    required: bool = False
    position: int = Field(0, ge=0, le=2_147_483_647)


class CustomFieldUpdateIn(Input):
    version: Version
    label: str | None = Field(None, min_length=1, max_length=100)
    required: bool | None = None
    position: int | None = Field(None, ge=0, le=2_147_483_647)


class RecordQuery(Schema):
    object: str = Field(
        ...,
        min_length=3,
        max_length=200,
        description="The record as app_label.model:id, e.g. core.lookuptype:1",
    )


AUTHOR_NAME = Field(
    ...,
    description="Who made the change, as the record's History tab names them to the "
    "caller: a user the caller may not see by full name when on the brand owner's "
    'staff, as "Another partner" when of another partner organization; "system" '
    "without an author.",
)


class TrailOut(Schema):
    """An entry of a record's trail, its author named by `authors_named`
    (core.audit.readable), the function the History tab uses."""

    actor_name: str = AUTHOR_NAME

    @staticmethod
    def resolve_actor_name(obj: Any) -> str:
        return str(obj.who)


class AuditEntryOut(TrailOut):
    id: int
    action: str
    at: dt.datetime
    changes: dict[str, Any]


class BusinessEventOut(TrailOut):
    id: int
    kind: str = Field(
        ...,
        description="The code of the event's type. Each app declares its own, and an "
        "event keeps the code of a type no longer declared: text, not an enum.",
    )
    at: dt.datetime
    data: dict[str, Any]


class SearchQuery(Schema):
    q: str = Field(
        ...,
        min_length=2,
        max_length=100,
        description="The start of a name (or of a last name), at least two characters",
    )
    limit: int = Field(10, ge=1, le=50, description="Records shown per group")


class SearchHitOut(Schema):
    id: int | None
    title: str
    detail: str
    url: str = Field(..., description="The record's page in the application")


class SearchGroupOut(Schema):
    name: str = Field(..., description="The record type: accounts, contacts, partners…")
    label: str
    count: int = Field(..., description="How many records match, at most 1000")
    capped: bool = Field(..., description="True when more than `count` records match")
    list_url: str = Field(..., description="The full list, filtered by the same term")
    items: list[SearchHitOut]


class SearchOut(Schema):
    q: str
    groups: list[SearchGroupOut]
