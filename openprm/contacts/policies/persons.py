"""Who sees, creates, edits and deletes a contact (TEAM-2, TEAM-5, CON-11),
and the scope of the records that follow their person."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.contacts.catalog import DELETE_SALES_PARTY_CONTACT
from openprm.contacts.errors import ContactErrorCode
from openprm.contacts.models import Person
from openprm.contacts.policies.edit_rules import contact_edit_refusal, internal_only
from openprm.contacts.policies.person_conditions import partner_persons_q, persons_visible_q
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import missing_privilege
from openprm.customers.models import Account
from openprm.customers.reach import edits_any


def _related_accounts(person: Person) -> list[Account]:
    return list(
        Account.objects.filter(contact_relationships__person=person, is_active=True).order_by(
            "name_search"
        )
    )


def _delete_refusal(actor: Actor, accounts: list[Account]) -> str:
    """CON-11's message names the customers, but only those the actor sees
    (TEAM-5: an account one cannot see is named nowhere)."""
    seen = set(
        access.visible(Account, actor)
        .filter(pk__in=[a.pk for a in accounts])
        .values_list("pk", flat=True)
    )
    names = ", ".join(a.name for a in accounts if a.pk in seen)
    if not names:
        return _(
            "You do not have permission to delete this contact because the contact "
            "is associated to customers you cannot see"
        )
    return _(
        "You do not have permission to delete this contact because the contact "
        "is associated to customer %(names)s"
    ) % {"names": names}


@access.policy(Person)
class PersonPolicy(access.Policy[Person]):
    def view(self, rows: QuerySet[Person], actor: Actor) -> QuerySet[Person]:
        if not actor.is_internal:
            return rows.filter(partner_persons_q(actor)) if actor.partner_id else rows.none()
        return rows.filter(persons_visible_q(actor))

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return internal_only(actor)

    def check_change(self, actor: Actor, person: Person) -> PermissionRefused | None:
        return contact_edit_refusal(actor, person)

    def check_delete(self, actor: Actor, person: Person) -> PermissionRefused | None:
        """CON-11: needs Delete Sales Party Contact and Full or Edit access to
        at least one related account."""
        missing = missing_privilege(actor, DELETE_SALES_PARTY_CONTACT)
        if missing is not None:
            return missing
        accounts = _related_accounts(person)
        if accounts and not edits_any(actor, accounts):
            return PermissionRefused(
                _delete_refusal(actor, accounts), code=ContactErrorCode.CONTACT_DELETE_REFUSED
            )
        return None


def following_person(prefix: str) -> access.Scope:
    def scope(queryset: QuerySet[Any], actor: Actor) -> QuerySet[Any]:
        if not actor.is_internal:
            return queryset.none()
        return queryset.filter(access.through_visible(Person, actor, prefix))

    return scope
