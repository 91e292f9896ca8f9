"""A partner contact's promotions (PC-2, PC-3): to a partner resource with a
role, then to a portal user invited to set its password."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.contacts.models import ContactPoint
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_update
from openprm.identity.models import User
from openprm.identity.services import resource_create, user_create
from openprm.partners.errors import PartnerErrorCode
from openprm.partners.events import (
    PromotedToResource,
    PromotedToUser,
)
from openprm.partners.models import PartnerContact
from openprm.partners.services.common import (
    partner_role,
    require_active_partner,
    require_portal_user_type,
)
from openprm.partners.services.contacts import manager_for, visible_contact
from openprm.partners.services.invitations import invitation_send


def partner_contact_promote_to_resource(
    *,
    actor: Actor,
    contact: PartnerContact,
    role_id: Any,
    expected_version: int,
    manager_id: Any = None,
) -> PartnerContact:
    """PC-2/PC-3: a contact becomes a partner resource (a role, optionally a
    manager) that sales teams can hold — only while the partner is Active."""
    contact = visible_contact(actor, contact)
    access.require(actor, "change", contact)
    require_active_partner(contact.partner)
    if contact.level != PartnerContact.Level.CONTACT:
        raise Conflict(
            _("This contact is already a partner resource."), code=PartnerErrorCode.ALREADY_RESOURCE
        )
    role = partner_role(role_id)
    manager = manager_for(contact, manager_id)
    person = contact.person
    email = (
        ContactPoint.objects.filter(person=person, kind=ContactPoint.Kind.EMAIL)
        .order_by("-is_primary", "pk")
        .values_list("email", flat=True)
        .first()
    )
    with transaction.atomic():
        resource = resource_create(
            actor=actor,
            name=person.full_name,
            email=email or "",
            title=person.job_title,
            manager=manager.resource if manager is not None else None,
            is_partner_resource=True,
            system=True,
        )
        record_update(
            actor=actor,
            instance=contact,
            changes={
                "level": PartnerContact.Level.RESOURCE,
                "role": role,
                "manager": manager,
                "resource": resource,
            },
            expected_version=expected_version,
        )
        publish(PromotedToResource(actor=actor, record=contact))
    return contact


def partner_contact_promote_to_user(
    *,
    actor: Actor,
    contact: PartnerContact,
    username: str,
    email: str,
    expected_version: int,
    base_url: str,
    portal_user_type: str = PartnerContact.PortalUserType.STANDARD,
    invite: bool = True,
) -> PartnerContact:
    """PC-2/PC-3: a partner resource gets a portal sign-in; the invitation
    e-mail carries a one-time link to set the password. Only the demo seeder
    passes `invite=False`, as it sets the password itself."""
    contact = visible_contact(actor, contact)
    access.require(actor, "change", contact)
    require_active_partner(contact.partner)
    if contact.level != PartnerContact.Level.RESOURCE:
        message = (
            _("This contact already has a portal user.")
            if contact.level == PartnerContact.Level.USER
            else _("Make the contact a partner resource (give it a role) first.")
        )
        raise Conflict(message, code=PartnerErrorCode.NOT_A_RESOURCE)
    if not email.strip():
        raise ValidationFailed(field_errors={"email": [_("The invitation needs an e-mail.")]})
    require_portal_user_type(contact.partner, portal_user_type)
    person = contact.person
    with transaction.atomic():
        user = user_create(
            actor=actor,
            username=username,
            password=None,
            email=email,
            first_name=person.first_name,
            last_name=person.last_name,
            user_type=User.UserType.PARTNER,
            roles=[contact.role] if contact.role else [],
            system=True,
        )
        assert contact.resource is not None
        record_update(
            actor=actor, instance=contact.resource, changes={"user": user}, expected_version=None
        )
        record_update(
            actor=actor,
            instance=contact,
            changes={
                "level": PartnerContact.Level.USER,
                "user": user,
                "portal_user_type": portal_user_type,
            },
            expected_version=expected_version,
        )
        publish(PromotedToUser(actor=actor, record=contact))
        if invite:
            invitation_send(user=user, base_url=base_url)
    return contact
