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

from openprm.core import listing
from openprm.core.views.generic import RecordList
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
