"""How the platform matrix works out each actor's answer to a route: from an
app's table rows (tests/access/cases.py), or from what the route declares.

Whatever the route, what the page declares comes first: a signed-out
visitor is sent to sign in (the API answers 401), a partner user asking for
a page outside the portal gets 404 (PRG-7), and so does anyone without a
membership asking for a portal page, whatever the record's policy says (an
internal user who may see the record included); no answer to a partner
user names the other organization or its people, and a refused write
leaves every table of the installed apps unchanged.

The derived rows, for every world record the route names and a set of
actors spanning the rules (no privilege, View Only, owner, administrator,
channel manager, two partner organizations):

- a page declaring its record and action: what `access.refusal` says of
  the action — a record the actor may not see 404, one it may not act on
  403, else the page (200; a button, which only takes a post, redirects:
  302; a form sent empty shows its errors: 200);
- a create page (the action "create", no record in its URL), for every
  actor of the world: what `access.can_create` says of its model — the
  page, or 403 — and 404 to a partner user on an internal page, and to
  anyone without a membership on a portal page;
- a page naming no record (a list, a portal page): a portal page answers
  partner users with a membership and 404 to internal users, any other
  page answers internal users (403 without the `privilege` it declares);
- a reading API operation declaring its record (`@reads`): 404 for a
  record the caller may not see, 403 without the declared privilege, else
  200; a list answers every signed-in caller, the portal's operations only
  partner users with a membership (404 to internal users), and a portal
  operation of one record what its policy says of it.
"""

from collections.abc import Mapping
from dataclasses import replace

from django.apps import apps
from django.urls import reverse

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.testing.matrix import Row
from openprm.core.views.editing import RecordAction
from openprm.core.views.pages import PORTAL
from openprm.identity.models import AccessToken
from tests.access.cases import ACTORS, PARTNER_USERS, Case, expected
from tests.access.checks import staff_names
from tests.access.routes import Operation, Page, pages
from tests.access.world import World
from tests.factories import as_actor
from tests.partners.world import PARTNER_ACTORS, PARTNERS

PAGE_TABLES = tuple(
    model
    for config in apps.get_app_configs()
    if config.name.startswith("openprm.")
    for model in config.get_models()
)
"""Every table of the installed apps: a refused write changes none."""
TABLES = tuple(model for model in PAGE_TABLES if model is not AccessToken)
"""The same for API calls, which mark their token used."""

DECLARED_ACTORS = ("anonymous", "nobody", "view", "owner", "admin", "cam", "nw_admin", "co_admin")


def hidden(actor: str) -> frozenset[str]:
    """What a partner user may never read: the other organization and its
    users (PRG-7)."""
    if actor not in PARTNER_USERS:
        return frozenset()
    return frozenset(
        text
        for org, name in PARTNERS.items()
        if not actor.startswith(org)
        for text in (name, f"{org}-admin", f"{org}-rep")
    )


def row(world: World, page: Page | None, actor: str, method: str, path: str, answer: int) -> Row:
    """One actor's call: what the page declares comes first (sign-in, the
    portal boundary both ways), then the route's own `answer`."""
    found = hidden(actor)
    if actor == "anonymous":
        status = 401 if page is None else answer if page.public else 302
    elif page is not None and actor in PARTNER_USERS and not page.portal:
        status = 404  # PRG-7: no internal page exists for a partner user
        found |= staff_names(world, PARTNER_ACTORS)
    elif page is not None and page.area == PORTAL and _actor(world, actor).partner_id is None:
        status = 404  # a portal page exists for partner users with a membership only
    else:
        status = answer
    refused = method != "get" and status >= 400
    return Row(
        actor if page is None else f"{actor}.web",
        method,
        path,
        status,
        unchanged=(TABLES if page is None else PAGE_TABLES) if refused else (),
        hidden=found,
    )


# Table rows ---------------------------------------------------------------------


def _url(world: World, key: str, case: Case) -> str:
    args = case.args(world) if case.args else ()
    if key.startswith(("GET ", "POST ", "PUT ", "PATCH ", "DELETE ")):
        path = key.split(" ", 1)[1]
        for arg in args:
            path = path.replace(path[path.index("{") : path.index("}") + 1], str(arg), 1)
    else:
        path = reverse(key, args=args)
    return path + (case.query(world) if callable(case.query) else case.query)


def case_rows(world: World, table: Mapping[str, list[Case]], web: bool) -> list[Row]:
    """The rows of a table of pages (`web`) or of API operations."""
    found = pages()
    rows = []
    for key, cases in table.items():
        for case in cases:
            path = _url(world, key, case)
            body = case.body(world) if callable(case.body) else case.body
            for actor in ACTORS:
                answer = expected(world, case, actor) if actor != "anonymous" else case.ok
                made = row(world, found[key] if web else None, actor, case.method, path, answer)
                rows.append(made if web else replace(made, body=body))
    return rows


# Rows derived from declarations ----------------------------------------------


def _actor(world: World, actor: str) -> Actor:
    return as_actor(world.users[actor])


def _call(page: Page) -> tuple[str, int]:
    """How a derived row calls a page, and what it answers whoever may: a
    page that shows on GET is asked so (200); a button, which only takes a
    post, redirects back from an empty one (302); a form shows its errors
    (200)."""
    view_class = page.view_class
    takes_get = hasattr(view_class, "get") and "get" in view_class.http_method_names
    method = "get" if takes_get else "post"
    button = isinstance(view_class, type) and issubclass(view_class, RecordAction)
    return method, 302 if method == "post" and button else 200


def declared_rows(world: World, page: Page) -> list[Row]:
    """A page declaring its record and action, for each world record of
    that model; a world record its settling removed (CUS-9) is 404 to
    everyone signed in."""
    declared = page.declared()
    assert declared is not None
    model, action = declared
    method, allowed = _call(page)
    rows = []
    for ids in world.records_of(model).values():
        if len(ids) != page.route.count("{"):
            continue
        obj = model._base_manager.filter(pk=ids[-1]).first()
        path = reverse(page.name, args=ids)
        for actor in DECLARED_ACTORS:
            if actor == "anonymous":
                answer = allowed
            elif obj is None:
                answer = 404
            else:
                refusal = access.refusal(_actor(world, actor), action, obj)
                answer = refusal.status if refusal else allowed
            rows.append(row(world, page, actor, method, path, answer))
    return rows


def declared_create_rows(world: World, page: Page) -> list[Row]:
    """A create page (the action "create", no record in its URL), for every
    world actor: what `access.can_create` says of the model — the page or
    403 — except that a partner user, of an organization or of none, gets
    404 on an internal page (PRG-7), and anyone without a membership 404
    on a portal page (`row`)."""
    model = page.creates()
    assert model is not None
    method, allowed = _call(page)
    path = reverse(page.name)
    rows = []
    for name in ("anonymous", *sorted(world.users)):
        answer = allowed
        if name != "anonymous":
            caller = _actor(world, name)
            if caller.is_partner and not page.portal:
                answer = 404
            elif not access.can_create(caller, model):
                answer = 403
        rows.append(row(world, page, name, method, path, answer))
    return rows


def entry_rows(world: World, page: Page) -> list[Row]:
    """A list or portal page, which names no record."""
    assert page.entry()
    rows = []
    for actor in DECLARED_ACTORS:
        answer = 302
        if actor != "anonymous":
            caller = _actor(world, actor)
            if page.area == PORTAL:
                answer = 200 if caller.partner_id is not None else 404
            elif page.privilege is not None and page.privilege not in caller.privileges:
                answer = 403
            else:
                answer = 200
        rows.append(row(world, page, actor, "get", reverse(page.name), answer))
    return rows


def read_rows(world: World, operation: Operation) -> list[Row]:
    """A reading API operation declaring its record: once when it names
    none (a list), else for each world record of that model."""
    declared = operation.reads
    assert declared is not None
    model = declared.model
    records = (
        [()]
        if not operation.parameters
        else [i for i in world.records_of(model).values() if len(i) == operation.parameters]
    )
    rows = []
    for ids in records:
        path = operation.path
        for value in ids:
            path = path.replace(path[path.index("{") : path.index("}") + 1], str(value), 1)
        obj = model._base_manager.get(pk=ids[-1]) if ids else None
        for actor in DECLARED_ACTORS:
            answer = 401
            if actor != "anonymous":
                caller = _actor(world, actor)
                outside_portal = operation.portal and caller.partner_id is None
                unseen = obj is not None and access.refusal(caller, "view", obj) is not None
                if outside_portal or unseen:
                    answer = 404
                elif declared.privilege is not None and declared.privilege not in caller.privileges:
                    answer = 403
                else:
                    answer = 200
            rows.append(row(world, None, actor, "get", path, answer))
    return rows
