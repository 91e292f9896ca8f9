"""The safety net: every route of every app — each named URL pattern the
resolver knows and each operation of the OpenAPI document — has rows in a
route matrix (test_route_matrix.py, test_platform_matrix.py), declares the
record and action — or the model it creates — the matrix derives its rows
from, or is exempt for a stated reason (routes.EXEMPT). A new route without any of these fails here,
naming it; so does an exemption or a matrix row that names no route."""

from typing import Any

from tests.access import extra_urls
from tests.access import test_platform_matrix as platform
from tests.access import test_route_matrix as team
from tests.access.routes import EXEMPT, operations, pages, uncovered

COVERED = {
    key.split("?")[0]: rows
    for key, rows in {**team.WEB, **team.API, **platform.PAGES, **platform.OPERATIONS}.items()
}


def test_every_route_has_matrix_rows() -> None:
    """A route no matrix covers, or a matrix row or exemption for a route
    that no longer exists, is named here."""
    missing, stale = uncovered(COVERED)
    assert not missing, "routes without matrix rows (add them, or exempt them with a reason):\n" + (
        "\n".join(missing)
    )
    assert not stale, "matrix rows or exemptions naming no route:\n" + "\n".join(stale)


def test_the_resolver_and_the_openapi_document_are_both_read() -> None:
    """The check reads every app's pages (namespaced, the portal's, the API
    docs) and every API operation, not a list kept by hand."""
    found = pages()
    assert {"home", "customers:account_list", "portal:organization", "api:openapi-view"} <= set(
        found
    )
    assert "GET /api/v1/accounts" in operations()
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
