"""Field types shared by every API schema.

Ids are bounded to the database's 64-bit range so an absurd id is a 422 with a
field message, never an overflow inside the database driver.
"""

from typing import Annotated

from pydantic import Field

MAX_ID = 2**63 - 1

RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
