"""JSON API for partner contacts, their promotions and invitations, and the
partner's portal settings (PC-1..PC-6, PRG-13); mounted on the partners
API's router."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.contacts.schemas import DuplicateContactOut
from openprm.core.apikit.conflicts import answers_duplicates
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.partners import selectors, services, tables
from openprm.partners.contact_schemas import (
    FavoriteIn,
    InvitationOut,
    PartnerContactCreateIn,
    PartnerContactExistingIn,
    PartnerContactFavoriteOut,
    PartnerContactOut,
    PartnerContactUpdateIn,
    PromoteToResourceIn,
    PromoteToUserIn,
)
from openprm.partners.filters import PartnerContactFilter
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.schemas import (
    PartnerOut,
    PartnerPortalIn,
)

router = Router()


def base_url(request: HttpRequest) -> str:
    """Where invitation links point: the server the caller talks to."""
    return request.build_absolute_uri("/")


@router.get("/partners/{partner_id}/contacts", response=list[PartnerContactOut])
@reads(PartnerProfile)
@paginate(PagePagination)
def partner_contact_list(
    request: HttpRequest,
    partner_id: RecordId,
    filters: Query[PartnerContactFilter],
    sort: sort_choices(tables.PARTNER_CONTACTS.sortable) = tables.PARTNER_CONTACTS.default_sort,
) -> Any:
    """PC-1: the partner's contacts; sort by name, level or role."""
    return tables.PARTNER_CONTACTS.rows(
        actor=request.actor, query=request.GET, filters=filters, sort=sort, partner_id=partner_id
    )


@router.post("/partners/{partner_id}/contacts", response={201: PartnerContactOut})
@answers_duplicates(DuplicateContactOut)
def partner_contact_create(
    request: HttpRequest, partner_id: RecordId, payload: PartnerContactCreateIn
) -> Status[PartnerContact]:
    """PC-1; PA-6 (`primary`: add the primary contact later)."""
    partner = selectors.partner_get(actor=request.actor, pk=partner_id)
    contact = services.partner_contact_create(
        actor=request.actor,
        partner=partner,
        data=payload.model_dump(exclude={"primary", "confirm_duplicates"}),
        is_primary=payload.primary,
        confirm_duplicates=payload.confirm_duplicates,
    )
    return Status(201, selectors.partner_contact_get(actor=request.actor, pk=contact.pk))


@router.post("/partners/{partner_id}/contacts/existing", response={201: PartnerContactOut})
def partner_contact_add_existing(
    request: HttpRequest, partner_id: RecordId, payload: PartnerContactExistingIn
) -> Status[PartnerContact]:
    """PC-4: an existing contact, without a second person record."""
    partner = selectors.partner_get(actor=request.actor, pk=partner_id)
    contact = services.partner_contact_add_existing(
        actor=request.actor,
        partner=partner,
        person_id=payload.person_id,
        role_id=payload.role_id,
        is_primary=payload.primary,
    )
    return Status(201, selectors.partner_contact_get(actor=request.actor, pk=contact.pk))


@router.get("/partner-contacts/favorites", response=list[PartnerContactOut])
@reads(PartnerContact)
@paginate(PagePagination)
def favorite_partner_contacts(request: HttpRequest) -> Any:
    """PC-6: the caller's favorite partner contacts."""
    return selectors.favorite_partner_contacts(actor=request.actor)


@router.get("/partner-contacts/{contact_id}", response=PartnerContactOut)
@reads(PartnerContact)
def partner_contact_detail(request: HttpRequest, contact_id: RecordId) -> PartnerContact:
    return selectors.partner_contact_get(actor=request.actor, pk=contact_id)


@router.patch("/partner-contacts/{contact_id}", response=PartnerContactOut)
def partner_contact_update(
    request: HttpRequest, contact_id: RecordId, payload: PartnerContactUpdateIn
) -> PartnerContact:
    """PA-6: the role can be changed; also manager, portal user type, primary."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=contact_id)
    services.partner_contact_update(
        actor=request.actor,
        contact=contact,
        changes=sent_changes(payload),
        expected_version=payload.version,
    )
    return selectors.partner_contact_get(actor=request.actor, pk=contact_id)


@router.post("/partner-contacts/{contact_id}/promote-to-resource", response=PartnerContactOut)
def partner_contact_promote_to_resource(
    request: HttpRequest, contact_id: RecordId, payload: PromoteToResourceIn
) -> PartnerContact:
    """PC-2/PC-3: 409 `partner_inactive` when the partner is Inactive."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=contact_id)
    services.partner_contact_promote_to_resource(
        actor=request.actor,
        contact=contact,
        role_id=payload.role_id,
        manager_id=payload.manager_id,
        expected_version=payload.version,
    )
    return selectors.partner_contact_get(actor=request.actor, pk=contact_id)


@router.post("/partner-contacts/{contact_id}/promote-to-user", response=PartnerContactOut)
def partner_contact_promote_to_user(
    request: HttpRequest, contact_id: RecordId, payload: PromoteToUserIn
) -> PartnerContact:
    """PC-2/PC-3: creates the portal user and e-mails the invitation link."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=contact_id)
    services.partner_contact_promote_to_user(
        actor=request.actor,
        contact=contact,
        username=payload.username,
        email=payload.email,
        portal_user_type=payload.portal_user_type,
        expected_version=payload.version,
        base_url=base_url(request),
    )
    return selectors.partner_contact_get(actor=request.actor, pk=contact_id)


@router.delete("/partner-contacts/{contact_id}", response={204: None})
def partner_contact_delete(request: HttpRequest, contact_id: RecordId) -> Any:
    """PC-5: the contact's portal user is deactivated at once."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=contact_id)
    services.partner_contact_delete(actor=request.actor, contact=contact)
    return Status(204, None)


@router.put("/partner-contacts/{contact_id}/favorite", response=PartnerContactFavoriteOut)
def partner_contact_favorite(
    request: HttpRequest, contact_id: RecordId, payload: FavoriteIn
) -> dict[str, bool]:
    """PC-6: mark (or with `favorite: false` unmark) for the caller only."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=contact_id)
    favorite = services.partner_contact_favorite_set(
        actor=request.actor, contact=contact, favorite=payload.favorite
    )
    return {"favorite": favorite}


@router.patch("/partners/{partner_id}/portal", response=PartnerOut)
def partner_portal_update(
    request: HttpRequest, partner_id: RecordId, payload: PartnerPortalIn
) -> PartnerProfile:
    """PRG-13: whether the partner's portal is on (off signs all its users
    out and their tokens answer 401), the highest user type its
    administrator may give, and whether its users see its subsidiaries'
    contacts."""
    partner = selectors.partner_get(actor=request.actor, pk=partner_id)
    services.partner_portal_update(
        actor=request.actor,
        partner=partner,
        expected_version=payload.version,
        portal_enabled=payload.portal_enabled,
        max_portal_user_type=payload.max_portal_user_type,
        portal_shows_subsidiaries=payload.portal_shows_subsidiaries,
    )
    return selectors.partner_get(actor=request.actor, pk=partner_id)


@router.post("/partner-contacts/{contact_id}/invitation", response={201: InvitationOut})
def partner_contact_invitation(request: HttpRequest, contact_id: RecordId) -> Status[Any]:
    """PC-2: a new invitation link for the contact's portal user; the
    earlier one stops working."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=contact_id)
    invitation = services.portal_invitation_resend(
        actor=request.actor, contact=contact, base_url=base_url(request)
    )
    return Status(201, invitation)
