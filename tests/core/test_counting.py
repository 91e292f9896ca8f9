"""Counts read side by side in one statement (core.counting): a group whose
counts each compare one column with a value is grouped by the database
before it is counted; the figures are those of a count per condition."""

import pytest
from django.db.models import Q

from openprm.core.counting import capped, grouped_counts
from openprm.identity.models import User
from tests.factories import make_user

pytestmark = pytest.mark.django_db
UserType = User.UserType


def test_counts_by_value_equal_a_count_per_value_even_where_none_match() -> None:
    for n in range(3):
        make_user(username=f"staff{n}")
    make_user(username="portal", user_type=UserType.PARTNER, is_active=False)
    users = User.objects.filter(username__in=["staff0", "staff1", "staff2", "portal"])

    counts = grouped_counts(
        (users, {f"type_{value}": Q(user_type=value) for value in UserType.values}),
        (users.filter(user_type="nobody"), {"nobody_internal": Q(user_type=UserType.INTERNAL)}),
        (users, {"active": Q(is_active=True), "all": None}),
        (capped(users, 1), {"capped": None}),
    )

    assert counts == {
        "type_internal": 3,
        "type_partner": 1,
        "nobody_internal": 0,
        "active": 3,
        "all": 4,
        "capped": 2,
    }
