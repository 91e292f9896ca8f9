"""API shapes for account team members (TEAM-1, TEAM-2)."""

import datetime as dt

from ninja import Field, Schema
from pydantic import StrictBool

from openprm.core.apikit.types import Input, RecordId, Version
from openprm.customers.levels import AccessLevel
from openprm.teams.models import TeamMemberSource


class TeamMemberIn(Input):
    resource_id: RecordId | None = None
    user_id: RecordId | None = None
    access_level: AccessLevel | None = Field(
        None, description="Defaults to ZCA_DEFAULT_TEAM_ACCESS_LEVEL."
    )
    locked: StrictBool = False


class TeamMemberUpdateIn(Input):
    version: Version
    access_level: AccessLevel | None = None
    locked: StrictBool | None = None


class TeamMemberOut(Schema):
    id: int
    account_id: int
    resource_id: int | None
    user_id: int | None
    name: str = Field(..., alias="display_name")
    access_level: AccessLevel
    locked: bool
    source: TeamMemberSource
    version: int
    created_at: dt.datetime
