"""API shapes for account team members (TEAM-1, TEAM-2)."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

Level = Literal["view", "edit", "full"]


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


class TeamMemberIn(Input):
    resource_id: int | None = None
    user_id: int | None = None
    access_level: Level | None = Field(
        None, description="Defaults to ZCA_DEFAULT_TEAM_ACCESS_LEVEL."
    )
    locked: bool = False


class TeamMemberUpdateIn(Input):
    version: int = Field(..., ge=1)
    access_level: Level | None = None
    locked: bool | None = None


class TeamMemberOut(Schema):
    id: int
    account_id: int
    resource_id: int | None
    user_id: int | None
    name: str = Field(..., alias="display_name")
    access_level: Level
    locked: bool
    source: str
    version: int
    created_at: dt.datetime
