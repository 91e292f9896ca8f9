"""The partner's portal users (PRG-2): the partner administrator invites
users to its own organization, sets their type up to the highest one the
brand owner allows (portal_settings.py), deactivates and reactivates them,
and sends a new invitation.
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.contacts.models import ContactPoint, Person, Relationship
from openprm.contacts.rules import ContactDraft, contacts_check
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.values import custom_definitions
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_create, record_update
from openprm.core.rules import Refused
from openprm.identity.catalog import PARTNER_SALES_REPRESENTATIVE
from openprm.identity.errors import IdentityErrorCode
from openprm.identity.models import Role, User
from openprm.identity.services import resource_create, user_create, user_set_active
from openprm.partners.errors import NotPortalUser, PartnerErrorCode
from openprm.partners.events import (
    InvitationResent,
    PartnerContactAdded,
    PortalUserInvited,
)
from openprm.partners.models import (
    PartnerContact,
    PartnerProfile,
    PortalInvitation,
    PortalUserType,
)
from openprm.partners.policies.membership import membership
from openprm.partners.services.common import require_portal_user_type
from openprm.partners.services.invitations import invitation_issue, invitation_send


def _require_portal_open(partner: PartnerProfile) -> None:
    """Bad input (issue 16): a portal user for an inactive partner, or for
    one whose portal is switched off, is refused with a clear message."""
    if not partner.is_active_partner:
        raise Conflict(
            _(
                "%(name)s is an inactive partner: it cannot have active portal users. "
                "Ask your channel manager to activate it first."
            )
            % {"name": partner.account.name},
            code=PartnerErrorCode.PARTNER_INACTIVE,
        )
    if not partner.portal_enabled:
        raise Conflict(
            _("The partner portal is switched off for %(name)s.") % {"name": partner.account.name},
            code=PartnerErrorCode.PORTAL_DISABLED,
        )


def _own_partner(actor: Actor) -> PartnerProfile:
    own = membership(actor)
    return access.get_visible(
        PartnerProfile,
        actor,
        own.partner_id if own is not None else None,
        access.visible(PartnerProfile, actor).select_related("account"),
    )


def _portal_contact(actor: Actor, contact: PartnerContact) -> PartnerContact:
    return access.get_visible(
        PartnerContact,
        actor,
        contact.pk,
        access.visible(PartnerContact, actor).select_related(
            "partner__account", "person", "role", "resource", "user"
        ),
    )


def _new_person(
    actor: Actor, partner: PartnerProfile, first_name: str, last_name: str, email: str
) -> Person:
    """The invitee as a contact of the partner's account (PC-1, PC-4), its
    values checked by the contacts rules; the partner account's owner owns
    it, as a brand-owner record."""
    (draft,) = contacts_check(
        [ContactDraft(first_name=first_name, last_name=last_name, email=email)],
        custom_fields=custom_definitions(Person.record_type),
    )
    if isinstance(draft, Refused):
        raise ValidationFailed(field_errors=draft.errors)
    if not draft.email:
        raise ValidationFailed(field_errors={"email": [_("The invitation needs an e-mail.")]})
    person = record_create(
        actor=actor,
        instance=Person(
            first_name=draft.first_name,
            last_name=draft.last_name,
            owner_id=partner.account.owner_id,
        ),
    )
    record_create(
        actor=actor,
        instance=ContactPoint(
            person=person, kind=ContactPoint.Kind.EMAIL, email=draft.email, is_primary=True
        ),
    )
    record_create(
        actor=actor,
        instance=Relationship(
            person=person, account=partner.account, relationship_type=Relationship.Type.EMPLOYEE
        ),
    )
    return person


def portal_user_invite(
    *,
    actor: Actor,
    first_name: str,
    last_name: str,
    email: str,
    base_url: str,
    portal_user_type: str = PortalUserType.STANDARD,
) -> PartnerContact:
    """PRG-2: the partner administrator invites a new user of its own
    organization: a partner contact with a partner resource and a portal
    user (the e-mail is its user name), and the invitation e-mail."""
    partner = _own_partner(actor)
    access.require(actor, "manage_portal_users", partner)
    _require_portal_open(partner)
    require_portal_user_type(partner, portal_user_type)
    address = email.strip().lower()
    taken = access.unscoped(User).filter(username__iexact=address).exists() or (
        address and access.unscoped(User).filter(email__iexact=address).exists()
    )
    if taken:
        raise Conflict(
            _("A user with the e-mail %(email)s already exists.") % {"email": address},
            code=PartnerErrorCode.PORTAL_USER_EXISTS,
            field_errors={"email": [_("A user with this e-mail already exists.")]},
        )
    role = access.unscoped(Role).get(code=PARTNER_SALES_REPRESENTATIVE)
    inviter = membership(actor)
    with transaction.atomic():
        person = _new_person(actor, partner, first_name, last_name, address)
        user = user_create(
            actor=actor,
            username=address,
            password=None,
            email=address,
            first_name=person.first_name,
            last_name=person.last_name,
            user_type=User.UserType.PARTNER,
            roles=[role],
            system=True,
        )
        resource = resource_create(
            actor=actor,
            name=person.full_name,
            email=address,
            user=user,
            manager=inviter.resource if inviter is not None else None,
            is_partner_resource=True,
            system=True,
        )
        contact = record_create(
            actor=actor,
            instance=PartnerContact(
                partner=partner,
                person=person,
                level=PartnerContact.Level.USER,
                role=role,
                manager=inviter,
                resource=resource,
                user=user,
                portal_user_type=portal_user_type,
            ),
        )
        publish(PartnerContactAdded(actor=actor, record=partner, person=person.pk, primary=False))
        publish(PortalUserInvited(actor=actor, record=contact))
        invitation_send(user=user, base_url=base_url)
    return contact


def portal_user_update(
    *,
    actor: Actor,
    contact: PartnerContact,
    expected_version: int,
    portal_user_type: str | None = None,
    active: bool | None = None,
) -> PartnerContact:
    """PRG-2: a partner administrator sets its own users' type (up to the
    organization's highest, PRG-13) and activity; another organization's
    users answer NotFound. Nobody deactivates itself, and a user of an
    inactive partner is not reactivated."""
    contact = _portal_contact(actor, contact)
    access.require(actor, "manage_portal_user", contact)
    user = contact.user
    if user is None:
        raise NotPortalUser()
    values: dict[str, Any] = {}
    if portal_user_type is not None:
        require_portal_user_type(contact.partner, portal_user_type)
        values["portal_user_type"] = portal_user_type
    if active is not None and active != user.is_active:
        if user.pk == actor.pk:
            raise ValidationFailed(
                _("You cannot deactivate yourself."), code=IdentityErrorCode.CANNOT_DEACTIVATE_SELF
            )
        if active:
            _require_portal_open(contact.partner)
    with transaction.atomic():
        record_update(
            actor=actor, instance=contact, changes=values, expected_version=expected_version
        )
        if active is not None and active != user.is_active:
            user_set_active(actor=actor, user=user, active=active, system=True)
            if contact.resource is not None and contact.resource.active != active:
                record_update(
                    actor=actor,
                    instance=contact.resource,
                    changes={"active": active},
                    expected_version=None,
                )
    return contact


def portal_invitation_resend(
    *, actor: Actor, contact: PartnerContact, base_url: str
) -> PortalInvitation:
    """PC-2, PRG-2: a new invitation link for a portal user, sent by the
    channel team or the organization's partner administrator; the earlier
    link stops working."""
    contact = _portal_contact(actor, contact)
    access.require(actor, "resend_invitation", contact)
    user = contact.user
    if user is None:
        raise NotPortalUser()
    if not user.is_active:
        raise Conflict(
            _("%(name)s is deactivated: reactivate the user before inviting it again.")
            % {"name": contact.person.full_name},
            code=PartnerErrorCode.PORTAL_USER_INACTIVE,
        )
    _require_portal_open(contact.partner)
    if not user.email:
        raise ValidationFailed(_("The user has no e-mail to send the invitation to."))
    with transaction.atomic():
        invitation, _link = invitation_issue(user=user, base_url=base_url)
        publish(InvitationResent(actor=actor, record=contact))
    return invitation
