"""TEAM-5, TER-3, CUS-6/9, CON-7/8: every list, search, picker, export (CSV
and XLSX) and count of customers, contacts, teams and territories (HTML and
/api/v1) shows exactly the records the plain-Python reference computes for
each of the nine actors — no leak, nothing missing — states their number
where it states one, and names no record the actor may not see anywhere in
the answer (a parent's name in a row, a customer in a contact's row, a
member of a household, a cell of an export).

The world (tests/access/world.py) links records across the line of
visibility so that a leak has somewhere to show. Statuses of these routes,
and every write, are the route matrix's (test_route_matrix.py). The rows
are grouped by list (tests/access/lists.py): every list the sales apps
declare has rows here, and each row under a declared list's name reads it.
"""

import json
import re
from collections.abc import Callable, Iterable
from itertools import product
from typing import Any
from urllib.parse import urlencode

import pytest
from django.http import HttpResponse
from django.urls import reverse

from openprm.contacts.models import SavedSearch
from openprm.core.tables import LISTS as DECLARED
from openprm.core.tables import list_spec
from openprm.core.testing.matrix import (
    Listing,
    ListRow,
    background_export,
    html_rows,
    html_values,
    json_items,
    texts_shown,
)
from openprm.identity.models import Resource
from openprm.teams.models import AccountTeamMember
from tests import privileges as p
from tests.access.lists import Expect, Listed, ListsOf, exports, run_lists
from tests.access.reference import (
    account_contacts,
    account_territories,
    accounts_seen,
    all_contacts,
    contacts_seen,
    hidden_names,
    hierarchy_seen,
    household_members,
    households_seen,
    predefined_contacts,
    privileges,
    team_of,
    territory_accounts,
)
from tests.access.world import ACTORS, RECORDS, World
from tests.contacts.world import (
    CONTACT_ACCOUNTS,
    HOUSEHOLD_MEMBERS,
    RELATED_CONTACTS,
    SEARCH_NAMES,
    contact_name,
    household_name,
)
from tests.customers.world import LEGAL_ACCOUNTS, account_name, billing_name, note_text
from tests.identity.world import RESOURCES
from tests.territories.world import TERRITORY_ACCOUNTS, TERRITORY_COUNTRIES, TERRITORY_MEMBERS

pytestmark = pytest.mark.django_db

PREDEFINED = ("my_contacts", "my_favorites", "my_team_territory", "my_business")
ACCOUNT_ROW = r"/customers/accounts/(\d+)/"
CONTACT_ROW = r"/contacts/(\d+)/"


def internal(actor: str) -> bool:
    return actor != "partner"


def ids(world: World, family: str, records: Iterable[str]) -> frozenset[str]:
    source = {"account": world.accounts, "contact": world.contacts, "territory": world.territories}
    return frozenset(str(source[family][r].pk) for r in records)


def account_ids(records: Callable[[str], Iterable[str]]) -> Expect:
    return lambda world, actor: ids(world, "account", records(actor))


def contact_ids(records: Callable[[str], Iterable[str] | None]) -> Expect:
    def expect(world: World, actor: str) -> frozenset[str] | None:
        found = records(actor)
        return None if found is None else ids(world, "contact", found)

    return expect


def contact_names(records: Callable[[str], Iterable[str] | None]) -> Expect:
    def expect(world: World, actor: str) -> frozenset[str] | None:
        found = records(actor)
        return None if found is None else frozenset(contact_name(c) for c in found)

    return expect


def hierarchy_keys(response: HttpResponse) -> Listing:
    """CUS-6: the ancestors and every node of the tree."""
    data = json.loads(response.content)
    keys = {str(a["id"]) for a in data["ancestors"]}
    nodes = [data["root"]]
    while nodes:
        node = nodes.pop()
        keys.add(str(node["id"]))
        nodes.extend(node["children"])
    return Listing(frozenset(keys))


def household_member_keys(response: HttpResponse) -> Listing:
    return Listing(frozenset(str(m["person_id"]) for m in json.loads(response.content)["members"]))


def relationship_ends(response: HttpResponse) -> Listing:
    """CON-12: what each relationship names, a customer or another contact."""
    return Listing(
        frozenset(
            f"account {r['account_id']}" if r["account_id"] else f"contact {r['related_person_id']}"
            for r in json.loads(response.content)
        )
    )


# Customers ----------------------------------------------------------------------


def accounts(world: World) -> list[Listed]:
    """CUS-11: the general account search finds every type."""
    page = reverse("customers:account_list")
    legal = world.extra["legal"]
    seen = account_ids(accounts_seen)
    starting_ow = account_ids(lambda a: accounts_seen(a) & {"own"})
    return [
        Listed("/api/v1/accounts", json_items(), seen),
        Listed("/api/v1/accounts?q=matrix%20ow", json_items(), starting_ow),
        Listed(
            f"/api/v1/accounts?legal_entity={legal}",
            json_items(),
            account_ids(lambda a: accounts_seen(a) & set(LEGAL_ACCOUNTS)),
        ),
        Listed(
            f"/api/v1/accounts?parent={world.accounts['other'].pk}",
            json_items(),
            account_ids(lambda a: accounts_seen(a) & {"own"}),
        ),
        Listed(page, html_rows(ACCOUNT_ROW), seen),
        Listed(f"{page}?q=matrix%20ow", html_rows(ACCOUNT_ROW), starting_ow),
        *exports(page, "ID", seen),
    ]


def customer_overview(world: World) -> list[Listed]:
    overview = reverse("customers:customer_overview")
    seen = account_ids(accounts_seen)
    return [Listed(overview, html_rows(ACCOUNT_ROW), seen), *exports(overview, "ID", seen)]


def deleted_accounts(world: World) -> list[Listed]:
    """CUS-9: only the Deleted Accounts view shows them, to who may restore them."""
    page = reverse("customers:deleted_account_list")
    restore = r"/customers/accounts/(\d+)/restore/"
    deleted_view: Expect = lambda w, a: (  # noqa: E731
        {str(w.accounts["deleted"].pk)} if p.RESTORE_SALES_PARTY in privileges(a) else None
    )
    return [
        Listed("/api/v1/accounts/deleted", json_items(), deleted_view, shows_deleted=True),
        Listed(page, html_rows(restore), deleted_view, shows_deleted=True),
        Listed(f"{page}?q=matrix", html_rows(restore), deleted_view, shows_deleted=True),
        *exports(f"{page}?q=matrix", "ID", deleted_view, shows_deleted=True),
    ]


def legal_entities(world: World) -> list[Listed]:
    legal = world.extra["legal"]
    page = reverse("customers:legal_entity_list")
    internal_only: Expect = lambda w, a: {str(legal)} if internal(a) else set()  # noqa: E731
    return [
        Listed("/api/v1/legal-entities", json_items(), internal_only),
        Listed(page, html_rows(r"/customers/accounts/\?legal_entity=(\d+)"), internal_only),
        *exports(page, "ID", internal_only),
        Listed("/api/v1/legal-entities?q=matrix", json_items(), internal_only),
    ]


def billing_accounts(world: World) -> list[Listed]:
    """CUS-8: a customer's billing accounts follow the customer."""
    billing: Expect = lambda w, a: {billing_name(r) for r in accounts_seen(a)}  # noqa: E731
    return [
        Listed("/api/v1/billing-accounts", json_items("name"), billing),
        Listed("/api/v1/billing-accounts?number=b-", json_items("name"), billing),
        Listed(  # filtering by an account one cannot see finds nothing
            f"/api/v1/billing-accounts?account={world.accounts['other'].pk}",
            json_items("name"),
            lambda w, a: {billing_name(r) for r in accounts_seen(a) & {"other"}},
        ),
    ]


def pickers(world: World) -> list[Listed]:
    """The pickers of forms: an account, a contact, a resource."""
    return [
        Listed(
            f"{reverse('customers:account_pick')}?q=matrix",
            html_values("data-pick-id"),
            account_ids(accounts_seen),
        ),
        Listed(
            f"{reverse('contacts:contact_pick')}?q=matrixson",
            html_values("data-pick-id"),
            contact_ids(contacts_seen),
        ),
        Listed(
            f"{reverse('teams:resource_picker')}?q=m_",
            html_values("value", r"(\d+)"),
            lambda w, a: (
                {
                    str(pk)
                    for pk in Resource.objects.filter(
                        user__in=[w.users[name] for name in RESOURCES]
                    ).values_list("pk", flat=True)
                }
                if internal(a)
                else set()
            ),
        ),
    ]


def seen_only(record: str, expect: Callable[[World, str], Iterable[str]]) -> Expect:
    """A list under one account: only for actors who see the account."""
    return lambda w, a: expect(w, a) if record in accounts_seen(a) else None


def team_member_ids(world: World, record: str) -> frozenset[str]:
    users = [world.users[name] for name in team_of(record)]
    members = AccountTeamMember.objects.filter(account=world.accounts[record], user__in=users)
    return frozenset(str(pk) for pk in members.values_list("pk", flat=True))


def team_member_names(world: World, record: str) -> frozenset[str]:
    users = [world.users[name] for name in team_of(record)]
    members = AccountTeamMember.objects.filter(account=world.accounts[record], user__in=users)
    return frozenset(m.display_name for m in members.select_related("resource", "user"))


def account_children(world: World) -> list[Listed]:
    """TEAM-5 "its children": an account's hierarchy, notes and billing accounts."""
    rows = []
    for record in RECORDS:
        pk = world.accounts[record].pk
        detail = reverse("customers:account_detail", args=[pk])
        family = account_ids(lambda a, r=record: hierarchy_seen(a, r))
        rows += [
            Listed(f"/api/v1/accounts/{pk}/hierarchy", hierarchy_keys, seen_only(record, family)),
            Listed(
                f"{detail}?tab=hierarchy",
                html_values("href", r"/customers/accounts/(\d+)/\?tab=hierarchy"),
                seen_only(record, family),
            ),
            Listed(
                f"/api/v1/accounts/{pk}/notes",
                json_items("text"),
                seen_only(record, lambda w, a, r=record: {note_text(r)}),
            ),
            Listed(
                f"{detail}?tab=notes",
                texts_shown(note_text(r) for r in RECORDS),
                seen_only(record, lambda w, a, r=record: {note_text(r)}),
            ),
            Listed(
                f"{detail}?tab=billing",
                texts_shown(billing_name(r) for r in RECORDS),
                seen_only(record, lambda w, a, r=record: {billing_name(r)}),
            ),
        ]
    return rows


def account_contacts_lists(world: World) -> list[Listed]:
    """CON-3: a customer's contacts."""
    rows = []
    for record in RECORDS:
        pk = world.accounts[record].pk
        page = reverse("contacts:account_contacts", args=[pk])
        contacts = contact_ids(lambda a, r=record: account_contacts(a, r))
        rows += [
            Listed(
                f"/api/v1/accounts/{pk}/contacts",
                json_items("contact.id"),
                seen_only(record, contacts),
            ),
            Listed(page, html_rows(CONTACT_ROW), seen_only(record, contacts)),
            *exports(
                page,
                "Last name",
                seen_only(record, contact_names(lambda a, r=record: account_contacts(a, r))),
            ),
        ]
    return rows


def team_members(world: World) -> list[Listed]:
    """TEAM-2: the whole team is shown with the account."""
    rows = []
    for record in RECORDS:
        pk = world.accounts[record].pk
        page = reverse("teams:account_team", args=[pk])
        team: Expect = lambda w, a, r=record: team_member_ids(w, r)  # noqa: E731
        team_users: Expect = lambda w, a, r=record: {  # noqa: E731
            str(w.users[name].pk) for name in team_of(r)
        }
        rows += [
            Listed(
                f"/api/v1/accounts/{pk}/team", json_items("user_id"), seen_only(record, team_users)
            ),
            Listed(page, html_rows(r"member-(\d+)"), seen_only(record, team)),
            *exports(
                page,
                "Member",
                seen_only(record, lambda w, a, r=record: team_member_names(w, r)),
            ),
        ]
    return rows


def account_territories_lists(world: World) -> list[Listed]:
    """TER-3/TER-4: the territories an account is assigned to."""
    rows = []
    for record in RECORDS:
        pk = world.accounts[record].pk
        territories: Expect = lambda w, a, r=record: ids(w, "territory", account_territories(r))  # noqa: E731
        rows += [
            Listed(
                f"/api/v1/accounts/{pk}/territories",
                json_items("territory_id"),
                seen_only(record, territories),
            ),
            Listed(
                reverse("territories:account_territories", args=[pk]),
                html_rows(r"/territories/(\d+)/"),
                seen_only(record, territories),
            ),
        ]
    return rows


# Contacts ------------------------------------------------------------------------


def searches(world: World) -> dict[str, tuple[int, Callable[[str], Iterable[str] | None]]]:
    """Each saved search (CON-7) with the contacts it finds per actor; None
    for an actor who may not use it."""
    found: dict[str, tuple[int, Callable[[str], Iterable[str] | None]]] = {}
    for code in PREDEFINED:
        pk = SavedSearch.objects.get(code=code).pk
        found[code] = (pk, lambda a, c=code: predefined_contacts(a, c) if internal(a) else None)
    mine = world.ids["own"]["search"][0]
    found["mine"] = (mine, lambda a: contacts_seen(a) if a == "owner" else None)
    return found


def contacts(world: World) -> list[Listed]:
    """CON-7/CON-8: All Contacts, My Contacts and every saved search."""
    page = reverse("contacts:contact_list")
    everyone: Callable[[str], Iterable[str]] = all_contacts
    rows = [
        Listed("/api/v1/contacts?q=matrixson", json_items(), contact_ids(everyone)),
        Listed(f"{page}?q=matrixson", html_rows(CONTACT_ROW), contact_ids(everyone)),
        *exports(f"{page}?q=matrixson", "Last name", contact_names(everyone)),
        Listed(  # a first visit opens My Contacts (CON-7)
            page,
            html_rows(CONTACT_ROW),
            contact_ids(lambda a: predefined_contacts(a, "my_contacts") if internal(a) else ()),
        ),
    ]
    for pk, found in searches(world).values():
        query = urlencode({"saved_search": pk})
        rows += [
            Listed(f"/api/v1/contacts?{query}", json_items(), contact_ids(found)),
            Listed(f"{page}?{query}", html_rows(CONTACT_ROW), contact_ids(found)),
            *exports(f"{page}?{query}", "Last name", contact_names(found)),
        ]
    return rows


def saved_searches(world: World) -> list[Listed]:
    """CON-7: the predefined searches and one's own."""
    return [
        Listed(
            "/api/v1/saved-searches",
            json_items("name"),
            lambda w, a: (
                set(SavedSearch.objects.filter(code__isnull=False).values_list("name", flat=True))
                | ({SEARCH_NAMES["own"]} if a == "owner" else set())
                if internal(a)
                else set()
            ),
        )
    ]


def contact_children(world: World) -> list[Listed]:
    """CON-4/CON-9/CON-12: a contact's relationships, contact points and
    their preferences, and the customers its page names."""
    rows = []
    for contact in CONTACT_ACCOUNTS:
        pk = world.contacts[contact].pk
        related = lambda w, a, c=contact: (  # noqa: E731
            {f"account {i}" for i in ids(w, "account", set(CONTACT_ACCOUNTS[c]) & accounts_seen(a))}
            | {
                f"contact {w.contacts[other].pk}"
                for other in set(RELATED_CONTACTS.get(c, ())) & contacts_seen(a)
            }
            if c in contacts_seen(a)
            else None
        )
        children: Callable[[str], Expect] = lambda family, c=contact: (  # noqa: E731
            lambda w, a: {str(w.ids[c][family][0])} if c in contacts_seen(a) else None
        )
        point = world.ids[contact]["point"][0]
        rows += [
            Listed(f"/api/v1/contacts/{pk}/relationships", relationship_ends, related),
            Listed(f"/api/v1/contacts/{pk}/contact-points", json_items(), children("point")),
            Listed(
                f"/api/v1/contact-points/{point}/preferences", json_items(), children("preference")
            ),
            Listed(
                reverse("contacts:contact_detail", args=[pk]),
                texts_shown(account_name(r) for r in RECORDS),
                lambda w, a, c=contact: (
                    {account_name(r) for r in set(CONTACT_ACCOUNTS[c]) & accounts_seen(a)}
                    if c in contacts_seen(a)
                    else None
                ),
            ),
        ]
    return rows


def households(world: World) -> list[Listed]:
    """CUS-10: households seen through their members."""
    names: Expect = lambda w, a: {household_name(h) for h in households_seen(a)}  # noqa: E731
    return [
        Listed("/api/v1/households", json_items("name"), names),
        Listed(
            "/api/v1/households?q=hearth%20o",
            json_items("name"),
            lambda w, a: {household_name(h) for h in households_seen(a) & {"own", "other"}},
        ),
        Listed(
            reverse("contacts:household_list"),
            html_rows(r"/contacts/households/(\d+)/"),
            lambda w, a: {str(w.ids[h]["household"][0]) for h in households_seen(a)},
        ),
        *exports(reverse("contacts:household_list"), "Name", names),
    ]


def household_member_lists(world: World) -> list[Listed]:
    """CUS-10: a household shows the members the actor sees."""
    rows = []
    for household in HOUSEHOLD_MEMBERS:
        pk = world.ids[household]["household"][0]
        members = contact_ids(
            lambda a, h=household: household_members(a, h) if h in households_seen(a) else None
        )
        rows += [
            Listed(f"/api/v1/households/{pk}", household_member_keys, members),
            Listed(
                reverse("contacts:household_detail", args=[pk]), html_rows(CONTACT_ROW), members
            ),
        ]
    return rows


# Territories --------------------------------------------------------------------


def territories(world: World) -> list[Listed]:
    """TER-1: internal users see the territories, partner users none."""

    def every(w: World, a: str) -> frozenset[str]:
        return ids(w, "territory", TERRITORY_ACCOUNTS) if internal(a) else frozenset()

    page = reverse("territories:territory_list")
    return [
        Listed("/api/v1/territories", json_items(), every),
        Listed(
            "/api/v1/territories?q=matrix%20c",
            json_items(),
            lambda w, a: ids(w, "territory", {"chile"}) if internal(a) else frozenset(),
        ),
        Listed(page, html_rows(r"/territories/(\d+)/"), every),
        *exports(page, "ID", every),
    ]


def territory_children(world: World) -> list[Listed]:
    """TER-2: a territory's criteria and members."""
    rows = []
    for name, territory in world.territories.items():
        criteria = {TERRITORY_COUNTRIES[name]}
        members = {f"m_{m}" for m in TERRITORY_MEMBERS[name]}
        rows += [
            Listed(
                f"/api/v1/territories/{territory.pk}/criteria",
                json_items("value"),
                lambda w, a, c=criteria: c if internal(a) else None,
            ),
            Listed(
                f"/api/v1/territories/{territory.pk}/members",
                json_items("resource_name"),
                lambda w, a, m=members: m if internal(a) else None,
            ),
        ]
    return rows


def territory_account_lists(world: World) -> list[Listed]:
    """TER-3: a territory's accounts, those the actor sees."""
    rows = []
    for name, territory in world.territories.items():
        detail = reverse("territories:territory_detail", args=[territory.pk])
        seen: Expect = lambda w, a, t=name: (  # noqa: E731
            ids(w, "account", territory_accounts(a, t)) if internal(a) else None
        )
        rows += [Listed(detail, html_rows(ACCOUNT_ROW), seen), *exports(detail, "Account ID", seen)]
    return rows


LISTS: dict[str, ListsOf] = {
    "customers.accounts": accounts,
    "customers.customers": customer_overview,
    "customers.deleted_accounts": deleted_accounts,
    "customers.legal_entities": legal_entities,
    "customers: billing accounts": billing_accounts,
    "customers: an account's children": account_children,
    "contacts.account_contacts": account_contacts_lists,
    "contacts.contacts": contacts,
    "contacts.saved_searches": saved_searches,
    "contacts: a contact's children": contact_children,
    "contacts.households": households,
    "contacts: a household's members": household_member_lists,
    "teams.members": team_members,
    "territories.territories": territories,
    "territories: a territory's children": territory_children,
    "territories.territory_accounts": territory_account_lists,
    "territories.account_territories": account_territories_lists,
    "pickers": pickers,
}
"""The sales apps' lists: a declared list's rows under its name (every
list the sales apps declare must have some, test_coverage.py), the others
under a name of their own."""


# The paginated API lists: asked for pages of one row too, so that their
# `count` comes from counting the scoped query, not from the rows of the page.
PAGED_API = re.compile(
    r"/api/v1/(accounts(/deleted|/\d+/(notes|contacts|team))?|legal-entities"
    r"|billing-accounts|contacts|households|territories)(\?.*)?"
)


def list_rows(world: World, lists: ListsOf) -> list[ListRow]:
    rows = []
    for listed in lists(world):
        paths = [listed.path]
        if PAGED_API.fullmatch(listed.path):
            paths.append(f"{listed.path}{'&' if '?' in listed.path else '?'}page_size=1")
        for actor, path in product(ACTORS, paths):
            expected = listed.expect(world, actor)
            if expected is None:
                continue
            web = not path.startswith("/api/")
            if web and actor == "partner":
                continue  # no internal page exists for a partner user (the route matrix: 404)
            hidden = hidden_names(world, actor)
            if listed.shows_deleted:
                hidden -= {account_name("deleted")}
            rows.append(
                ListRow(
                    f"{actor}.web" if web else actor,
                    path,
                    listed.read,
                    frozenset(expected),
                    hidden=hidden,
                )
            )
    return rows


@pytest.mark.parametrize("name", LISTS)
def test_team_5_every_list_shows_exactly_what_the_actor_may_see(world: World, name: str) -> None:
    """TEAM-5/TER-3/CUS-6/CUS-9/CON-7/CON-8: lists, searches, pickers,
    exports and counts x nine actors equal the reference, with no hidden
    record named anywhere in the answer."""
    clients = {**world.api, **{f"{actor}.web": client for actor, client in world.web.items()}}
    run_lists(clients, name, list_rows(world, LISTS[name]))


FILED = [name for name in LISTS if name in DECLARED and list_spec(name).filename]
"""The lists that declare files (a page's CSV and Excel exports)."""


@pytest.mark.parametrize("name", FILED)
def test_imp_3_background_excel_exports_hold_exactly_what_the_actor_may_see(
    world: World, name: str, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """IMP-3: every Excel export above the inline limit runs as a background
    job, and the job's file holds the same rows as the list for each of the
    nine actors, naming no hidden record."""
    settings.EXPORT_INLINE_ROWS = 0
    clients = {f"{actor}.web": client for actor, client in world.web.items()}
    rows = [r for r in list_rows(world, LISTS[name]) if "export=xlsx" in r.path]
    run_lists(clients, name, rows, background_export(django_capture_on_commit_callbacks))


def test_a_row_under_a_list_it_does_not_show_fails(world: World) -> None:
    """The account picker reads its own selector, not the accounts list:
    filed under `customers.accounts`, its rows are named."""
    picker = [r for r in list_rows(world, pickers) if r.path.startswith("/customers/")]
    clients = {f"{actor}.web": client for actor, client in world.web.items()}
    with pytest.raises(AssertionError, match="do not show it"):
        run_lists(clients, "customers.accounts", picker)
