"""CON-8, TEAM-5: a name search matches last names and full-name prefixes; its
pages are read one alternative at a time (core.paged_union), and every page,
in every sort order, holds exactly the rows the whole ordered list holds
there — the visible ones only."""

from typing import Any

import pytest
from django.test import Client

from openprm.contacts import filters, tables
from openprm.contacts.models import Person
from openprm.contacts.services.searches import saved_search_create
from openprm.core import paged_union
from openprm.identity.models import User
from tests.contacts.helpers import make_account, make_contact
from tests.factories import as_actor

FIRST_NAMES = ["Mark", "Anna", "Mia", "Zoe", "Max", ""]
LAST_NAMES = ["Mason", "Adams", "Marsh", "Young", "Madden", "Bell", "Maas"]


@pytest.fixture
def people(salesperson: User, sales_admin: User) -> dict[str, set[int]]:
    """Contacts of every first/last combination at a customer the salesperson
    owns, and the same names at one only the sales administrator sees."""
    mine = make_account(salesperson, "Mine")
    theirs = make_account(sales_admin, "Theirs")
    seen, hidden = set(), set()
    for index, (first, last) in enumerate((f, last) for f in FIRST_NAMES for last in LAST_NAMES):
        account, owner, bucket = (
            (theirs, sales_admin, hidden) if index % 3 == 0 else (mine, salesperson, seen)
        )
        bucket.add(make_contact(owner, last, account, first_name=first).pk)
    return {"seen": seen, "hidden": hidden}


def _query(actor: User, q: str) -> dict[str, str]:
    """All Contacts for a term of two letters or more; a one-letter term
    through a saved search of the actor (CON-7), which needs no term."""
    if len(q) > 1:
        return {"saved_search": "", "q": q}
    search = saved_search_create(actor=as_actor(actor), name=f"Starts with {q}", criteria={"q": q})
    return {"saved_search": str(search.pk)}


def _expected(actor: User, q: str, sort: str) -> list[int]:
    """The whole list, filtered and sorted in Python; visible means related to
    a customer the actor sees (all of them are related to one)."""
    key = q.lower()
    seen = set(
        Person.objects.filter(relationships__account__owner=actor).values_list("pk", flat=True)
    )
    rows = [
        p
        for p in Person.objects.filter(pk__in=seen)
        if p.last_name_search.startswith(key) or p.name_search.startswith(key)
    ]
    sorts = {
        "name": lambda p: (p.last_name_search, p.name_search, p.pk),
        "first_name": lambda p: (p.name_search, p.pk),
        "created": lambda p: (p.created_at, p.pk),
    }
    field = sort.lstrip("-")
    return [p.pk for p in sorted(rows, key=sorts[field], reverse=sort.startswith("-"))]


@pytest.mark.parametrize(
    ("merged_here", "few_names"), [(True, True), (True, False), (False, True), (False, False)]
)
@pytest.mark.parametrize("q", ["ma", "mar", "m", "mark ma", "zz"])
def test_con_8_every_page_of_a_name_search_is_a_slice_of_the_whole_list(
    people: dict[str, set[int]],
    salesperson: User,
    q: str,
    merged_here: bool,
    few_names: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CON-8/TEAM-5: pages of three rows, read arm by arm, line up with the
    whole sorted list in every sort order; nothing of the hidden customer
    appears — whether the arms are merged in Python or the page is read back
    in database order (a database whose collation is not by code point), and
    whether full names are few (found by range) or many (walked within their
    first letters)."""
    monkeypatch.setattr(paged_union, "_sorts_like_python", lambda alias: merged_here)
    monkeypatch.setattr(filters, "FEW_FULL_NAMES", 1000 if few_names else -1)
    query = _query(salesperson, q)
    for sort in ("name", "-name", "first_name", "-created"):
        expected = _expected(salesperson, q, sort)
        ordered = tables.CONTACTS.rows(actor=as_actor(salesperson), query=query, sort=sort)
        pages = [[p.pk for p in ordered[start : start + 3]] for start in range(0, 30, 3)]
        assert [pk for page in pages for pk in page] == expected, sort
        assert ordered.count() == len(expected)
        assert not set(expected) & people["hidden"]


def test_con_8_name_search_pages_in_the_api_match_the_list(
    people: dict[str, set[int]], salesperson: User, api_client_for: Any
) -> None:
    """CON-8: the API's pages, count and order are those of the list."""
    client: Client = api_client_for(salesperson)
    expected = _expected(salesperson, "ma", "name")
    found: list[int] = []
    for page in (1, 2, 3, 4):
        body = client.get(f"/api/v1/contacts?q=ma&page={page}&page_size=4").json()
        assert body["count"] == len(expected)
        found += [item["id"] for item in body["items"]]
    assert found == expected[:16]


def test_big_lists_page_without_counting_until_asked(
    salesperson: User, client_for: Any, api_client_for: Any
) -> None:
    """The contact list reads one row more than a page instead of counting
    every match: it says "More than 50" with a Next link, counts when asked
    ("Count all"), and its last page knows the total. The API the same with
    `with_count=false`; `has_next` always."""
    acme = make_account(salesperson, "Acme")
    for index in range(53):
        make_contact(salesperson, f"Many{index:02}", acme)
    client = client_for(salesperson)
    first = client.get("/contacts/", {"q": "many"}).content.decode()
    assert "More than 50 records" in first
    assert 'rel="next"' in first
    assert "Many49" in first
    assert "Many50" not in first
    counted = client.get("/contacts/", {"q": "many", "count": "1"}).content.decode()
    assert "53 records" in counted
    assert "Page 1 of 2" in counted
    last = client.get("/contacts/", {"q": "many", "page": "2"}).content.decode()
    assert "53 records" in last
    assert "Many52" in last
    assert 'rel="next"' not in last
    api = api_client_for(salesperson)
    body = api.get("/api/v1/contacts", {"q": "many", "with_count": "false"}).json()
    assert (body["count"], body["has_next"], len(body["items"])) == (None, True, 50)
    body = api.get("/api/v1/contacts", {"q": "many", "page": 2, "with_count": "false"}).json()
    assert (body["count"], body["has_next"], len(body["items"])) == (53, False, 3)
    assert api.get("/api/v1/contacts", {"q": "many"}).json()["count"] == 53
