"""Field types shared by every API schema and list filter.

Every integer a client sends is bounded to the database's 64-bit range, so an
absurd id or version is a 422 with a field message, never an overflow inside
the database driver (tests/hardening checks the OpenAPI document for
unbounded integers).
"""

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from django.core.validators import ProhibitNullCharactersValidator
from ninja import Schema
from pydantic import ConfigDict, Field, field_validator

MAX_ID = 2**63 - 1
MIN_INT64 = -(2**63)

RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=1, le=MAX_ID)]
Int64 = Annotated[int, Field(ge=MIN_INT64, le=MAX_ID)]


def sort_choices(sortable: Mapping[str, object]) -> Any:
    """The `sort` parameter of an API list: one of the list's sorts, with `-`
    in front for descending. Listed in the OpenAPI document; any other value is
    a 422 naming `sort` rather than a list in the default order that looks
    sorted as asked."""
    return Literal[tuple(f"{direction}{key}" for key in sortable for direction in ("", "-"))]


class Input(Schema):
    """Base of every request body: unknown keys are refused, so a payload can
    never set fields the API does not offer (no mass assignment), and so is a
    NUL character in any text, which PostgreSQL cannot store."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_null_characters(cls, value: Any) -> Any:
        if _holds_nul(value):
            raise ValueError(str(ProhibitNullCharactersValidator.message))
        return value


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_nul(v) for v in value)
    return False


class StrictInput(Input):
    """An input whose scalars must already have their JSON type (no "1" for 1,
    no 0 for false): for bodies without dates or decimals."""

    model_config = ConfigDict(extra="forbid", strict=True)
