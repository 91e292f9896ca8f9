"""API shapes for partner contacts and the partner portal's users.

Inputs forbid unknown keys: no `user` or `level` (only the promotions of
PC-2 set them).
"""

import datetime as dt

from ninja import Field, Schema
from pydantic import StrictBool

from openprm.core.apikit.types import Input, RecordId, Version
from openprm.partners.models import (
    PartnerContact,
    PartnerContactLevel,
    PortalUserState,
    PortalUserType,
)
from openprm.partners.schemas import PersonIn


class PartnerContactCreateIn(PersonIn):
    """PC-1 a new person for the partner; `primary` makes it the primary
    contact (PA-6: can be added later). 409 `duplicate_contacts` lists
    similar contacts unless `confirm_duplicates`; add one of them with
    `person_id` instead (PC-4)."""

    role_id: RecordId | None = None
    primary: StrictBool = False
    confirm_duplicates: StrictBool = False


class PartnerContactExistingIn(Input):
    """PC-4: an existing contact, without a second person record."""

    person_id: RecordId
    role_id: RecordId | None = None
    primary: StrictBool = False


class PartnerContactUpdateIn(Input):
    version: Version
    role_id: RecordId | None = None
    manager_id: RecordId | None = None
    portal_user_type: PortalUserType | None = None
    is_primary: StrictBool | None = None


class PromoteToResourceIn(Input):
    version: Version
    role_id: RecordId
    manager_id: RecordId | None = None


class PromoteToUserIn(Input):
    version: Version
    username: str = Field(..., min_length=1, max_length=150)
    email: str = Field(..., min_length=3, max_length=254)
    portal_user_type: PortalUserType = PortalUserType.STANDARD


class FavoriteIn(Input):
    favorite: StrictBool = True


class PortalMeOut(Schema):
    user_id: int
    username: str
    partner_id: int
    partner_name: str
    partner_contact_id: int
    role: str = Field(
        ...,
        description="The code of the contact's partner role (GET /api/v1/roles), empty "
        "without one. Roles are records (PLAT-2): text, not an enum.",
    )
    portal_user_type: PortalUserType
    is_partner_administrator: bool


class PortalUserUpdateIn(Input):
    """PRG-2: what a partner administrator may change about its users."""

    version: Version
    portal_user_type: PortalUserType | None = None
    is_active: StrictBool | None = None


class PortalUserInviteIn(Input):
    """PRG-2: a new user of the partner administrator's organization; its
    e-mail is its user name."""

    first_name: str = Field(..., min_length=1, max_length=100)
    last_name: str = Field(..., min_length=1, max_length=100)
    email: str = Field(..., min_length=3, max_length=254)
    portal_user_type: PortalUserType = PortalUserType.STANDARD


class InvitationOut(Schema):
    """PC-2: when the new invitation was sent and until when its link works."""

    sent_at: dt.datetime
    expires_at: dt.datetime


class PartnerContactFavoriteOut(Schema):
    favorite: bool


class PartnerContactOut(Schema):
    id: int
    partner_id: int
    partner_name: str
    person_id: int
    first_name: str
    last_name: str
    job_title: str
    level: PartnerContactLevel
    role_id: int | None
    role_name: str
    manager_id: int | None
    resource_id: int | None
    user_id: int | None
    username: str
    user_active: bool | None
    portal_user_type: PortalUserType
    is_primary: bool
    is_favorite: bool = False
    version: int

    @staticmethod
    def resolve_partner_name(obj: PartnerContact) -> str:
        return obj.partner.account.name

    @staticmethod
    def resolve_first_name(obj: PartnerContact) -> str:
        return obj.person.first_name

    @staticmethod
    def resolve_last_name(obj: PartnerContact) -> str:
        return obj.person.last_name

    @staticmethod
    def resolve_job_title(obj: PartnerContact) -> str:
        return obj.person.job_title

    @staticmethod
    def resolve_role_name(obj: PartnerContact) -> str:
        return obj.role.name if obj.role_id else ""

    @staticmethod
    def resolve_username(obj: PartnerContact) -> str:
        return obj.user.username if obj.user_id else ""

    @staticmethod
    def resolve_user_active(obj: PartnerContact) -> bool | None:
        return obj.user.is_active if obj.user_id else None


class PortalContactOut(PartnerContactOut):
    """PRG-7: one contact of the organization as the portal shows it."""

    emails: list[str]
    phones: list[str]
    user_state: PortalUserState | None = Field(
        ..., description="None for a contact without a portal user."
    )
    invited_at: dt.datetime | None = None
    last_sign_in: dt.datetime | None = None
