"""Field types shared by every API schema.

Ids are bounded to the database's 64-bit range so an absurd id is a 422 with a
field message, never an overflow inside the database driver.
"""

from typing import Annotated

from ninja import Schema
from pydantic import ConfigDict, Field

MAX_ID = 2**63 - 1

RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]


class Input(Schema):
    """Base of every request body: unknown keys are refused, so a payload can
    never set fields the API does not offer (no mass assignment)."""

    model_config = ConfigDict(extra="forbid")


class StrictInput(Input):
    """An input whose scalars must already have their JSON type (no "1" for 1,
    no 0 for false): for bodies without dates or decimals."""

    model_config = ConfigDict(extra="forbid", strict=True)
