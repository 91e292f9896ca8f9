"""API shapes of the portal (PRG-2, PRG-7)."""

from ninja import Field, Schema
from pydantic import ConfigDict

from openprm.partners.schemas import PortalUserType


class PortalMeOut(Schema):
    user_id: int
    username: str
    partner_id: int
    partner_name: str
    partner_contact_id: int
    role: str
    portal_user_type: str
    is_partner_administrator: bool


class PortalUserUpdateIn(Schema):
    """PRG-2: what a partner administrator may change about its users."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(..., ge=1)
    portal_user_type: PortalUserType | None = None
    is_active: bool | None = None
