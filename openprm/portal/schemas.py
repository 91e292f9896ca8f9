"""API shapes of the portal (PRG-2, PRG-7)."""

from ninja import Schema
from pydantic import StrictBool

from openprm.core.apikit.types import Input, Version
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


class PortalUserUpdateIn(Input):
    """PRG-2: what a partner administrator may change about its users."""

    version: Version
    portal_user_type: PortalUserType | None = None
    is_active: StrictBool | None = None
