"""API shapes of products."""

from ninja import Field, Schema
from pydantic import StrictBool

from openprm.core.apikit.types import Input, Version


class ProductIn(Input):
    code: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=200)
    family: str = Field("", max_length=80)
    description: str = Field("", max_length=5000)
    is_active: StrictBool = True


class ProductUpdateIn(Input):
    version: Version
    code: str | None = Field(None, min_length=1, max_length=40)
    name: str | None = Field(None, min_length=1, max_length=200)
    family: str | None = Field(None, max_length=80)
    description: str | None = Field(None, max_length=5000)
    is_active: StrictBool | None = None


class ProductOut(Schema):
    id: int
    code: str
    name: str
    family: str
    description: str
    is_active: bool
    version: int
