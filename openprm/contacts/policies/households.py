"""Households (CUS-10) and their memberships."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from openprm.contacts.models import Household, HouseholdMembership, Person
from openprm.contacts.policies.edit_rules import internal_only
from openprm.contacts.policies.persons import following_person
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege
from openprm.customers.catalog import VIEW_ALL_SALES_DATA

_members = following_person("person")


@access.policy(Household)
class HouseholdPolicy(access.Policy[Household]):
    """Households are visible to their owner, to users who see all sales
    data, and to anyone who sees one of their members; whoever sees one may
    rename it, change its members or delete it (CUS-10: the members remain)."""

    def view(self, rows: QuerySet[Household], actor: Actor) -> QuerySet[Household]:
        if not actor.is_internal:
            return rows.none()
        if has_privilege(actor, VIEW_ALL_SALES_DATA):
            return rows
        members = HouseholdMembership.objects.filter(
            access.through_visible(Person, actor, "person"), household=OuterRef("pk")
        )
        return rows.filter(Q(owner_id=actor.pk) | Q(Exists(members)))

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return internal_only(actor)

    def delete(self, rows: QuerySet[Household], actor: Actor) -> QuerySet[Household]:
        return rows


@access.policy(HouseholdMembership)
class HouseholdMembershipPolicy(access.Policy[HouseholdMembership]):
    """A membership shows with its member; whoever sees it may end it."""

    def view(
        self, rows: QuerySet[HouseholdMembership], actor: Actor
    ) -> QuerySet[HouseholdMembership]:
        return _members(rows, actor)

    def delete(
        self, rows: QuerySet[HouseholdMembership], actor: Actor
    ) -> QuerySet[HouseholdMembership]:
        return rows
