"""Partner contacts, their favorites and their retirement (PC-1..PC-6,
PRG-2); promotions to resource and portal user are promotions.py."""

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from openprm.contacts.models import Person, Relationship
from openprm.contacts.services import contact_create, relationship_add
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_create, record_delete, record_update
from openprm.identity.events import RolesChanged
from openprm.identity.models import Resource
from openprm.identity.services import user_set_active
from openprm.partners.errors import PartnerErrorCode
from openprm.partners.events import (
    PartnerContactAdded,
    PartnerContactDeleted,
)
from openprm.partners.models import PartnerContact, PartnerContactFavorite, PartnerProfile
from openprm.partners.services.common import (
    partner_role,
    require_portal_user_type,
)

PERSON_FIELDS = ("first_name", "last_name", "email", "phone", "job_title")


def _visible_partner(actor: Actor, partner: PartnerProfile) -> PartnerProfile:
    return access.get_visible(
        PartnerProfile,
        actor,
        partner.pk,
        access.visible(PartnerProfile, actor).select_related("account"),
    )


def visible_contact(actor: Actor, contact: PartnerContact) -> PartnerContact:
    return access.get_visible(
        PartnerContact,
        actor,
        contact.pk,
        access.visible(PartnerContact, actor).select_related(
            "partner__account", "person", "role", "resource", "user"
        ),
    )


def _clear_primary(actor: Actor, partner: PartnerProfile) -> None:
    for current in PartnerContact.objects.filter(partner=partner, is_primary=True):
        record_update(
            actor=actor, instance=current, changes={"is_primary": False}, expected_version=None
        )


def _membership_create(
    actor: Actor, partner: PartnerProfile, person: Person, role_id: Any, is_primary: bool
) -> PartnerContact:
    """PC-1: the person must not already work for a partner."""
    existing = PartnerContact.objects.select_related("partner__account").filter(person=person)
    if (found := existing.first()) is not None:
        raise Conflict(
            _("%(person)s already works for partner “%(partner)s”.")
            % {"person": person.full_name, "partner": found.partner.account.name},
            code=PartnerErrorCode.PARTNER_CONTACT_EXISTS,
        )
    role = partner_role(role_id) if role_id not in (None, "") else None
    if is_primary:
        _clear_primary(actor, partner)
    contact = PartnerContact(partner=partner, person=person, role=role, is_primary=is_primary)
    record_create(actor=actor, instance=contact)
    publish(PartnerContactAdded(actor=actor, record=partner, person=person.pk, primary=is_primary))
    return contact


def partner_contact_create(
    *,
    actor: Actor,
    partner: PartnerProfile,
    data: Mapping[str, Any],
    is_primary: bool = False,
    confirm_duplicates: bool = False,
) -> PartnerContact:
    """PC-1: a new person who works for the partner, related to its account.

    CON-2 applies: similar contacts refuse the create unless confirmed; an
    existing person is added with `partner_contact_add_existing` (PC-4).
    PA-6: `is_primary` makes it the partner's primary contact.
    """
    partner = _visible_partner(actor, partner)
    access.require(actor, "manage_contacts", partner)
    unknown = sorted(set(data) - {*PERSON_FIELDS, "role_id"})
    if unknown:
        raise ValidationFailed(
            field_errors={name: [_("This field cannot be set here.")] for name in unknown}
        )
    with transaction.atomic():
        person = contact_create(
            actor=actor,
            first_name=str(data.get("first_name") or ""),
            last_name=str(data.get("last_name") or ""),
            job_title=str(data.get("job_title") or ""),
            email=str(data.get("email") or ""),
            phone=str(data.get("phone") or ""),
            account_ids=[partner.account_id],
            confirm_duplicates=confirm_duplicates,
        )
        return _membership_create(actor, partner, person, data.get("role_id"), is_primary)


def partner_contact_add_existing(
    *,
    actor: Actor,
    partner: PartnerProfile,
    person_id: Any,
    role_id: Any = None,
    is_primary: bool = False,
) -> PartnerContact:
    """PC-4: an existing contact becomes a partner contact without a second
    person record; it is related to the partner's account if not yet."""
    partner = _visible_partner(actor, partner)
    access.require(actor, "manage_contacts", partner)
    person = access.get_visible(Person, actor, person_id)
    with transaction.atomic():
        contact = _membership_create(actor, partner, person, role_id, is_primary)
        if not Relationship.objects.filter(person=person, account_id=partner.account_id).exists():
            relationship_add(
                actor=actor,
                person=person,
                account=partner.account,
                relationship_type=Relationship.Type.EMPLOYEE,
            )
    return contact


def manager_for(contact: PartnerContact, manager_id: Any) -> PartnerContact | None:
    """PC-2: a resource's manager is another contact of the same partner."""
    if manager_id in (None, ""):
        return None
    manager = PartnerContact.objects.filter(pk=manager_id, partner_id=contact.partner_id).first()
    if manager is None or manager.pk == contact.pk:
        raise ValidationFailed(
            field_errors={"manager_id": [_("Choose another contact of the same partner.")]}
        )
    node: PartnerContact | None = manager
    while node is not None:
        if node.pk == contact.pk:
            raise ValidationFailed(
                field_errors={"manager_id": [_("This would make the hierarchy circular.")]}
            )
        node = node.manager
    return manager


def partner_contact_update(
    *, actor: Actor, contact: PartnerContact, changes: Mapping[str, Any], expected_version: int
) -> PartnerContact:
    """PA-6: the role can be changed (the portal user's roles follow); also
    the manager, the portal user type and the primary flag."""
    contact = visible_contact(actor, contact)
    access.require(actor, "change", contact)
    unknown = sorted(set(changes) - {"role_id", "manager_id", "portal_user_type", "is_primary"})
    if unknown:
        raise ValidationFailed(
            field_errors={name: [_("This field cannot be set here.")] for name in unknown}
        )
    values: dict[str, Any] = {}
    if "role_id" in changes:
        if changes["role_id"] in (None, "") and contact.level != PartnerContact.Level.CONTACT:
            raise ValidationFailed(
                field_errors={"role_id": [_("A partner resource or user needs a role.")]}
            )
        values["role"] = partner_role(changes["role_id"]) if changes["role_id"] else None
    if "manager_id" in changes:
        values["manager"] = manager_for(contact, changes["manager_id"])
    if "portal_user_type" in changes:
        require_portal_user_type(contact.partner, changes["portal_user_type"])
        values["portal_user_type"] = changes["portal_user_type"]
    with transaction.atomic():
        if changes.get("is_primary") and not contact.is_primary:
            _clear_primary(actor, contact.partner)
        if "is_primary" in changes:
            values["is_primary"] = bool(changes["is_primary"])
        record_update(
            actor=actor, instance=contact, changes=values, expected_version=expected_version
        )
        if "role" in values and contact.user is not None:
            contact.user.roles.set([values["role"]] if values["role"] else [])
            publish(
                RolesChanged(
                    actor=actor,
                    record=contact.user,
                    after=(values["role"].code,) if values["role"] else (),
                )
            )
    return contact


def _retire_sign_in(actor: Actor, contact: PartnerContact) -> None:
    if contact.user is not None and contact.user.is_active:
        user_set_active(actor=actor, user=contact.user, active=False, system=True)
    resource: Resource | None = contact.resource
    if resource is not None and resource.active:
        record_update(
            actor=actor, instance=resource, changes={"active": False}, expected_version=None
        )


def partner_contact_delete(*, actor: Actor, contact: PartnerContact) -> None:
    """PC-5: deleting a partner contact deactivates its user at once — its
    session and tokens stop working on the next request. The person stays."""
    contact = visible_contact(actor, contact)
    access.require(actor, "delete", contact)
    with transaction.atomic():
        _retire_sign_in(actor, contact)
        publish(
            PartnerContactDeleted(
                actor=actor, record=contact.partner, person=contact.person_id, user=contact.user_id
            )
        )
        record_delete(actor=actor, instance=contact)


def partner_contacts_retire_for_partner(*, actor: Actor, partner: PartnerProfile) -> None:
    """A deleted partner's portal users can no longer sign in (PC-5, PRG-7)."""
    for contact in PartnerContact.objects.filter(partner=partner).select_related(
        "user", "resource"
    ):
        _retire_sign_in(actor, contact)


def partner_contact_favorite_set(*, actor: Actor, contact: PartnerContact, favorite: bool) -> bool:
    """PC-6: channel managers and partner users mark favorites for themselves."""
    contact = access.get_visible(PartnerContact, actor, contact.pk)
    if not favorite:
        PartnerContactFavorite.objects.filter(user_id=actor.pk, partner_contact=contact).delete()
        return False
    try:
        with transaction.atomic():
            PartnerContactFavorite.objects.get_or_create(user=actor.user, partner_contact=contact)
    except IntegrityError:
        pass  # a concurrent request marked it first: the outcome is the same
    return True
