"""CON-2 duplicate check: a bounded number of index-backed queries per check."""

from typing import Any

from openprm.contacts.duplicates import duplicate_candidates
from openprm.identity.models import User
from tests.contacts.helpers import make_account, make_contact
from tests.factories import as_actor


def test_con_2_check_without_candidates_is_one_query(
    salesperson: User, django_assert_max_num_queries: Any
) -> None:
    """No candidate: the equal points and the names at the customer in one
    query, and the visible scope is not even queried."""
    acme = make_account(salesperson, "Acme")
    for number in range(5):
        make_contact(salesperson, f"Other{number}", acme, email=f"o{number}@example.com")
    actor = as_actor(salesperson)
    _ = actor.resources  # read once per request, before the counted queries
    with django_assert_max_num_queries(1):
        found = duplicate_candidates(
            actor=actor,
            first_name="Zed",
            last_name="Quill",
            emails=["zed@example.com"],
            phones=["+14155550100"],
            account_ids=[acme.pk],
        )
    assert found == []


def test_con_2_check_with_candidates_adds_one_visibility_query(
    salesperson: User, django_assert_max_num_queries: Any
) -> None:
    acme = make_account(salesperson, "Acme")
    jon = make_contact(salesperson, "Smith", acme, first_name="Jon", email="jon@example.com")
    actor = as_actor(salesperson)
    _ = actor.resources  # read once per request, before the counted queries
    with django_assert_max_num_queries(2):
        found = duplicate_candidates(
            actor=actor,
            first_name="John",
            last_name="Smith",
            emails=["jon@example.com"],
            account_ids=[acme.pk],
        )
    assert [(c.person.pk, len(c.reasons)) for c in found] == [(jon.pk, 2)]
