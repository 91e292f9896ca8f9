"""Who sees which contacts, and which access level a user has on an account.

A contact is visible when it is related to an account the actor may see, when
the actor created it, or when the actor may view all sales data (TEAM-5: no
access to an account, no access to its contacts). Contact points,
preferences and relationships follow their person. Partner (portal) users see
no contacts here; the partners app gives them their own through its selectors.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from openprm.contacts.catalog import (
    DELETE_SALES_PARTY_CONTACT,
    LEGAL_CONTACT_PREFERENCES,
    LEGAL_TAG,
    REASON_CODE,
)
from openprm.contacts.errors import ContactErrorCode
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
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.lookups.models import LookupValue
from openprm.core.privileges import has_privilege, missing_privilege
from openprm.customers.catalog import VIEW_ALL_SALES_DATA
from openprm.customers.models import Account
from openprm.customers.reach import (
    account_access_sql,
    account_grant_sql,
    edits_any,
    reach_is_small,
)


def _contact_edit_refusal(actor: Actor, person: Person) -> PermissionRefused | None:
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


def _internal_only(actor: Actor) -> PermissionRefused | None:
    """TEAM-5: partner (portal) users see no contacts, households or saved
    searches here, so they may not create them either (their writes would
    produce records they cannot see)."""
    if actor.is_internal:
        return None
    return PermissionRefused(
        _("Only internal users can manage contacts here."),
        code=ContactErrorCode.INTERNAL_USERS_ONLY,
    )


_RELATIONSHIPS = Relationship._meta.db_table
_ACCOUNTS = Account._meta.db_table


def persons_visible_q(actor: Actor) -> Q:
    """The condition on Person rows the actor may see (callers check `_internal`):
    its owner, or related to an active account the actor may see.

    For an actor who sees many accounts it is checked per person, through
    its own relationships (a few rows) and the account grants on each related
    account row, so a list walking contacts in name order stops at the page.
    For one who sees few (`reach_is_small`) it is the persons related to those
    accounts, found from the granting rows: walking a million contacts to
    find a salesperson's hundred would take seconds. Both are SQL: building
    the same condition from nested querysets cost more than running it.
    """
    accounts = account_access_sql(actor)
    if accounts is None:
        return Q()
    if reach_is_small(actor, accounts):
        return Q(
            access.RowCondition(
                f"{{owner}} = %s OR {{id}} IN (SELECT r.person_id FROM {_RELATIONSHIPS} r "  # noqa: S608
                f"JOIN {_ACCOUNTS} a ON a.id = r.account_id "
                f"WHERE a.is_active AND r.account_id IN ({accounts.ids}))",
                (actor.pk, *accounts.ids_params),
                id="pk",
                owner="owner_id",
            )
        )
    grants, params = accounts.on("a")
    return Q(
        access.RowCondition(
            f"{{owner}} = %s OR EXISTS (SELECT 1 FROM {_RELATIONSHIPS} r "  # noqa: S608
            f"JOIN {_ACCOUNTS} a ON a.id = r.account_id "
            f"WHERE r.person_id = {{id}} AND a.is_active AND ({grants}))",
            (actor.pk, *params),
            id="pk",
            owner="owner_id",
        )
    )


def partner_persons_q(actor: Actor) -> Q:
    """ORD-6: a partner user sees the contacts of its opportunities'
    customers (the deals app's "deal" account grant), to name the buyer of a
    cart or an order, and no other person: its own organization's people
    are partner contacts, reached through the partners app."""
    accounts = account_grant_sql(actor, {"deal"})
    return Q(
        access.RowCondition(
            f"{{id}} IN (SELECT r.person_id FROM {_RELATIONSHIPS} r "  # noqa: S608
            f"JOIN {_ACCOUNTS} a ON a.id = r.account_id "
            f"WHERE a.is_active AND r.account_id IN ({accounts.ids}))",
            accounts.ids_params,
            id="pk",
        )
    )


def customer_contacts_q(actor: Actor) -> Q:
    """CON-8 within the actor's scope: contacts related to an active account,
    and B2C contacts (customers themselves, CUS-1).

    A visible contact the actor does not own is visible through exactly such
    a relationship (`persons_visible_q`), so only the actor's own contacts —
    or every contact, for users who see all — need the relationship check,
    and a list does not pay for it twice per row.
    """
    related = access.RowCondition(
        f"EXISTS (SELECT 1 FROM {_RELATIONSHIPS} r JOIN {_ACCOUNTS} a ON a.id = r.account_id "  # noqa: S608
        "WHERE r.person_id = {id} AND a.is_active)",
        id="pk",
    )
    condition = Q(kind=Person.Kind.B2C)
    if account_access_sql(actor) is not None:
        condition |= ~Q(owner_id=actor.pk)
    return condition | Q(related)


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
        return _internal_only(actor)

    def check_change(self, actor: Actor, person: Person) -> PermissionRefused | None:
        return _contact_edit_refusal(actor, person)

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


def _following_person(prefix: str) -> access.Scope:
    def scope(queryset: QuerySet[Any], actor: Actor) -> QuerySet[Any]:
        if not actor.is_internal:
            return queryset.none()
        return queryset.filter(access.through_visible(Person, actor, prefix))

    return scope


_points = _members = _following_person("person")
_preferences = _following_person("contact_point__person")


@access.policy(ContactPoint)
class ContactPointPolicy(access.Policy[ContactPoint]):
    """A contact point is part of its contact (TEAM-2): changing or deleting
    it, or adding a Do / Do Not preference to it (CON-9), is editing the
    contact."""

    def view(self, rows: QuerySet[ContactPoint], actor: Actor) -> QuerySet[ContactPoint]:
        return _points(rows, actor)

    def check_change(self, actor: Actor, point: ContactPoint) -> PermissionRefused | None:
        return _contact_edit_refusal(actor, point.person)

    def check_delete(self, actor: Actor, point: ContactPoint) -> PermissionRefused | None:
        return _contact_edit_refusal(actor, point.person)


def legal_reason(reason_code: str) -> bool:
    """Whether a stored reason code is tagged LEGAL (CON-10), even when its
    lookup value has been deactivated since."""
    value = (
        access.unscoped(LookupValue).filter(lookup_type__code=REASON_CODE, code=reason_code).first()
    )
    return value is not None and value.has_tag(LEGAL_TAG)


@access.policy(ContactPreference)
class ContactPreferencePolicy(access.Policy[ContactPreference]):
    """Changing or removing a preference is editing its contact (TEAM-2); a
    LEGAL one also needs Legal Contact Preferences Management (CON-10)."""

    def view(self, rows: QuerySet[ContactPreference], actor: Actor) -> QuerySet[ContactPreference]:
        return _preferences(rows, actor)

    def check_change(self, actor: Actor, preference: ContactPreference) -> PermissionRefused | None:
        refused = _contact_edit_refusal(actor, preference.contact_point.person)
        if refused is not None or not legal_reason(preference.reason_code):
            return refused
        return missing_privilege(actor, LEGAL_CONTACT_PREFERENCES)

    def check_delete(self, actor: Actor, preference: ContactPreference) -> PermissionRefused | None:
        return self.check_change(actor, preference)


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
        return _contact_edit_refusal(actor, relationship.person)

    def check_delete(self, actor: Actor, relationship: Relationship) -> PermissionRefused | None:
        return _contact_edit_refusal(actor, relationship.person)


access.register(RelationshipContactPoint)(_following_person("relationship__person"))


@access.register(Favorite)
def _favorites(queryset: QuerySet[Favorite], actor: Actor) -> QuerySet[Favorite]:
    """CON-6: a user's favorites are theirs alone."""
    return queryset.filter(user_id=actor.pk) if actor.is_internal else queryset.none()


@access.policy(SavedSearch)
class SavedSearchPolicy(access.Policy[SavedSearch]):
    """CON-7: the predefined searches and the actor's own; nobody changes or
    deletes a predefined one."""

    def view(self, rows: QuerySet[SavedSearch], actor: Actor) -> QuerySet[SavedSearch]:
        if not actor.is_internal:
            return rows.none()
        return rows.filter(Q(code__isnull=False) | Q(owner_id=actor.pk))

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return _internal_only(actor)

    def check_change(self, actor: Actor, search: SavedSearch) -> PermissionRefused | None:
        if not search.predefined:
            return None
        return PermissionRefused(
            _("“%(name)s” is a predefined saved search: nobody can change or delete it.")
            % {"name": search.name},
            code=ContactErrorCode.SAVED_SEARCH_PREDEFINED,
        )

    def check_delete(self, actor: Actor, search: SavedSearch) -> PermissionRefused | None:
        return self.check_change(actor, search)


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
        return _internal_only(actor)

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
