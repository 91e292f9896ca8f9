"""Every read of the contacts app, always starting from the access scopes."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from openprm.contacts.errors import ContactErrorCode
from openprm.contacts.filters import ContactFilter, custom_terms, full_names_are_few, name_arms
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
from openprm.contacts.normalize import search_key
from openprm.contacts.policies import customer_contacts_q
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.audit.models import AuditEntry
from openprm.core.customfields.values import custom_filter
from openprm.core.errors import ValidationFailed
from openprm.core.search import key_prefix_q
from openprm.customers.models import Account
from openprm.customers.reach import SMALL_REACH, account_grant_q
from openprm.imports.external_ids import with_external_id

MY_CONTACTS = "my_contacts"
MY_FAVORITES = "my_favorites"
MY_TEAM_TERRITORY = "my_team_territory"
MY_BUSINESS = "my_business"
ALL_CONTACTS = "all"


def _related_to(accounts: QuerySet[Account], actor: Actor, code: str) -> Q:
    """The persons related to one of `accounts`, in the plan that suits how
    many they are (both answer the same rows).

    Few accounts (at most SMALL_REACH, counted once per request): the list
    starts from them — their relationships' persons, by index — instead of
    walking every contact in name order to find the few related to them.
    Many: EXISTS per person over its few relationships, each account checked
    by primary key (`account__in=accounts` made SQLite probe every account of
    the set for every person), so a page stops after its rows."""
    if actor.remembered(f"contacts.few_accounts.{code}", lambda: _few(accounts)):
        related = Relationship.objects.filter(account_id__in=accounts.values("pk"))
        return Q(pk__in=related.values("person_id"))
    account = accounts.filter(pk=OuterRef("account_id"))
    return Q(Exists(Relationship.objects.filter(Exists(account), person=OuterRef("pk"))))


def _few(accounts: QuerySet[Account]) -> bool:
    return accounts.order_by().values("pk")[: SMALL_REACH + 1].count() <= SMALL_REACH


def predefined_search_q(code: str, actor: Actor) -> Q:
    """CON-7: the four predefined searches, always within what the actor may see."""
    accounts = access.visible(Account, actor)
    if code == MY_CONTACTS:
        return _related_to(accounts.filter(owner_id=actor.pk, is_sales_account=True), actor, code)
    if code == MY_FAVORITES:
        return Q(Exists(Favorite.objects.filter(user_id=actor.pk, person=OuterRef("pk"))))
    if code == MY_TEAM_TERRITORY:
        grants = account_grant_q(actor, {"team", "territory"})
        return _related_to(accounts.filter(grants, is_sales_account=True), actor, code)
    if code == MY_BUSINESS:
        return _related_to(accounts.filter(owner_id=actor.pk), actor, code)
    raise ValueError(code)


def _primary_value(kind: str, column: str) -> Subquery:
    """At most one row (a unique index), so unordered: the model's ordering
    joined the person table again for every row of a list."""
    primary = ContactPoint.objects.filter(person=OuterRef("pk"), kind=kind, is_primary=True)
    return Subquery(primary.order_by().values(column)[:1])


def with_list_columns(queryset: QuerySet[Person], actor: Actor) -> QuerySet[Person]:
    """What every contact list row shows, in a constant number of queries:
    primary e-mail and phone, the favorite star, and the customers the actor
    sees (TEAM-5; only what the list shows of them: rows are built for every
    page)."""
    customers = (
        Relationship.objects.filter(access.through_visible(Account, actor, "account"))
        .select_related("account")
        .only("person_id", "account_id", "account__name")
        .order_by("pk")
    )
    return queryset.annotate(
        primary_email=_primary_value(ContactPoint.Kind.EMAIL, "email"),
        primary_phone=_primary_value(ContactPoint.Kind.PHONE, "phone"),
        is_favorite=Exists(Favorite.objects.filter(user_id=actor.pk, person=OuterRef("pk"))),
    ).prefetch_related(Prefetch("relationships", customers, to_attr="customer_relationships"))


def chosen_saved_search(*, actor: Actor, params: Mapping[str, Any]) -> SavedSearch | None:
    """CON-7: the saved search a list request asks for; a first visit — no
    saved search and no search term asked for — opens My Contacts, on the
    page and in the API alike. `saved_search=` (empty) asks for All Contacts."""
    if "saved_search" not in params:
        searching = any(k in ContactFilter.model_fields or k.startswith("custom.") for k in params)
        return None if searching else saved_search_by_code(MY_CONTACTS)
    value = params["saved_search"]
    return saved_search_get(actor=actor, pk=value) if value else None


def contact_list(
    *,
    actor: Actor,
    filters: ContactFilter,
    params: Mapping[str, Any] | None = None,
    saved_search: SavedSearch | None = None,
) -> QuerySet[Person]:
    """Contacts for the list page, API and export.

    Without a saved search this is the *All Contacts* search (CON-8): it
    needs a term of at least two characters and finds only contacts related
    to an active customer account. A B2B contact related to no account (or
    only to other contacts, or to deleted accounts) is not found. B2C
    contacts are read as customers in their own right (CUS-1: a Contact is
    one of the three kinds of customer), so "related to a customer" holds
    for them by definition and they are found without an account. Saved
    searches (CON-7) apply their own condition instead. `params` carries
    `custom.<name>` terms (PLAT-7).
    """
    custom = custom_terms(params or {})
    contacts = access.visible(Person, actor).filter(is_active=True)
    if saved_search is None:
        if not filters.has_search_term(custom):
            raise ValidationFailed(
                _("Enter at least one search term of two characters or more."),
                code=ContactErrorCode.SEARCH_TERM_REQUIRED,
            )
        contacts = contacts.filter(customer_contacts_q(actor))
    elif saved_search.predefined:
        contacts = contacts.filter(predefined_search_q(saved_search.code or "", actor))
    else:
        saved = saved_search.criteria
        known = {k: v for k, v in saved.items() if k in ContactFilter.model_fields}
        contacts = _filtered(contacts, ContactFilter(**known))
        contacts = custom_filter(contacts, Person.record_type, custom_terms(saved))
    contacts = _filtered(contacts, filters)
    contacts = custom_filter(contacts, Person.record_type, custom)
    return with_list_columns(contacts, actor)


def _filtered(contacts: QuerySet[Person], filters: ContactFilter) -> QuerySet[Person]:
    """Every term of `filters`, the name as its two arms (core.paged_union)."""
    contacts = filters.model_copy(update={"q": None}).filter(contacts)
    arms = name_arms(filters.q, few_full_names=full_names_are_few(filters.q)) if filters.q else []
    return contacts.filter_any(arms) if arms else contacts  # type: ignore[attr-defined]


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
    both directions, and the page's history reuses it (`contact_history`)."""
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
                "household_memberships", HouseholdMembership.objects.select_related("household")
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
    Each entry gets `record_label`, the kind of record it is about.
    """
    person = access.get_visible(Person, actor, person.pk)
    types = ContentType.objects.get_for_models(
        Person, ContactPoint, ContactPreference, Relationship
    )
    points = access.visible(ContactPoint, actor).filter(person_id=person.pk)
    preferences = access.visible(ContactPreference, actor).filter(
        contact_point__person_id=person.pk
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


def saved_search_list(*, actor: Actor) -> QuerySet[SavedSearch]:
    return access.visible(SavedSearch, actor).order_by("position", "name", "pk")


def saved_search_get(*, actor: Actor, pk: Any) -> SavedSearch:
    return access.get_visible(SavedSearch, actor, pk)


def saved_search_by_code(code: str) -> SavedSearch | None:
    return access.unscoped(SavedSearch).filter(code=code).first()


def favorite_ids(*, actor: Actor) -> set[int]:
    return set(access.visible(Favorite, actor).values_list("person_id", flat=True))


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
