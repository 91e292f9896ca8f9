"""API shapes of programs, tiers, partnerships, evaluations and reviews."""

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from openprm.core.apikit.types import Input, RecordId, Version
from openprm.programs.models import DowngradeReviewState


class RequirementIn(Input):
    indicator: str = Field(..., max_length=40)
    parameter: str = Field("", max_length=80)
    threshold: Decimal = Field(..., max_digits=16, decimal_places=2)
    window_months: int = Field(12, ge=0, le=32767, description="1 to 36")


class RequirementOut(Schema):
    id: int
    indicator: str
    parameter: str
    threshold: Decimal
    window_months: int


class TierIn(Input):
    name: str = Field(..., max_length=80)
    margin_percent: Decimal = Field(Decimal(0), max_digits=5, decimal_places=2)
    discount_percent: Decimal = Field(Decimal(0), max_digits=5, decimal_places=2)
    benefits: str = ""
    protection_days: int = Field(90, ge=1, le=3650)
    extension_count: int = Field(1, ge=0, le=100)
    extension_days: int = Field(30, ge=1, le=3650)
    requirements: list[RequirementIn] = []


class TierUpdateIn(Input):
    version: Version
    name: str | None = Field(None, max_length=80)
    margin_percent: Decimal | None = Field(None, max_digits=5, decimal_places=2)
    discount_percent: Decimal | None = Field(None, max_digits=5, decimal_places=2)
    benefits: str | None = None
    protection_days: int | None = Field(None, ge=1, le=3650)
    extension_count: int | None = Field(None, ge=0, le=100)
    extension_days: int | None = Field(None, ge=1, le=3650)
    is_retired: bool | None = None
    requirements: list[RequirementIn] | None = None


class TierOut(Schema):
    id: int
    program_id: int
    rank: int
    name: str
    margin_percent: Decimal
    discount_percent: Decimal
    benefits: str
    protection_days: int
    extension_count: int
    extension_days: int
    is_retired: bool
    version: int
    requirements: list[RequirementOut]

    @staticmethod
    def resolve_requirements(obj: Any) -> list[Any]:
        """From the ladder's read when the tier came with one (the
        program's detail), else the tier's own (a tier just saved)."""
        found = getattr(obj, "requirement_list", None)
        return list(obj.requirements.all()) if found is None else found


class ProgramIn(Input):
    code: str = Field(..., max_length=40)
    name: str = Field(..., max_length=120)
    summary: str = ""
    benefits: str = ""
    is_public: bool = True
    is_active: bool = True
    currency: str = Field("USD", min_length=3, max_length=3)
    evaluation_every_days: int = Field(30, ge=1, le=366)
    next_evaluation_on: dt.date | None = None
    grace_days: int = Field(90, ge=0, le=3650)
    downgrade_automatically: bool = False


class ProgramUpdateIn(Input):
    version: Version
    code: str | None = Field(None, max_length=40)
    name: str | None = Field(None, max_length=120)
    summary: str | None = None
    benefits: str | None = None
    is_public: bool | None = None
    is_active: bool | None = None
    currency: str | None = Field(None, min_length=3, max_length=3)
    evaluation_every_days: int | None = Field(None, ge=1, le=366)
    next_evaluation_on: dt.date | None = None
    grace_days: int | None = Field(None, ge=0, le=3650)
    downgrade_automatically: bool | None = None


class ProgramOut(Schema):
    id: int
    code: str
    name: str
    summary: str
    is_public: bool
    is_active: bool
    currency: str
    evaluation_every_days: int
    next_evaluation_on: dt.date | None
    grace_days: int
    downgrade_automatically: bool
    version: int


class ProgramDetailOut(ProgramOut):
    tiers: list[TierOut]


class PartnershipIn(Input):
    partner_id: RecordId
    program_id: RecordId
    status: str = "ACTIVE"
    reward_percent: Decimal | None = Field(None, max_digits=5, decimal_places=2)
    discount_percent: Decimal | None = Field(None, max_digits=5, decimal_places=2)
    mdf_eligible: bool = False
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    channel_manager_id: RecordId | None = None


class PartnershipUpdateIn(Input):
    version: Version
    status: str | None = None
    reward_percent: Decimal | None = Field(None, max_digits=5, decimal_places=2)
    discount_percent: Decimal | None = Field(None, max_digits=5, decimal_places=2)
    mdf_eligible: bool | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    channel_manager_id: RecordId | None = None


class PartnershipOut(Schema):
    id: int
    partner_id: int
    partner_name: str = Field(..., alias="partner.account.name")
    program_id: int
    tier_id: int
    tier_name: str = Field(..., alias="tier.name")
    tier_since: dt.date
    status: str
    reward_percent: Decimal | None
    discount_percent: Decimal | None
    mdf_eligible: bool
    starts_on: dt.date | None
    ends_on: dt.date | None
    channel_manager_id: int | None
    manual_score: Decimal | None
    version: int


class ReasonIn(Input):
    version: Version
    reason: str = Field("", max_length=300)


class OverrideIn(ReasonIn):
    tier_id: RecordId


class ScoreIn(ReasonIn):
    score: Decimal | None = Field(None, max_digits=8, decimal_places=2)


class ProgressOut(Schema):
    indicator: str
    label: str
    parameter: str
    window_months: int
    value: Decimal
    threshold: Decimal
    met: bool
    percent: int


class UncountedRecordOut(Schema):
    """PRG-11: a record an evaluation could not count, why, and where to
    fix it; while one is listed the partnership keeps its tier."""

    record: str
    reason: str
    url: str


class ExplanationOut(Schema):
    tier: str
    next_tier: str | None
    summary: str
    fall_back: str
    to_next: list[ProgressOut]
    to_keep: list[ProgressOut]
    incomplete: list[UncountedRecordOut]


class OutcomeOut(Schema):
    evaluated: int
    snapshots: int
    upgrades: int
    downgrades: int
    reviews_opened: int
    errors: int
    wrote: bool


class SnapshotFigureOut(Schema):
    """One figure a snapshot measured: the indicator over its window,
    its value, how many records it counted (`GET /snapshots/{id}/counted`
    lists them) and, by tier id, the threshold each open tier sets on it."""

    indicator: str
    parameter: str
    window_months: int
    value: Decimal
    counted: int
    thresholds: dict[str, Decimal]


class SnapshotOut(Schema):
    id: int
    partnership_id: int
    evaluated_at: dt.datetime
    tier_id: int
    qualified_tier_id: int | None
    figures: list[SnapshotFigureOut]
    incomplete: list[UncountedRecordOut]


class CountedOut(Schema):
    """PRG-11: one record a snapshot's figure counted; `adds` is what it
    adds to the figure (its amount for revenue, 1 for a count)."""

    pk: int
    label: str
    detail: str
    day: dt.date | None
    adds: Decimal
    url: str


class ReviewOut(Schema):
    id: int
    partnership_id: int
    from_tier_id: int
    to_tier_id: int
    opened_on: dt.date
    grace_ends_on: dt.date
    state: DowngradeReviewState
    reason: str
    version: int


class DealFiguresOut(Schema):
    """DEAL-5: one program's or tier's deal figures; `won_amounts` per currency."""

    program_id: int | None
    program: str
    tier_id: int | None = None
    tier: str = ""
    registrations: int
    decided: int
    approved: int
    approval_rate: float | None
    average_approval_hours: float | None
    opportunities: int
    won: int
    won_amounts: dict[str, Decimal]


class DealAnalyticsOut(Schema):
    since: dt.date | None
    until: dt.date | None
    programs: list[DealFiguresOut]
    tiers: list[DealFiguresOut]
    total: DealFiguresOut
