"""The partners' operations of the portal JSON API: the caller's own
organization only (PRG-7). The partner comes from the caller's membership,
never from a parameter. The portal app mounts this router (portal.api).

Each operation keeps the operation id it had when the portal app held it,
so clients generated from the OpenAPI document keep their method names.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.core.errors import NotFound
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.partners import selectors
from openprm.partners.contact_api import base_url
from openprm.partners.contact_schemas import (
    InvitationOut,
    PartnerContactOut,
    PortalContactOut,
    PortalMeOut,
    PortalUserInviteIn,
    PortalUserUpdateIn,
)
from openprm.partners.filters import PartnerContactFilter
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.policies.membership import membership
from openprm.partners.portal_tables import PORTAL_CONTACTS, PORTAL_USERS
from openprm.partners.schemas import (
    PartnerOut,
)
from openprm.partners.services import (
    portal_invitation_resend,
    portal_user_invite,
    portal_user_update,
)

router = Router()


@router.get(
    "/portal/me",
    response=PortalMeOut,
)
@reads(PartnerContact)
def portal_me(request: HttpRequest) -> dict[str, Any]:
    own = membership(request.actor)
    if own is None:
        raise NotFound()
    return {
        "user_id": request.actor.pk,
        "username": request.actor.username,
        "partner_id": own.partner_id,
        "partner_name": own.partner.account.name,
        "partner_contact_id": own.pk,
        "role": own.role.code if own.role else "",
        "portal_user_type": own.portal_user_type,
        "is_partner_administrator": bool(own.role and own.role.code == PARTNER_ADMINISTRATOR),
    }


@router.get(
    "/portal/organization",
    response=PartnerOut,
)
@reads(PartnerProfile)
def portal_organization(request: HttpRequest) -> PartnerProfile:
    """PRG-7: the caller's own organization's profile."""
    return selectors.own_partner(actor=request.actor)


@router.get(
    "/portal/contacts",
    response=list[PartnerContactOut],
)
@reads(PartnerContact)
@paginate(PagePagination)
def portal_contacts(
    request: HttpRequest,
    filters: Query[PartnerContactFilter],
    sort: sort_choices(PORTAL_CONTACTS.sortable) = PORTAL_CONTACTS.default_sort,
) -> Any:
    return PORTAL_CONTACTS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.get(
    "/portal/users",
    response=list[PartnerContactOut],
)
@reads(PartnerContact)
@paginate(PagePagination)
def portal_users(request: HttpRequest) -> Any:
    """PRG-2: the portal users of the caller's organization."""
    return PORTAL_USERS.rows(actor=request.actor, query=request.GET)


@router.get(
    "/portal/contacts/{contact_id}",
    response=PortalContactOut,
)
@reads(PartnerContact)
def portal_contact(request: HttpRequest, contact_id: RecordId) -> PartnerContact:
    """PRG-7: one contact of the caller's organization, with its e-mails,
    phones and portal user state; another organization's answers 404."""
    card = selectors.portal_contact_card(actor=request.actor, pk=contact_id)
    contact = card.contact
    contact.emails = card.emails  # type: ignore[attr-defined]
    contact.phones = card.phones  # type: ignore[attr-defined]
    contact.last_sign_in = contact.user.last_login if contact.user else None  # type: ignore[attr-defined]
    return contact


@router.post(
    "/portal/users",
    response={201: PartnerContactOut},
)
def portal_user_invite_operation(
    request: HttpRequest, payload: PortalUserInviteIn
) -> Status[PartnerContact]:
    """PRG-2: the partner administrator invites a new user of its
    organization (a partner contact with a portal user; the invitation
    e-mail goes out). 409 `partner_inactive` for an inactive partner."""
    contact = portal_user_invite(
        actor=request.actor,
        first_name=payload.first_name,
        last_name=payload.last_name,
        email=payload.email,
        portal_user_type=payload.portal_user_type,
        base_url=base_url(request),
    )
    return Status(201, selectors.partner_contact_get(actor=request.actor, pk=contact.pk))


@router.post(
    "/portal/users/{contact_id}/invitation",
    response={201: InvitationOut},
)
def portal_user_invitation(request: HttpRequest, contact_id: RecordId) -> Status[Any]:
    """PC-2, PRG-2: a new invitation link for a user of the caller's
    organization; the earlier one stops working."""
    contact = selectors.portal_user_get_to(
        actor=request.actor, pk=contact_id, action="resend_invitation"
    )
    invitation = portal_invitation_resend(
        actor=request.actor, contact=contact, base_url=base_url(request)
    )
    return Status(201, invitation)


@router.patch(
    "/portal/users/{contact_id}",
    response=PartnerContactOut,
)
def portal_user_change(
    request: HttpRequest, contact_id: RecordId, payload: PortalUserUpdateIn
) -> PartnerContact:
    """PRG-2: a partner administrator sets power / standard (up to the
    organization's highest, PRG-13) and activity of its own organization's
    users; other organizations' users answer 404."""
    contact = selectors.portal_user_get_to(
        actor=request.actor, pk=contact_id, action="manage_portal_user"
    )
    portal_user_update(
        actor=request.actor,
        contact=contact,
        expected_version=payload.version,
        portal_user_type=payload.portal_user_type,
        active=payload.is_active,
    )
    return selectors.partner_contact_get(actor=request.actor, pk=contact_id)
