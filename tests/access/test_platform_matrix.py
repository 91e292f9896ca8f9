"""PLAT-1/2, PRG-7, IMP-3: the permission matrix over every route of every
installed app — HTML and /api/v1 — x the actors that matter: nobody signed
in, a salesperson with no privilege of these apps, the sales administrator,
the administrator, the channel account manager, and the users of two
partner organizations (Northwind, Contoso).

A route's rows are derived from what it declares where its answers follow
from that (tests/access/platform_rows.py): a page of one record, a create
page, a list or portal page, a reading API operation. Every other route has table rows in
its app's `tests/<app>/matrix.py` (tests/access/cases.py). Either way a
signed-out visitor is sent to sign in (the API answers 401), a partner user
asking for a page outside the portal gets 404 (PRG-7), no answer to a
partner user names the other organization or its people, and a refused
write leaves every table unchanged.
"""

from typing import Any

import pytest
from django.urls import reverse

from openprm.core import access
from openprm.core.testing.matrix import run_matrix
from openprm.customers.models import Account
from tests.access import extra_urls
from tests.access.cases import every_app_rows
from tests.access.checks import clients, run_web_matrix
from tests.access.platform_rows import (
    DECLARED_ACTORS,
    case_rows,
    declared_create_rows,
    declared_rows,
    entry_rows,
    read_rows,
)
from tests.access.routes import api_operations, pages
from tests.access.world import OPENPRM_APPS, World, world_fixture

pytestmark = pytest.mark.django_db

world = world_fixture()


@pytest.fixture(autouse=True)
def _media() -> None:
    """The world's files (an export, an upload) stay where it put them."""


ROWS = every_app_rows()


@pytest.mark.parametrize("app", OPENPRM_APPS)
def test_plat_2_prg_7_page_matrix(world: World, app: str) -> None:
    """PLAT-2/PRG-7: the table rows of one app's pages x actors."""
    run_web_matrix(clients(world), case_rows(world, ROWS[app].pages, web=True))


@pytest.mark.parametrize("app", OPENPRM_APPS)
def test_plat_2_prg_7_api_matrix(world: World, app: str) -> None:
    """PLAT-2/PRG-7: the table rows of one app's API operations x actors."""
    run_matrix(clients(world), case_rows(world, ROWS[app].operations, web=False))


@pytest.mark.parametrize("app", OPENPRM_APPS)
def test_plat_2_declared_pages_answer_as_their_access_policy_says(world: World, app: str) -> None:
    """PLAT-2/PRG-7: every page of one app whose answers follow from what it
    declares — its record and action, for every world record of that model,
    or who a list or portal page is for and the privilege it needs — x
    actors; a model the world holds no record of is named (its app's world
    builder must add one)."""
    found = [page for page in pages().values() if page.app == app]
    rows = {page.name: declared_rows(world, page) for page in found if page.declared()}
    assert not [name for name, made in rows.items() if not made], "no world record to ask for"
    rows |= {page.name: entry_rows(world, page) for page in found if page.entry()}
    run_web_matrix(clients(world), [row for made in rows.values() for row in made])


@pytest.mark.parametrize("app", OPENPRM_APPS)
def test_plat_2_prg_7_declared_reads_answer_as_their_access_policy_says(
    world: World, app: str
) -> None:
    """PLAT-2/PRG-7: every reading API operation of one app that declares
    its record, for every world record of that model, x actors."""
    found = [op for op in api_operations().values() if op.app == app and op.derived()]
    rows = {op.key: read_rows(world, op) for op in found}
    assert not [key for key, made in rows.items() if not made], "no world record to ask for"
    run_matrix(clients(world), [row for made in rows.values() for row in made])


def test_plat_2_a_declared_page_is_checked_against_its_policy(world: World, settings: Any) -> None:
    """The rows derived for a page declaring Account and `change` (a
    throwaway page, tests/access/extra_urls.py) are the policy's answers:
    the owner may change its account, a View Only member sees it but may
    not (403), a stranger to it gets 404, a partner user 404 on any
    internal page, a signed-out visitor the sign-in page."""
    settings.ROOT_URLCONF = extra_urls.__name__
    rows = declared_rows(world, pages()[extra_urls.DECLARED])
    own = reverse(extra_urls.DECLARED, args=world.ids["own"]["account"])
    answers = {row.actor: row.expected for row in rows if row.path == own}
    assert answers == {
        "anonymous.web": 302,
        "nobody.web": 404,
        "view.web": 403,
        "owner.web": 200,
        "admin.web": 200,
        "cam.web": 404,
        "nw_admin.web": 404,
        "co_admin.web": 404,
    }
    assert len(rows) == len(DECLARED_ACTORS) * len(world.records_of(Account))
    run_web_matrix(clients(world), rows)


def test_plat_2_create_pages_answer_as_their_create_rule_says(world: World) -> None:
    """PLAT-2/PRG-7: every create page (a view declaring its model and the
    action "create", no record in its URL) x every world actor: the form
    to whoever the model's create rule allows, 403 to the others, 404 to a
    partner user on an internal page and to anyone without a membership
    on a portal page."""
    rows = [
        row
        for page in pages().values()
        if page.creates() is not None
        for row in declared_create_rows(world, page)
    ]
    assert rows, "no create page found"
    run_web_matrix(clients(world), rows)


def test_plat_2_prg_7_list_and_portal_pages_answer_as_they_declare(world: World) -> None:
    """The rows derived for a list that needs a privilege (the users, Manage
    Users), a list every internal user opens (the partners) and a portal
    page: its holders or every internal user 200, the others 403, partner
    users 404 on the internal pages and 200 on the portal's, where internal
    users get 404."""
    found = pages()
    answers = {
        name: {row.actor: row.expected for row in entry_rows(world, found[name])}
        for name in ("identity:user_list", "partners:partner_list", "portal:contact_list")
    }
    internal = {"nobody.web", "view.web", "owner.web", "admin.web", "cam.web"}
    partners = {"nw_admin.web": 404, "co_admin.web": 404}
    assert answers["identity:user_list"] == {
        "anonymous.web": 302,
        **{actor: 200 if actor == "admin.web" else 403 for actor in internal},
        **partners,
    }
    assert answers["partners:partner_list"] == {
        "anonymous.web": 302,
        **dict.fromkeys(internal, 200),
        **partners,
    }
    assert answers["portal:contact_list"] == {
        "anonymous.web": 302,
        **dict.fromkeys(internal, 404),
        "nw_admin.web": 200,
        "co_admin.web": 200,
    }


def test_plat_2_prg_7_a_declared_read_is_checked_against_its_policy(world: World) -> None:
    """The rows derived for reading one partner are the policy's answers:
    whoever manages partners or sees its account reads it, its own users
    read their own organization only, anyone else gets 404; a signed-out
    caller 401."""
    operation = api_operations()["GET /api/v1/partners/{partner_id}"]
    northwind = f"/api/v1/partners/{world.ids['nw']['partner'][0]}"
    answers = {
        row.actor: row.expected for row in read_rows(world, operation) if row.path == northwind
    }
    assert answers == {
        "anonymous": 401,
        "nobody": 404,
        "view": 404,
        "owner": 404,
        "admin": 200,
        "cam": 200,
        "nw_admin": 200,
        "co_admin": 404,
    }


def test_plat_2_ter_1_a_create_page_is_checked_against_its_create_rule(world: World) -> None:
    """The rows derived for the territory create page are the create rule's
    answers (TER-1: creating a territory needs Manage Territories): the
    sales administrator and the administrator get the form, a salesperson
    and the channel manager 403, partner users (of an organization or of
    none) 404, a signed-out visitor the sign-in page."""
    rows = declared_create_rows(world, pages()["territories:territory_create"])
    answers = {row.actor: row.expected for row in rows}
    assert {name: answers[f"{name}.web"] for name in ("anonymous", *DECLARED_ACTORS[1:])} == {
        "anonymous": 302,
        "nobody": 403,
        "view": 403,
        "owner": 403,
        "admin": 200,
        "cam": 403,
        "nw_admin": 404,
        "co_admin": 404,
    }
    assert (answers["salesadmin.web"], answers["partner.web"]) == (200, 404)
    run_web_matrix(clients(world), rows)


def test_plat_2_no_page_declares_an_action_its_policy_does_not_answer() -> None:
    """A page's declared action is a rule of its record's policy — or, for a
    create page, of its model's — so `can()`/`can_create()` answer its
    buttons and the matrix derives its rows; a new page is held to it too."""
    found = {
        name: (declared[0].__name__, declared[1])
        for name, page in pages().items()
        if (declared := page.declaration()) is not None and not access.has_rule(*declared)
    }
    assert found == {}
