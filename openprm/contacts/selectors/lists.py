"""The contact list, its predefined and saved searches, and favorites."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from openprm.contacts.errors import ContactErrorCode
from openprm.contacts.filters import ContactFilter, custom_terms, full_names_are_few, name_arms
from openprm.contacts.models import (
    ContactPoint,
    Favorite,
    Person,
    Relationship,
    SavedSearch,
)
from openprm.contacts.policies.person_conditions import customer_contacts_q
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.values import custom_filter
from openprm.core.errors import ValidationFailed
from openprm.customers.models import Account
from openprm.customers.reach import SMALL_REACH, account_grant_q

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
    """CON-7: the four predefined searches, always within what the actor may
    see. My Favorite Contacts starts from the user's favorites (a few rows by
    index), not from every contact it sees in name order."""
    accounts = access.visible(Account, actor)
    if code == MY_CONTACTS:
        return _related_to(accounts.filter(owner_id=actor.pk, is_sales_account=True), actor, code)
    if code == MY_FAVORITES:
        return Q(pk__in=Favorite.objects.filter(user_id=actor.pk).values("person_id"))
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


def saved_search_list(*, actor: Actor) -> QuerySet[SavedSearch]:
    return access.visible(SavedSearch, actor).order_by("position", "name", "pk")


def saved_search_get(*, actor: Actor, pk: Any) -> SavedSearch:
    return access.get_visible(SavedSearch, actor, pk)


def saved_search_by_code(code: str) -> SavedSearch | None:
    return access.unscoped(SavedSearch).filter(code=code).first()


def favorite_ids(*, actor: Actor) -> set[int]:
    return set(access.visible(Favorite, actor).values_list("person_id", flat=True))
