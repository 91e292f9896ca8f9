"""TEAM-1..TEAM-5, TER-3 property: for random teams, management hierarchies
and territories, the accounts a user sees — and the contacts of those
accounts — equal a plain-Python reference, in both forms of the access
conditions: from the granting rows (an actor who sees few accounts) and
checked row by row (one who sees many; forced here by a reach limit of 0)."""

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openprm.contacts.models import Person, Relationship
from openprm.core import access
from openprm.customers import reach as customers_access
from openprm.customers.models import Account
from openprm.identity.catalog import SALESPERSON
from openprm.teams.models import AccountTeamMember
from openprm.territories.models import Territory, TerritoryCriterion, TerritoryMember
from openprm.territories.realignment import realign_all
from tests.factories import as_actor, make_user
from tests.teams.helpers import resource_for

USERS = 5
COUNTRIES = ("US", "FR", "DE")

world = st.fixed_dictionaries(
    {
        "managers": st.lists(
            st.one_of(st.none(), st.integers(0, USERS - 1)), min_size=USERS, max_size=USERS
        ),
        "accounts": st.lists(
            st.tuples(
                st.one_of(st.none(), st.integers(0, USERS - 1)),
                st.sampled_from(COUNTRIES),
                st.booleans(),
            ),
            min_size=1,
            max_size=6,
        ),
        "teams": st.lists(st.tuples(st.integers(0, 5), st.integers(0, USERS - 1)), max_size=6),
        "territories": st.lists(
            st.tuples(
                st.sampled_from(COUNTRIES), st.frozensets(st.integers(0, USERS - 1)), st.booleans()
            ),
            max_size=3,
        ),
    }
)


def _reference(data: dict[str, Any]) -> dict[int, set[int]]:
    """Plain Python: owner, team, territory (active, matching), and anything a
    subordinate at any depth sees; inactive accounts nobody sees."""
    direct: dict[int, set[int]] = {u: set() for u in range(USERS)}
    for index, (owner, country, active) in enumerate(data["accounts"]):
        if not active:
            continue
        if owner is not None:
            direct[owner].add(index)
        for team_account, user in data["teams"]:
            if team_account == index:
                direct[user].add(index)
        for t_country, members, t_active in data["territories"]:
            if t_active and t_country == country:
                for user in members:
                    direct[user].add(index)
    managers = list(data["managers"])
    seen: dict[int, set[int]] = {}
    for user in range(USERS):
        result = set(direct[user])
        for other in range(USERS):
            boss, steps = managers[other], 0
            while boss is not None and steps < USERS:
                if boss == user and other != user:
                    result |= direct[other]
                    break
                boss, steps = managers[boss], steps + 1
        seen[user] = result
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize("small_reach", [customers_access.SMALL_REACH, -1])
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=world)
def test_team_5_visible_accounts_equal_reference(
    data: dict[str, Any], small_reach: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TEAM-5: visible accounts and their contacts equal the reference."""
    monkeypatch.setattr(customers_access, "SMALL_REACH", small_reach)
    Person.objects.all().delete()
    AccountTeamMember.objects.all().delete()
    Territory.objects.all().delete()
    Account.objects.all().delete()
    users = [make_user(SALESPERSON) for _ in range(USERS)]
    resources = [resource_for(u) for u in users]
    for resource, manager in zip(resources, data["managers"], strict=True):
        if manager is not None and manager != resources.index(resource):
            resource.manager = resources[manager]
            resource.save()
    data["managers"] = [
        m if m is not None and m != i else None for i, m in enumerate(data["managers"])
    ]
    for country, members, active in data["territories"]:
        territory = Territory.objects.create(name=country, active=active)
        TerritoryCriterion.objects.create(territory=territory, dimension="country", value=country)
        for user in members:
            TerritoryMember.objects.create(territory=territory, resource=resources[user])
    accounts = [
        Account.objects.create(
            name=f"A{i}",
            account_type="customer",
            owner=users[owner] if owner is not None else None,
            country=country,
            is_active=active,
        )
        for i, (owner, country, active) in enumerate(data["accounts"])
    ]
    for index, user in {(a, u) for a, u in data["teams"] if a < len(accounts)}:
        AccountTeamMember.objects.get_or_create(account=accounts[index], user=users[user])
    data["teams"] = [(a, u) for a, u in data["teams"] if a < len(accounts)]
    contacts = [Person.objects.create(last_name=f"P{i}") for i in range(len(accounts))]
    Relationship.objects.bulk_create(
        Relationship(person=p, account=a) for p, a in zip(contacts, accounts, strict=True)
    )
    realign_all()
    expected = _reference(data)
    for number, user in enumerate(users):
        fresh = type(user).objects.get(pk=user.pk)
        seen = set(access.visible(Account, as_actor(fresh)).values_list("pk", flat=True))
        assert seen == {accounts[i].pk for i in expected[number]}, number
        people = set(access.visible(Person, as_actor(fresh)).values_list("pk", flat=True))
        assert people == {contacts[i].pk for i in expected[number]}, number
