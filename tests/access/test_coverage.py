"""The safety net: every route of every app — each named URL pattern the
resolver knows and each operation of the OpenAPI document — has table rows
(test_route_matrix.py, or its app's tests/<app>/matrix.py for the platform
matrix), declares what the matrix derives its rows from (a record and
action, the model it creates, a list's model and privilege, a portal page's
area, an API read's `@reads`), or is exempt for a stated reason
(routes.EXEMPT); and every list the registry holds (core.tables) has
rows in a list matrix. A new route or list without any of these fails here,
naming it; so does an exemption or a row that names no route."""

from typing import Any

from openprm.config import urls  # noqa: F401  loads every app's API and its lists
from openprm.core.tables import LISTS
from tests.access import extra_urls
from tests.access import test_list_matrix as sales_lists
from tests.access import test_route_matrix as team
from tests.access.cases import every_app_rows
from tests.access.routes import EXEMPT, api_operations, operations, pages, uncovered

APP_ROWS = every_app_rows()
COVERED = {
    key.split("?")[0]: rows
    for key, rows in {
        **team.WEB,
        **team.API,
        **{key: rows for found in APP_ROWS.values() for key, rows in found.pages.items()},
        **{key: rows for found in APP_ROWS.values() for key, rows in found.operations.items()},
    }.items()
}


def test_every_route_has_matrix_rows() -> None:
    """A route no matrix covers, or a matrix row or exemption for a route
    that no longer exists, is named here."""
    missing, stale = uncovered(COVERED)
    assert not missing, "routes without matrix rows (add them, or exempt them with a reason):\n" + (
        "\n".join(missing)
    )
    assert not stale, "matrix rows or exemptions naming no route:\n" + "\n".join(stale)


def test_every_app_keeps_its_rows_in_its_own_tests() -> None:
    """`tests/<app>/matrix.py` holds rows of that app's routes only, so the
    rows of a route are found where its app is."""
    found = {**pages(), **api_operations()}
    misplaced = [
        f"tests/{app}/matrix.py: {key} is {found[key].app}'s"
        for app, rows in APP_ROWS.items()
        for key in (*rows.pages, *rows.operations)
        if key in found and found[key].app != app
    ]
    assert not misplaced, "\n".join(misplaced)


def test_every_list_has_list_matrix_rows() -> None:
    """Every list an app declares (its ListSpec) has rows in a list matrix:
    the sales apps' in test_list_matrix.py, any other app's in its
    `tests/<app>/matrix.py`."""
    covered = set(sales_lists.LISTS) | {name for rows in APP_ROWS.values() for name in rows.lists}
    missing = sorted(set(LISTS) - covered)
    assert not missing, "lists without list matrix rows:\n" + "\n".join(missing)


def test_the_resolver_and_the_openapi_document_are_both_read() -> None:
    """The check reads every app's pages (namespaced, the portal's, the API
    docs) and every API operation, not a list kept by hand."""
    found = pages()
    assert {"home", "customers:account_list", "portal:organization", "api:openapi-view"} <= set(
        found
    )
    assert "GET /api/v1/accounts" in operations()
    assert set(api_operations()) == set(operations())
    assert not any(name.startswith("api:") for name in found if name not in EXEMPT)
    assert len(found) + len(operations()) >= 250


def test_a_new_route_without_rows_fails_the_check(settings: Any) -> None:
    """With one page added to the real URLs and no matrix row for it, the
    check names exactly that page; a page that declares its record and
    action needs no row."""
    settings.ROOT_URLCONF = extra_urls.__name__
    missing, stale = uncovered(COVERED)
    assert missing == [extra_urls.UNCOVERED]
    assert stale == []
    assert pages()[extra_urls.DECLARED].declared() == (
        extra_urls.AccountRename.model,
        extra_urls.AccountRename.action,
    )


def test_a_stale_exemption_fails_the_check() -> None:
    """An exemption for a route that is gone is reported, not kept silently."""
    _, stale = uncovered({**COVERED, "customers:gone": []})
    assert stale == ["customers:gone"]
