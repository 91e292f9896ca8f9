"""One world for the TEAM-5 matrices, built once per module.

Three accounts: `own` (owned by `owner`, with View/Edit/Full members and a
territory whose member reports to `manager`), `other` (owned by a stranger
nobody else relates to) and `deleted` (owned by `owner`, same team, then
soft-deleted, CUS-9). Each has a contact with a contact point, a preference,
a relationship, a household, a note and a billing account.

Links across the line of visibility, where a leak would show: `other` is the
parent of `own` and `own` the parent of `deleted` (CUS-6); the household of `own` also holds
the contact of `other`; `owner` and `view` marked the contact of `other` as a
favorite; both active accounts belong to one legal entity; `other` is in a
second territory (France) that has no members.

The module-level constants state who is who in plain data; the tests'
reference rules (tests/access/reference.py) read only these facts.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from openprm.contacts import services as contact_services
from openprm.contacts.models import (
    Favorite,
    Household,
    HouseholdMembership,
    Person,
    Relationship,
    SavedSearch,
)
from openprm.customers import services as customer_services
from openprm.customers.models import Account
from openprm.identity.catalog import SALES_ADMINISTRATOR, SALESPERSON
from openprm.identity.models import Resource, User
from openprm.identity.services import token_create
from openprm.teams.models import AccountTeamMember
from openprm.territories.models import RealignmentRun, Territory
from openprm.territories.services import account_assign_territories
from tests.factories import as_actor, make_user
from tests.teams.helpers import resource_for, territory

ACTORS = (
    "nobody", "view", "edit", "full", "owner", "salesadmin", "territory", "manager", "partner",
)  # fmt: skip
RECORDS = ("own", "other", "deleted")
CONTACT_NAME = "Matrixson"


@dataclass(frozen=True)
class AccountFacts:
    """Who relates to one account, by actor name (the reference's only input)."""

    owner: str
    active: bool
    team: dict[str, str] = field(default_factory=dict)
    territory_members: frozenset[str] = frozenset()


FACTS = {
    "own": AccountFacts(
        "owner", True, {"view": "view", "edit": "edit", "full": "full"}, frozenset({"territory"})
    ),
    "other": AccountFacts("stranger", True, {"stranger2": "full"}),
    "deleted": AccountFacts("owner", False, {"view": "view", "edit": "edit", "full": "full"}),
}
MANAGES = {"manager": frozenset({"territory"})}
RESOURCES = ("manager", "view", "edit", "full", "owner", "stranger", "stranger2", "territory")
PARENTS = {"own": "other", "deleted": "own"}
# The accounts each contact is related to (CUS-9 removed `deleted`'s).
CONTACT_ACCOUNTS = {"own": ("own",), "other": ("other",), "deleted": (), "shared": ("own", "other")}
# Contacts related to other contacts (CON-12), across the line of visibility.
RELATED_CONTACTS = {"own": ("other",), "other": ("own",)}
HOUSEHOLD_OWNERS = {"own": "owner", "other": "stranger", "deleted": "stranger"}
HOUSEHOLD_MEMBERS = {"own": ("own", "other"), "other": ("other",), "deleted": ("deleted",)}
FAVORITES = {"owner": ("own", "other"), "view": ("other",)}
TERRITORY_COUNTRIES = {"chile": "CL", "france": "FR"}  # each territory's one criterion
TERRITORY_MEMBERS = {"chile": ("territory",), "france": ()}
TERRITORY_ACCOUNTS = {"chile": ("own",), "france": ("other",)}
LEGAL_ACCOUNTS = ("own", "other")
SEARCH_NAMES = {"own": "Mine Matrix", "other": "Theirs Matrix"}


def account_name(record: str) -> str:
    return f"Matrix {record}"


def contact_name(contact: str) -> str:
    return f"{CONTACT_NAME} {contact}"


def household_name(record: str) -> str:
    return f"Hearth {record}"


def billing_name(record: str) -> str:
    return f"Billing {record}"


def note_text(record: str) -> str:
    return f"Note {record}"


@dataclass
class World:
    users: dict[str, User]
    api: dict[str, Client]
    web: dict[str, Client]
    ids: dict[str, dict[str, tuple[int, ...]]]
    accounts: dict[str, Account]
    extra: dict[str, Any]
    contacts: dict[str, Person] = field(default_factory=dict)
    territories: dict[str, Territory] = field(default_factory=dict)


def _clients(users: dict[str, User]) -> tuple[dict[str, Client], dict[str, Client]]:
    api, web = {}, {}
    for name, user in users.items():
        _, token = token_create(actor=as_actor(user), name="matrix")
        api[name] = Client(headers={"Authorization": f"Bearer {token}"})
        web[name] = Client()
        web[name].force_login(user)
    return api, web


def _build() -> World:
    users: dict[str, User] = {}
    for name in (*ACTORS, "stranger", "stranger2"):
        if name == "partner":
            users[name] = make_user(username="m_partner", user_type=User.UserType.PARTNER)
        else:
            role = SALES_ADMINISTRATOR if name == "salesadmin" else SALESPERSON
            users[name] = make_user(role, username=f"m_{name}")
    for name in RESOURCES:
        resource_for(users[name])
    boss = Resource.objects.get(user=users["manager"])
    Resource.objects.filter(user=users["territory"]).update(manager=boss)
    admin = users["salesadmin"]
    accounts: dict[str, Account] = {}
    for record, facts in FACTS.items():
        accounts[record] = Account.objects.create(
            name=account_name(record),
            owner=users[facts.owner],
            account_type=Account.AccountType.CUSTOMER,
            is_sales_account=True,
            country="CL" if record == "own" else "FR",
        )
        for member, level in facts.team.items():
            AccountTeamMember.objects.create(
                account=accounts[record],
                user=users[member],
                resource=Resource.objects.get(user=users[member]),
                access_level=level,
            )
    for child, parent in PARENTS.items():
        Account.objects.filter(pk=accounts[child].pk).update(parent=accounts[parent])
    territories = {
        name: territory(
            f"Matrix {name.title()}",
            members=tuple(Resource.objects.filter(user__in=[users[m] for m in members])),
            country=TERRITORY_COUNTRIES[name],
        )
        for name, members in TERRITORY_MEMBERS.items()
    }
    chile = territories["chile"]
    account_assign_territories(actor=as_actor(admin), account_id=accounts["own"].pk)
    contacts: dict[str, Person] = {}
    ids: dict[str, dict[str, tuple[int, ...]]] = {r: {} for r in RECORDS}
    for record, account in accounts.items():
        person = contacts[record] = contact_services.contact_create(
            actor=as_actor(admin),
            last_name=contact_name(record),
            email=f"{record}@matrix.example",
            account_ids=[account.pk],
            confirm_duplicates=True,
        )
        point = person.contact_points.get()
        preference = contact_services.preference_add(
            actor=as_actor(admin), point=point, preference="do_not", reason_code="CUSTOMER_REQUEST"
        )
        relationship = Relationship.objects.get(person=person, account=account)
        household = contact_services.household_create(
            actor=as_actor(admin), name=household_name(record), members=[person]
        )
        Household.objects.filter(pk=household.pk).update(owner=users[HOUSEHOLD_OWNERS[record]])
        note = customer_services.note_create(
            actor=as_actor(admin), account=account, text=note_text(record)
        )
        billing = customer_services.billing_account_create(
            actor=as_actor(admin),
            account=account,
            data={"number": f"B-{record}", "name": billing_name(record)},
        )
        member = AccountTeamMember.objects.filter(account=account).order_by("pk")[0]
        ids[record] = {
            "account": (account.pk,),
            "deleted_account": (account.pk,),
            "contact": (person.pk,),
            "point": (point.pk,),
            "preference": (preference.pk,),
            "relationship": (relationship.pk,),
            "household": (household.pk,),
            "membership": (household.memberships.get().pk,),
            "note": (note.pk,),
            "billing": (billing.pk,),
            "member": (account.pk, member.pk),
        }
    customer_services.account_delete(actor=as_actor(admin), account=accounts["deleted"])
    shared = contacts["shared"] = contact_services.contact_create(
        actor=as_actor(admin),
        last_name=contact_name("shared"),
        email="shared@matrix.example",
        account_ids=[accounts[a].pk for a in CONTACT_ACCOUNTS["shared"]],
        confirm_duplicates=True,
    )
    point = shared.contact_points.get()
    preference = contact_services.preference_add(
        actor=as_actor(admin), point=point, preference="do_not", reason_code="CUSTOMER_REQUEST"
    )
    ids["shared"] = {"point": (point.pk,), "preference": (preference.pk,)}
    for person, others in RELATED_CONTACTS.items():
        for other in others:
            contact_services.relationship_add(
                actor=as_actor(admin),
                person=contacts[person],
                related_person=contacts[other],
                relationship_type="colleague",
            )
    for record, members in HOUSEHOLD_MEMBERS.items():
        household = Household.objects.get(pk=ids[record]["household"][0])
        for member in members[1:]:
            HouseholdMembership.objects.create(household=household, person=contacts[member])
    for name, favorites in FAVORITES.items():
        for contact in favorites:
            Favorite.objects.create(user=users[name], person=contacts[contact])
    searches = {
        "own": contact_services.saved_search_create(
            actor=as_actor(users["owner"]), name=SEARCH_NAMES["own"], criteria={"q": "ma"}
        ),
        "other": contact_services.saved_search_create(
            actor=as_actor(users["stranger"]), name=SEARCH_NAMES["other"], criteria={"q": "ma"}
        ),
        "deleted": SavedSearch.objects.filter(code__isnull=False).order_by("pk")[0],
    }
    for record, search in searches.items():
        ids[record]["search"] = (search.pk,)
    legal = customer_services.legal_entity_create(
        actor=as_actor(admin), data={"name": "Matrix Legal"}
    )
    Account.objects.filter(pk__in=[accounts[a].pk for a in LEGAL_ACCOUNTS]).update(
        legal_entity=legal
    )
    account_assign_territories(actor=as_actor(admin), account_id=accounts["other"].pk)
    run = RealignmentRun.objects.create(started_by=admin)
    criterion = chile.criteria.get()
    t_member = chile.members.get()
    for record in RECORDS:
        ids[record]["territory"] = (chile.pk,)
        ids[record]["criterion"] = (chile.pk, criterion.pk)
        ids[record]["t_member"] = (chile.pk, t_member.pk)
        ids[record]["legal"] = (legal.pk,)
        ids[record]["run"] = (run.pk,)
    api, web = _clients(users)
    return World(
        users=users,
        api=api,
        web=web,
        ids=ids,
        accounts=accounts,
        extra={
            "spare_resource": Resource.objects.get(user=users["stranger"]).pk,
            "legal": legal.pk,
        },
        contacts=contacts,
        territories=territories,
    )


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    """Built once in a transaction that is rolled back after the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


ClientFor = Callable[[str], Client]
