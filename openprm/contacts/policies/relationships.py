"""Relationships of a contact to customers and other contacts (CON-12,
CON-4)."""

from django.db.models import Q, QuerySet

from openprm.contacts.models import Person, Relationship, RelationshipContactPoint
from openprm.contacts.policies.edit_rules import contact_edit_refusal
from openprm.contacts.policies.persons import following_person
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.customers.models import Account


def _relationships(queryset: QuerySet[Relationship], actor: Actor) -> QuerySet[Relationship]:
    """CON-12, TEAM-5: a relationship shows with its contact, and only while
    the customer or the other contact it names is visible too."""
    if not actor.is_internal:
        return queryset.none()
    return queryset.filter(
        access.through_visible(Person, actor, "person"),
        Q(account__isnull=True) | access.through_visible(Account, actor, "account"),
        Q(related_person__isnull=True) | access.through_visible(Person, actor, "related_person"),
    )


@access.policy(Relationship)
class RelationshipPolicy(access.Policy[Relationship]):
    """A relationship is part of its contact (TEAM-2): changing it, pinning
    its primary contact points (CON-4) or removing it is editing the contact."""

    def view(self, rows: QuerySet[Relationship], actor: Actor) -> QuerySet[Relationship]:
        return _relationships(rows, actor)

    def check_change(self, actor: Actor, relationship: Relationship) -> PermissionRefused | None:
        return contact_edit_refusal(actor, relationship.person)

    def check_delete(self, actor: Actor, relationship: Relationship) -> PermissionRefused | None:
        return contact_edit_refusal(actor, relationship.person)


access.register(RelationshipContactPoint)(following_person("relationship__person"))
