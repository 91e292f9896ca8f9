"""API shapes for territories, criteria, members, assignments and realignments."""

import datetime as dt

from ninja import Field, Schema
from pydantic import StrictBool

from openprm.core.apikit.types import Input, RecordId, Version
from openprm.territories.models import (
    RealignmentStatus,
    TerritoryAssignmentSource,
    TerritoryDimension,
    TerritoryType,
)


class TerritoryIn(Input):
    name: str = Field(..., min_length=1, max_length=150)
    territory_type: TerritoryType = TerritoryType.PRIME
    parent_id: RecordId | None = None
    partner_id: RecordId | None = None
    description: str = Field("", max_length=5000)
    active: StrictBool = True


class TerritoryUpdateIn(Input):
    version: Version
    name: str | None = Field(None, min_length=1, max_length=150)
    territory_type: TerritoryType | None = None
    parent_id: RecordId | None = None
    partner_id: RecordId | None = None
    description: str | None = Field(None, max_length=5000)
    active: StrictBool | None = None


class TerritoryOut(Schema):
    id: int
    name: str
    territory_type: TerritoryType
    parent_id: int | None
    partner_id: int | None
    description: str
    active: bool
    version: int


class CriterionIn(Input):
    dimension: TerritoryDimension
    value: str = Field(..., min_length=1, max_length=100)
    value_to: str = Field("", max_length=100)


class CriterionOut(Schema):
    id: int
    territory_id: int
    dimension: TerritoryDimension
    value: str
    value_to: str


class MemberIn(Input):
    resource_id: RecordId


class MemberOut(Schema):
    id: int
    territory_id: int
    resource_id: int
    resource_name: str = Field(..., alias="resource.name")


class AccountTerritoryOut(Schema):
    territory_id: int
    territory_name: str = Field(..., alias="territory.name")
    territory_type: TerritoryType = Field(..., alias="territory.territory_type")
    source: TerritoryAssignmentSource


class PartnerTerritoriesIn(Input):
    territory_ids: list[RecordId] = Field(..., min_length=1, max_length=100)


class RealignmentOut(Schema):
    id: int
    status: RealignmentStatus
    total: int
    processed: int
    percent: int
    assigned: int
    removed: int
    created_at: dt.datetime
    finished_at: dt.datetime | None
    error: str
