"""What editing a contact needs (TEAM-2), and who may create contacts
(TEAM-5): the rules the contact-related records' policies share."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from openprm.contacts.errors import ContactErrorCode
from openprm.contacts.models import Person
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege
from openprm.customers.catalog import VIEW_ALL_SALES_DATA
from openprm.customers.models import Account
from openprm.customers.reach import edits_any


def contact_edit_refusal(actor: Actor, person: Person) -> PermissionRefused | None:
    """TEAM-2: a contact is one of its customers' customer-related records,
    so editing it (its own fields, contact points, preferences and
    relationships) needs Edit or Full access to at least one active account it
    is related to; a contact related to none is edited by its owner. Users who
    see all sales data edit every contact."""
    if not actor.is_internal:
        return _CONTACT_EDIT_REFUSED
    if has_privilege(actor, VIEW_ALL_SALES_DATA):
        return None
    accounts = list(
        Account.objects.filter(contact_relationships__person_id=person.pk, is_active=True)
    )
    if not accounts:
        owns = person.owner_id is not None and person.owner_id == actor.pk
        return None if owns else _CONTACT_EDIT_REFUSED
    return None if edits_any(actor, accounts) else _CONTACT_EDIT_REFUSED


_CONTACT_EDIT_REFUSED = PermissionRefused(
    _lazy(
        "You may view this contact but not edit it: that needs Edit or Full "
        "access to one of its customers (or, for a contact of no customer, "
        "being its owner)."
    ),
    code=ContactErrorCode.CONTACT_EDIT_ACCESS_REQUIRED,
)


def person_get_for_edit(actor: Actor, pk: Any) -> Person:
    """A visible contact the actor may also edit (TEAM-2), else NotFound or 403."""
    person = access.get_visible(Person, actor, pk)
    access.require(actor, "change", person)
    return person


def internal_only(actor: Actor) -> PermissionRefused | None:
    """TEAM-5: partner (portal) users see no contacts, households or saved
    searches here, so they may not create them either (their writes would
    produce records they cannot see)."""
    if actor.is_internal:
        return None
    return PermissionRefused(
        _("Only internal users can manage contacts here."),
        code=ContactErrorCode.INTERNAL_USERS_ONLY,
    )
