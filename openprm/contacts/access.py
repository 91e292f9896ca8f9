"""Who sees which contacts, and which access level a user has on an account.

A contact is visible when it is related to an account the actor may see, when
the actor created it, or when the actor may view all sales data (TEAM-5: no
access to an account, no access to its contacts). Contact points,
preferences and relationships follow their person. Partner (portal) users see
no contacts here; the partners app gives them their own through its selectors.
"""

from typing import Any, Literal

from django.db.models import Exists, OuterRef, Q, QuerySet

from openprm.contacts.models import (
    ContactPoint,
    ContactPreference,
    Favorite,
    Household,
    HouseholdMembership,
    Person,
    Relationship,
    RelationshipContactPoint,
    SavedSearch,
)
from openprm.core import access
from openprm.core.privileges import VIEW_ALL_SALES_DATA, has_privilege
from openprm.customers.access import account_access_level as customer_account_access_level
from openprm.customers.models import Account

AccessLevel = Literal["full", "edit", "view"]


def account_access_level(actor: Any, account: Account) -> AccessLevel | None:
    """The actor's access level on `account` (TEAM-1, TEAM-2), used by CON-11.

    The decision belongs to customers.access.account_access_level, which the
    teams app extends with team levels, territories and the management
    hierarchy; keep every access-level decision of this app behind this
    function.
    """
    return customer_account_access_level(actor, account)  # type: ignore[return-value]


def _internal(actor: Any) -> bool:
    return not getattr(actor, "is_partner_user", True)


def persons_visible_q(actor: Any) -> Q:
    """The condition on Person rows the actor may see (callers check `_internal`)."""
    if has_privilege(actor, VIEW_ALL_SALES_DATA):
        return Q()
    related = Relationship.objects.filter(
        person=OuterRef("pk"), account__in=access.visible(Account, actor)
    )
    return Q(owner=actor) | Q(Exists(related))


@access.register(Person)
def _persons(queryset: QuerySet[Person], actor: Any) -> QuerySet[Person]:
    if not _internal(actor):
        return queryset.none()
    return queryset.filter(persons_visible_q(actor))


def _following_person(prefix: str) -> access.Scope:
    def scope(queryset: QuerySet[Any], actor: Any) -> QuerySet[Any]:
        if not _internal(actor):
            return queryset.none()
        return queryset.filter(**{f"{prefix}__in": access.visible(Person, actor)})

    return scope


access.register(ContactPoint)(_following_person("person"))
access.register(ContactPreference)(_following_person("contact_point__person"))
access.register(Relationship)(_following_person("person"))
access.register(RelationshipContactPoint)(_following_person("relationship__person"))
access.register(HouseholdMembership)(_following_person("person"))


@access.register(Favorite)
def _favorites(queryset: QuerySet[Favorite], actor: Any) -> QuerySet[Favorite]:
    """CON-6: a user's favorites are theirs alone."""
    return queryset.filter(user=actor) if _internal(actor) else queryset.none()


@access.register(SavedSearch)
def _saved_searches(queryset: QuerySet[SavedSearch], actor: Any) -> QuerySet[SavedSearch]:
    """CON-7: the predefined searches and the actor's own."""
    if not _internal(actor):
        return queryset.none()
    return queryset.filter(Q(code__isnull=False) | Q(owner=actor))


@access.register(Household)
def _households(queryset: QuerySet[Household], actor: Any) -> QuerySet[Household]:
    """Households are visible to their owner, to users who see all sales data,
    and to anyone who sees one of their members."""
    if not _internal(actor):
        return queryset.none()
    if has_privilege(actor, VIEW_ALL_SALES_DATA):
        return queryset
    members = HouseholdMembership.objects.filter(
        household=OuterRef("pk"), person__in=access.visible(Person, actor)
    )
    return queryset.filter(Q(owner=actor) | Q(Exists(members)))
