"""API shapes of partner applications and campaigns. The applicant's status
shape holds only its own application's progress, never who reviews it."""

import datetime as dt

from ninja import Field, Schema

from openprm.core.apikit.types import Input, RecordId, Version
from openprm.recruitment.models import ApplicationState
from openprm.recruitment.selectors import ApplicationCandidateKind, ApplicationCandidateReason


class ApplicationIn(Input):
    """PRG-1: what the public form asks; every text bounded."""

    program_code: str = Field(..., max_length=40)
    campaign_code: str = Field("", max_length=40)
    company_name: str = Field(..., min_length=1, max_length=200)
    country: str = Field(..., min_length=2, max_length=2)
    website: str = Field("", max_length=200)
    tax_id: str = Field("", max_length=40)
    address_line1: str = Field("", max_length=200)
    city: str = Field("", max_length=100)
    postal_code: str = Field("", max_length=20)
    first_name: str = Field(..., min_length=1, max_length=100)
    last_name: str = Field(..., min_length=1, max_length=100)
    email: str = Field(..., min_length=3, max_length=254)
    phone: str = Field("", max_length=40)
    message: str = Field("", max_length=2000)


class ApplicationStatusOut(Schema):
    """What the applicant reads by its private token."""

    token: str
    status_url: str
    program: str = Field(..., alias="program.name")
    company_name: str
    state: ApplicationState
    state_label: str = Field(..., alias="get_state_display")
    submitted_at: dt.datetime
    info_request: str
    reject_reason: str


class AnswerIn(Input):
    answer: str = Field(..., min_length=1, max_length=2000)


class ApplicationOut(Schema):
    id: int
    version: int
    program_id: int
    program: str = Field(..., alias="program.name")
    campaign_code: str
    campaign_id: int | None
    company_name: str
    country: str
    website: str
    domain: str
    tax_id: str
    address_line1: str
    city: str
    postal_code: str
    first_name: str
    last_name: str
    email: str
    phone: str
    message: str
    state: ApplicationState
    submitted_at: dt.datetime
    info_request: str
    info_answer: str
    reject_reason: str
    decision_note: str
    account_id: int | None
    partner_id: int | None

    @staticmethod
    def resolve_country(obj: object) -> str:
        return str(getattr(obj, "country").code or "")  # noqa: B009


class CandidateOut(Schema):
    """PRG-10: an account (`is_partner` when it is a managed partner) or
    another application the applicant may be, and why it matched: in the
    candidates list and in the 409 an approval answers while one is an
    account."""

    kind: ApplicationCandidateKind
    id: int
    name: str
    is_partner: bool
    reasons: list[ApplicationCandidateReason]


class ApplicationVersionIn(Input):
    version: Version


class InfoRequestIn(Input):
    version: Version
    message: str = Field(..., min_length=1, max_length=2000)


class LinkIn(Input):
    version: Version
    account_id: RecordId


class ApplicationApproveIn(Input):
    version: Version
    username: str = Field("", max_length=150)


class ApplicationRejectIn(Input):
    version: Version
    reason: str = Field(..., max_length=30)
    note: str = Field("", max_length=2000)


class CampaignIn(Input):
    code: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=120)
    is_active: bool = True


class CampaignOut(Schema):
    id: int
    version: int
    code: str
    name: str
    is_active: bool
