"""prefix_q: a name prefix is an index range, with the same answers as the
LIKE it replaces (DESIGN.md "Speed at scale"; CON-8, CUS-11 searches)."""

import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from openprm.contacts.models import Person
from openprm.core.search import RANGE_END, key_prefix_q, prefix_q, search_key
from openprm.customers.normalize import search_key as customers_search_key


def _people(*last_names: str) -> None:
    for last_name in last_names:
        Person.objects.create(last_name=last_name)


def _found(text: str) -> list[str]:
    rows = Person.objects.filter(prefix_q("last_name_search", text)).order_by("last_name_search")
    return list(rows.values_list("last_name", flat=True))


def test_search_key_strips_accents_case_and_spaces() -> None:
    assert search_key("  Société   Générale ") == "societe generale"
    assert customers_search_key is search_key


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_con_8_an_ascii_key_is_the_decomposed_key(text: str) -> None:
    """ASCII names skip the accent decomposition: their keys must be the
    ones the decomposition gives, or stored keys and searches would part."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    assert search_key(text) == " ".join(stripped.casefold().split())


def test_prefix_q_is_a_range_not_a_like() -> None:
    """The SQL has no LIKE, so SQLite and PostgreSQL use the B-tree index."""
    condition = prefix_q("name_search", "Ma")
    assert condition == key_prefix_q("name_search", "ma")
    assert dict(condition.children) == {
        "name_search__gte": "ma",
        "name_search__lt": "ma" + RANGE_END,
    }


@pytest.mark.django_db
def test_con_8_prefix_q_matches_accented_and_cased_names() -> None:
    _people("Müller", "MULLER", "mullen", "Mulan", "Amüller")
    assert sorted(_found("müll")) == ["MULLER", "Müller", "mullen"]
    assert sorted(_found("MULLE")) == ["MULLER", "Müller", "mullen"]
    assert sorted(_found("mu")) == ["MULLER", "Mulan", "Müller", "mullen"]


@pytest.mark.django_db
def test_con_8_prefix_q_keeps_keys_at_the_end_of_the_range() -> None:
    """Keys right at the range's edges: the key itself, the highest characters
    after it, and the next key outside."""
    _people("ma", "Ma\uffff", "ma\U0010fffd", "maz", "mb", "m", "l\U0010ffff")
    assert sorted(_found("ma")) == sorted(["ma", "Ma\uffff", "ma\U0010fffd", "maz"])


@pytest.mark.django_db
def test_prefix_q_treats_like_wildcards_as_text() -> None:
    _people("o_neil", "oxneil", "100%", "1000")
    assert _found("o_") == ["o_neil"]
    assert _found("100%") == ["100%"]


@pytest.mark.django_db
def test_empty_prefix_matches_everything() -> None:
    _people("a", "b")
    assert prefix_q("last_name_search", "   ") == key_prefix_q("last_name_search", "")
    assert len(_found("")) == 2


@pytest.mark.django_db
def test_prefix_q_sql_uses_no_like() -> None:
    with CaptureQueriesContext(connection) as queries:
        _found("ma")
    assert " LIKE " not in queries.captured_queries[-1]["sql"].upper()
