"""API shapes for account team members (TEAM-1, TEAM-2)."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import StrictBool

from openprm.core.apikit.types import Input, RecordId, Version
from openprm.teams.models import TeamMemberSource

Level = Literal["view", "edit", "full"]


class TeamMemberIn(Input):
    resource_id: RecordId | None = None
    user_id: RecordId | None = None
    access_level: Level | None = Field(
        None, description="Defaults to ZCA_DEFAULT_TEAM_ACCESS_LEVEL."
    )
    locked: StrictBool = False


class TeamMemberUpdateIn(Input):
    version: Version
    access_level: Level | None = None
    locked: StrictBool | None = None


class TeamMemberOut(Schema):
    id: int
    account_id: int
    resource_id: int | None
    user_id: int | None
    name: str = Field(..., alias="display_name")
    access_level: Level
    locked: bool
    source: TeamMemberSource
    version: int
    created_at: dt.datetime
