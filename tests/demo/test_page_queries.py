"""Every list page reads its rows in a constant number of statements,
whatever the page's length: a page of 3 rows asks the database exactly as
often as a page of 1 (no statement per row). Measured on the demo for each
role that may open the page — administrator, channel manager, salesperson
and a partner user — so a row's cell that reads a related record without
the selector's join shows up here, not as a slow page in production.
(Issue 19: the query-count guard per page family; the timings are in
benchmarks/, never in tests.)"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from openprm.contacts import services
from openprm.contacts.models import Person
from openprm.core import access, listing
from openprm.core.actor import actor_of
from openprm.core.views.generic import RecordList
from openprm.customers.models import Account
from openprm.identity.models import User

pytestmark = pytest.mark.django_db

USERNAMES = ("admin", "cam", "sales", "nw-admin")
SHORT, LONG = 1, 3


def _list_routes(patterns: Any = None, namespace: str = "") -> Iterator[str]:
    """The names of the list pages whose URL takes no argument."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if not getattr(entry.pattern, "converters", {}):
                yield from _list_routes(entry.url_patterns, inner)
            continue
        assert isinstance(entry, URLPattern)
        view = getattr(entry.callback, "view_class", None)
        takes_arguments = entry.pattern.regex.groups or getattr(entry.pattern, "converters", {})
        if view and issubclass(view, RecordList) and entry.name and not takes_arguments:
            yield f"{namespace}{entry.name}"


ROUTES = sorted(set(_list_routes()))


def _read(
    client: Client, url: str, per_page: int, patch: pytest.MonkeyPatch
) -> tuple[int, int, bool]:
    """The page's statements and rows at `per_page` rows a page, and whether
    more rows follow (the pages compared both have a next page, so both
    count the total)."""
    patch.setattr(listing.read_page, "__defaults__", (per_page,))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), len(response.context["rows"]), response.context["page_obj"].has_next


def test_every_list_page_reads_a_page_in_the_same_number_of_statements(demo: str) -> None:
    """Issue 19: a constant number of queries whatever the page size, for
    every list family and every role that opens it."""
    grew = []
    for username in USERNAMES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        for name in ROUTES:
            url = reverse(name)
            if client.get(url).status_code != 200:
                continue  # refused to this role: the access matrix proves that
            with pytest.MonkeyPatch.context() as patch:
                short_queries, short_rows, _more = _read(client, url, SHORT, patch)
                long_queries, long_rows, more = _read(client, url, LONG, patch)
            if more:
                grew.append(f"{username} {name}")
                assert long_queries == short_queries, (
                    f"{name} as {username}: {short_queries} statements for {short_rows} rows, "
                    f"{long_queries} for {long_rows}"
                )
    families = {page.split()[1] for page in grew}
    assert len(families) >= 25, f"only {len(families)} list families compared: {sorted(families)}"
    assert len(grew) >= 50, f"only {len(grew)} pages had rows enough to compare"


def _statements(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_the_contact_page_reads_in_the_same_number_of_statements_whatever_its_relationships(
    demo: str,
) -> None:
    """Issue 19, CON-12, TEAM-5: which of the contact's relationships the
    actor sees, and whether it may edit them, is decided once for the page,
    not per relationship; nor does a row read its customer or contact alone."""
    for username in ("admin", "sales"):
        user = User.objects.get(username=username)
        actor = actor_of(user)
        accounts = list(access.visible(Account, actor).order_by("pk")[:6])
        person = (
            access.visible(Person, actor)
            .filter(relationships__account__in=accounts[:1])
            .order_by("pk")
            .first()
        )
        assert person is not None, username
        client = Client()
        client.force_login(user)
        url = reverse("contacts:contact_detail", args=[person.pk])
        client.get(url)
        few = _statements(client, url)
        related = set(person.relationships.values_list("account_id", flat=True))
        for account in [a for a in accounts if a.pk not in related][:3]:
            services.relationship_add(actor=actor, person=person, account=account)
        other = (
            access.visible(Person, actor)
            .exclude(pk=person.pk)
            .exclude(relationships__related_person=person)
            .exclude(reverse_relationships__person=person)
            .order_by("pk")
            .first()
        )
        assert other is not None, username
        services.relationship_add(actor=actor, person=person, related_person=other)
        services.relationship_add(actor=actor, person=other, related_person=person)
        assert _statements(client, url) == few, username
