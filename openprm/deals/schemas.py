"""API shapes of registrations and opportunities. A partner reads the same
registration shape as the channel manager: it holds nothing about other
deals (DEAL-7); the conflicts have their own, internal-only operation."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from ninja import Field, Schema

from openprm.core import access
from openprm.core.apikit.types import Input, RecordId, Version
from openprm.customers.levels import AccessLevel
from openprm.deals.conflicts import ConflictKind
from openprm.deals.errors import LeadNotRoutedReason
from openprm.deals.models import (
    DealRegistration,
    Lead,
    LeadStatus,
    Opportunity,
    OpportunityStage,
    RegistrationState,
)

Money = Decimal
ConflictState = models.TextChoices(
    "ConflictState",
    [
        (state.name, (state.value, state.label))
        for state in {
            **{s.name: s for s in Opportunity.Stage},
            **{s.name: s for s in DealRegistration.State},
        }.values()
    ],
    module=__name__,
)
"""A conflicting deal's state: a registration's, or an opportunity's stage
(DEAL-3). The values of both, one enum: a client reads `won` the same
whichever kind of deal won."""


class LineSchema(Input):
    product_id: RecordId
    quantity: int = Field(1, ge=1, le=1_000_000)
    amount: Money = Field(..., max_digits=16, decimal_places=2)


class LineOut(Schema):
    product_id: int
    product_code: str = Field(..., alias="product.code")
    product_name: str = Field(..., alias="product.name")
    quantity: int
    amount: Money


class OpportunityLineOut(LineOut):
    id: int


class RegistrationIn(Input):
    title: str = Field(..., max_length=200)
    account_id: RecordId | None = None
    customer_name: str = Field("", max_length=200)
    country: str = Field("", max_length=2)
    web_domain: str = Field("", max_length=200)
    tax_id: str = Field("", max_length=40)
    address: str = Field("", max_length=300)
    currency: str = Field("USD", min_length=3, max_length=3)
    close_date: dt.date
    description: str = Field("", max_length=5000)
    lines: list[LineSchema] = Field(default_factory=list, max_length=200)


class RegistrationUpdateIn(Input):
    version: Version
    title: str | None = Field(None, max_length=200)
    account_id: RecordId | None = None
    customer_name: str | None = Field(None, max_length=200)
    country: str | None = Field(None, max_length=2)
    web_domain: str | None = Field(None, max_length=200)
    tax_id: str | None = Field(None, max_length=40)
    address: str | None = Field(None, max_length=300)
    currency: str | None = Field(None, min_length=3, max_length=3)
    close_date: dt.date | None = None
    description: str | None = Field(None, max_length=5000)
    lines: list[LineSchema] | None = Field(None, max_length=200)


class RegistrationVersionIn(Input):
    version: Version


class DecisionNoteIn(Input):
    version: Version
    note: str = Field("", max_length=5000)


class RejectIn(Input):
    version: Version
    reason: str = Field(..., max_length=40)
    note: str = Field("", max_length=5000)


class ApproveIn(Input):
    version: Version
    account_id: RecordId | None = None
    opportunity_id: RecordId | None = None
    reject_others: bool = False
    conflict_note: str = Field("", max_length=5000)


class RegistrationOut(Schema):
    id: int
    number: str
    state: RegistrationState
    partner_id: int
    partner_name: str = Field(..., alias="partner.account.name")
    owner_id: int
    channel_manager_id: int | None
    title: str
    account_id: int | None
    customer_name: str
    country: str
    web_domain: str
    tax_id: str
    address: str
    currency: str
    amount: Money
    close_date: dt.date
    description: str
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    reject_reason: str
    decision_note: str
    protection_starts: dt.date | None
    protection_ends: dt.date | None
    extensions_used: int
    opportunity_id: int | None
    version: int
    lines: list[LineOut]

    @staticmethod
    def resolve_country(registration: object) -> str:
        return str(getattr(registration, "country", "") or "")

    @staticmethod
    def resolve_lines(registration: object) -> list[object]:
        return list(registration.lines.all())  # type: ignore[attr-defined]


class ConflictOut(Schema):
    kind: ConflictKind
    id: int
    label: str
    partner_name: str
    state: ConflictState
    amount: Money
    reasons: list[str]
    shared_product_ids: list[int]


class OpportunityIn(Input):
    account_id: RecordId
    name: str = Field(..., max_length=200)
    close_date: dt.date
    currency: str = Field("USD", min_length=3, max_length=3)
    lines: list[LineSchema] = Field(..., max_length=200)


class OpportunityUpdateIn(Input):
    """PLAT-6: `version` is the one the edit started from; a field not sent
    keeps its value."""

    version: Version
    name: str | None = Field(None, max_length=200)
    account_id: RecordId | None = None
    close_date: dt.date | None = None
    amount: Money | None = Field(None, max_digits=16, decimal_places=2)
    currency: str | None = Field(None, min_length=3, max_length=3)
    owner_id: RecordId | None = None


class StageIn(Input):
    version: Version
    stage: OpportunityStage


class OpportunityOut(Schema):
    id: int
    name: str
    account_id: int
    account_name: str = Field(..., alias="account.name")
    stage: OpportunityStage
    is_open: bool
    amount: Money
    currency: str
    close_date: dt.date
    owner_id: int
    partner_id: int | None
    """Null also for a partner user when the deal is another
    organization's, its people only on the team (DEAL-9, PRG-7)."""
    referring_partner_id: int | None
    version: int

    @staticmethod
    def resolve_partner_id(opportunity: Opportunity, context: dict[str, Any]) -> int | None:
        return access.partner_id_seen(context["request"].actor, opportunity.partner_id)


class OpportunityTeamIn(Input):
    resource_id: RecordId
    access_level: AccessLevel = AccessLevel.EDIT


class OpportunityTeamOut(Schema):
    id: int
    resource_id: int
    resource_name: str = Field(..., alias="resource.name")
    access_level: AccessLevel


class LeadIn(Input):
    account_id: RecordId
    name: str = Field(..., min_length=1, max_length=200)
    amount: Money = Field(Decimal(0), ge=0, max_digits=16, decimal_places=2)
    description: str = Field("", max_length=5000)


class LeadRouteIn(Input):
    """No partner: the best routing candidate (DEAL-4)."""

    version: Version
    partner_id: RecordId | None = None


class LeadsRouteIn(Input):
    """DEAL-4: each lead goes to its best candidate."""

    lead_ids: list[RecordId] = Field(..., min_length=1, max_length=500)


class LeadRoutedOut(Schema):
    lead_id: int
    partner_id: int
    partner_name: str
    reason: str


class LeadNotRoutedOut(Schema):
    lead_id: int
    reason: LeadNotRoutedReason
    detail: str


class LeadsRoutedOut(Schema):
    routed: list[LeadRoutedOut]
    not_routed: list[LeadNotRoutedOut]


class LeadDeclineIn(Input):
    reason: str = Field(..., min_length=1, max_length=300)


class LeadOut(Schema):
    id: int
    name: str
    account_id: int
    account_name: str = Field(..., alias="account.name")
    status: LeadStatus
    amount: Money
    currency: str
    description: str
    owner_id: int
    partner_id: int | None
    """Null also for a partner user when another organization took the
    lead it passed on (DEAL-8, PRG-7)."""
    referring_partner_id: int | None
    opportunity_id: int | None
    answer_deadline: dt.datetime | None = Field(None, alias="open_deadline")
    """When the open offer lapses (DEAL-4, DEAL-8); a partner user reads
    only its own organization's."""
    version: int

    @staticmethod
    def resolve_partner_id(lead: Lead, context: dict[str, Any]) -> int | None:
        return access.partner_id_seen(context["request"].actor, lead.partner_id)


class LeadCandidateOut(Schema):
    partner_id: int = Field(..., alias="partner.pk")
    partner_name: str = Field(..., alias="partner.account.name")
    territories: list[str]
    load: int
    capacity: int = Field(..., alias="partner.lead_capacity")
    tier: str | None
    reason: str

    @staticmethod
    def resolve_tier(candidate: object) -> str | None:
        rank = getattr(candidate, "rank", None)
        return str(rank.label) if rank is not None else None
