"""One contact: picked by name, read for its page, and its history."""

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Cast

from openprm.contacts.filters import full_names_are_few, name_arms
from openprm.contacts.models import (
    ContactPoint,
    ContactPreference,
    Favorite,
    HouseholdMembership,
    Person,
    Relationship,
)
from openprm.contacts.normalize import search_key
from openprm.contacts.selectors.related import relationship_list
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.audit.models import AuditEntry

PICKED_FIELDS = ("first_name", "last_name", "job_title", "last_name_search", "name_search")


def contact_pick(*, actor: Actor, q: str, limit: int = 10) -> list[Person]:
    """Contacts offered by a picker (CON-12, CUS-1 households): visible,
    active, by name prefix in name order, with what a picker shows (their
    name and job title); nothing for an empty search."""
    if not search_key(q or ""):
        return []
    arms = name_arms(q, few_full_names=full_names_are_few(q))
    contacts = access.visible(Person, actor).filter(is_active=True).filter_any(arms)  # type: ignore[attr-defined]
    ordered = contacts.only(*PICKED_FIELDS).order_by("last_name_search", "name_search", "pk")
    return list(ordered[:limit])


def contact_pick_label(*, actor: Actor, pk: Any) -> str | None:
    person = access.visible(Person, actor).filter(pk=pk).first()
    return person.full_name if person is not None else None


def person_get(*, actor: Actor, pk: Any) -> Person:
    """A visible contact as stored, without the list's columns (for actions)."""
    return access.get_visible(Person, actor, pk)


def contact_get(*, actor: Actor, pk: Any) -> Person:
    """One contact with everything its page shows, in a fixed number of
    queries; which relationships the actor sees (TEAM-5) is decided once for
    both directions, and the page's history reuses it (`contact_history`).

    The scopes are built for rows looked up by key (`access.by_primary_key`):
    a salesperson who reaches few accounts would otherwise count its reach
    and check this one contact against every account it reaches."""
    with access.by_primary_key():
        points = ContactPoint.objects.prefetch_related("preferences").order_by(
            "kind", "-is_primary", "pk"
        )
        relationships = access.visible(Relationship, actor)
        queryset = (
            access.visible(Person, actor)
            .select_related("owner")
            .annotate(
                is_favorite=Exists(Favorite.objects.filter(user_id=actor.pk, person=OuterRef("pk")))
            )
            .prefetch_related(
                Prefetch("contact_points", points),
                Prefetch(
                    "relationships",
                    relationships.select_related("account", "related_person").prefetch_related(
                        "primary_points"
                    ),
                ),
                Prefetch("reverse_relationships", relationships.select_related("person")),
                Prefetch(
                    "household_memberships",
                    HouseholdMembership.objects.select_related("household"),
                ),
            )
        )
        return access.get_visible(Person, actor, pk, queryset)


HISTORY_LIMIT = 50


def _keys(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Primary keys as text, to match AuditEntry.object_id in a subquery."""
    return queryset.annotate(key=Cast("pk", CharField())).values("key")


def contact_history(
    *, actor: Actor, person: Person, relationships: Iterable[Relationship] | None = None
) -> list[AuditEntry]:
    """PLAT-5: the audit trail of the contact and of its current contact
    points, preferences and relationships, newest first, in one query.

    Child rows come through their access scopes: a relationship to an
    account the actor cannot see stays hidden (TEAM-5). The contact's page
    passes the `relationships` it read through that scope (`contact_get`),
    so the scope is not built twice for one request. The trail of a deleted
    child is not matched, since its id is no longer related to the person.
    Each entry gets `record_label`, the kind of record it is about. The
    scopes are for this one contact (`access.by_primary_key`).
    """
    with access.by_primary_key():
        person = access.get_visible(Person, actor, person.pk)
        points = access.visible(ContactPoint, actor).filter(person_id=person.pk)
        preferences = access.visible(ContactPreference, actor).filter(
            contact_point__person_id=person.pk
        )
    types = ContentType.objects.get_for_models(
        Person, ContactPoint, ContactPreference, Relationship
    )
    related: Any = (
        _keys(relationship_list(actor=actor, person=person))
        if relationships is None
        else [str(relationship.pk) for relationship in relationships]
    )
    condition = (
        Q(content_type=types[Person], object_id=str(person.pk))
        | Q(content_type=types[ContactPoint], object_id__in=_keys(points))
        | Q(content_type=types[ContactPreference], object_id__in=_keys(preferences))
        | Q(content_type=types[Relationship], object_id__in=related)
    )
    labels = {ct.pk: str(model._meta.verbose_name) for model, ct in types.items()}
    entries = list(
        access.unscoped(AuditEntry).filter(condition).order_by("-at", "-id")[:HISTORY_LIMIT]
    )
    for entry in entries:
        entry.record_label = labels.get(entry.content_type_id, "")  # type: ignore[attr-defined]
    return entries
