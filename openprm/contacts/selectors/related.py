"""A contact's points, preferences and relationships, an account's
contacts, and households."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from openprm.contacts.models import (
    ContactPoint,
    ContactPreference,
    Household,
    HouseholdMembership,
    Person,
    Relationship,
    RelationshipContactPoint,
)
from openprm.contacts.normalize import search_key
from openprm.contacts.selectors.lists import with_list_columns
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.search import key_prefix_q
from openprm.customers.models import Account
from openprm.imports.external_ids import with_external_id


def relationship_primary_points(relationship: Relationship) -> dict[str, ContactPoint]:
    """CON-4: per kind, the point primary for this relationship — its own
    designation, else the contact's overall primary."""
    chosen = {
        link.kind: link.contact_point
        for link in RelationshipContactPoint.objects.filter(
            relationship=relationship
        ).select_related("contact_point")
    }
    overall = ContactPoint.objects.filter(person_id=relationship.person_id, is_primary=True)
    for point in overall:
        chosen.setdefault(point.kind, point)
    return chosen


def contact_point_list(*, actor: Actor, person: Person) -> QuerySet[ContactPoint]:
    return (
        access.visible(ContactPoint, actor)
        .filter(person_id=person.pk)
        .prefetch_related("preferences")
        .order_by("kind", "-is_primary", "pk")
    )


def contact_point_get(*, actor: Actor, pk: Any) -> ContactPoint:
    return access.get_visible(
        ContactPoint,
        actor,
        pk,
        access.visible(ContactPoint, actor)
        .select_related("person")
        .prefetch_related("preferences"),
    )


def preference_list(*, actor: Actor, point: ContactPoint) -> QuerySet[ContactPreference]:
    return access.visible(ContactPreference, actor).filter(contact_point_id=point.pk)


def preference_get(*, actor: Actor, pk: Any) -> ContactPreference:
    return access.get_visible(ContactPreference, actor, pk)


def relationship_list(*, actor: Actor, person: Person) -> QuerySet[Relationship]:
    """CON-12: the contact's relationships to customers and to other contacts."""
    return (
        access.visible(Relationship, actor)
        .filter(person_id=person.pk)
        .select_related("account", "related_person")
        .prefetch_related("primary_points")
        .order_by("pk")
    )


def relationship_get(*, actor: Actor, pk: Any) -> Relationship:
    return access.get_visible(Relationship, actor, pk)


def account_get(*, actor: Actor, pk: Any) -> Account:
    return access.get_visible(Account, actor, pk)


def account_contact_list(*, actor: Actor, account: Account) -> QuerySet[Relationship]:
    """The contacts of one customer (its contacts page, CON-3), primary
    first, each with the external id of the actor's import (issue 18)."""
    persons = with_external_id(with_list_columns(access.visible(Person, actor), actor), actor)
    return (
        access.visible(Relationship, actor)
        .filter(account_id=account.pk)
        .prefetch_related(Prefetch("person", persons))
        .order_by("-is_primary_contact", "person__last_name_search", "pk")
    )


def _visible_members(actor: Actor) -> Prefetch:
    return Prefetch(
        "memberships",
        access.visible(HouseholdMembership, actor).select_related("person").order_by("pk"),
    )


def household_list(*, actor: Actor, q: str = "") -> QuerySet[Household]:
    households = access.visible(Household, actor)
    if key := search_key(q):
        households = households.filter(key_prefix_q("name_search", key))
    return households.prefetch_related(_visible_members(actor)).order_by("name_search", "pk")


def household_get(*, actor: Actor, pk: Any) -> Household:
    return access.get_visible(
        Household,
        actor,
        pk,
        access.visible(Household, actor).prefetch_related(_visible_members(actor)),
    )


def household_membership_get(*, actor: Actor, pk: Any) -> HouseholdMembership:
    return access.get_visible(HouseholdMembership, actor, pk)
