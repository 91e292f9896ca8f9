"""TER-2/TER-3 property: the set-based batch realignment and the assignment of
one account agree for random nested territories over every dimension."""

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openprm.customers.models import Account
from openprm.territories.assignment import assign_account
from openprm.territories.models import AccountTerritory, Territory, TerritoryCriterion
from openprm.territories.realignment import realign_all
from tests.teams.helpers import account

POSTAL = ("10000", "15000", "20000", "94105", "")
criterion = st.one_of(
    st.tuples(st.just("country"), st.sampled_from(("us", "FR")), st.just("")),
    st.tuples(st.just("region"), st.sampled_from(("CA", "NY")), st.just("")),
    st.tuples(st.just("industry"), st.sampled_from(("software", "retail")), st.just("")),
    st.tuples(st.just("size"), st.sampled_from(("small", "large")), st.just("")),
    st.tuples(
        st.just("postal_range"),
        st.sampled_from(("10000", "12000", "90000")),
        st.sampled_from(("", "16000", "99999")),
    ),
)
world = st.fixed_dictionaries(
    {
        "territories": st.lists(
            st.tuples(st.one_of(st.none(), st.integers(0, 3)), st.lists(criterion, max_size=3)),
            min_size=1,
            max_size=4,
        ),
        "accounts": st.lists(
            st.tuples(
                st.sampled_from(("US", "FR", "")),
                st.sampled_from(("CA", "NY", "")),
                st.sampled_from(("software", "retail", "")),
                st.sampled_from(("small", "large", "")),
                st.sampled_from(POSTAL),
            ),
            min_size=1,
            max_size=5,
        ),
    }
)


def _assignments() -> set[tuple[int, int]]:
    return set(AccountTerritory.objects.values_list("account_id", "territory_id"))


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=world)
def test_ter_3_batch_realignment_agrees_with_single_account_assignment(
    data: dict[str, Any],
) -> None:
    """TER-3: batch realignment agrees with single account assignment."""
    AccountTerritory.objects.all().delete()
    Account.objects.all().delete()
    Territory.objects.update(parent=None)
    Territory.objects.all().delete()
    created: list[Territory] = []
    for index, (parent, criteria) in enumerate(data["territories"]):
        parent_territory = created[parent] if parent is not None and parent < index else None
        territory = Territory.objects.create(name=f"T{index}", parent=parent_territory)
        for dimension, value, value_to in criteria:
            TerritoryCriterion.objects.create(
                territory=territory, dimension=dimension, value=value, value_to=value_to
            )
        created.append(territory)
    accounts = [
        account(f"A{i}", country=c, region=r, industry=ind, size=s, postal_code=p)
        for i, (c, r, ind, s, p) in enumerate(data["accounts"])
    ]
    AccountTerritory.objects.all().delete()
    for each in accounts:
        assign_account(each)
    one_by_one = _assignments()
    AccountTerritory.objects.all().delete()
    realign_all()
    assert _assignments() == one_by_one
