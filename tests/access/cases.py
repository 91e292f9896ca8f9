"""The platform matrix's table rows: the calls of routes whose answers no
declaration gives, each app's in its own `tests/<app>/matrix.py` (found
like `tests/<app>/world.py`), so a new app adds its rows without editing a
shared file.

A `Case` is one call of a route: who gets its answer (`allowed`) and who
sees its record at all (`sees`; everyone else gets 404). The rest follows
from what the page declares (tests/access/platform_rows.py): a signed-out visitor
is sent to sign in (the API answers 401), a partner user asking for a page
outside the portal gets 404 (PRG-7).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from tests.access.lists import ListsOf
from tests.access.world import OPENPRM_APPS, TESTS, World
from tests.factories import as_actor

INTERNAL = frozenset({"nobody", "salesadmin", "admin", "cam"})
PARTNER_USERS = frozenset({"nw_admin", "nw_rep", "co_admin"})
EVERYONE = INTERNAL | PARTNER_USERS
ACTORS = ("anonymous", *sorted(EVERYONE))
OWNER = frozenset({"nobody"})
"""A record of `nobody`'s own (an export, an import, a token): nobody else sees it."""

Who = frozenset[str] | str | tuple["Who", ...]
"""Actor names, or a privilege (whoever holds it), or a union of these."""
Args = Callable[[World], tuple[Any, ...]]
Body = Callable[[World], Mapping[str, Any]] | Mapping[str, Any] | None


def of(record: str, family: str) -> Args:
    return lambda world: world.ids[record][family]


def const(*values: Any) -> Args:
    return lambda world: values


def version(model: type[Any], record: str, family: str, **fields: Any) -> Body:
    """A body carrying the record's current version (PLAT-6)."""

    def body(world: World) -> Mapping[str, Any]:
        row = model._base_manager.get(pk=world.ids[record][family][-1])
        return {"version": row.version, **fields}

    return body


@dataclass(frozen=True)
class Case:
    """One call of a route: `allowed` get `ok`; others who see the record
    (`sees`, default everyone signed in) get 403, the rest 404."""

    method: str
    args: Args | None = None
    allowed: Who = INTERNAL
    sees: Who = EVERYONE
    ok: int = 200
    body: Body = None
    query: str | Callable[[World], str] = ""


def holders(world: World, who: Who) -> frozenset[str]:
    """The actors `who` names, among everyone of the platform matrix."""
    if isinstance(who, tuple):
        return frozenset().union(*(holders(world, part) for part in who))
    if isinstance(who, str):
        return frozenset(a for a in EVERYONE if who in as_actor(world.users[a]).privileges)
    return frozenset(who)


def expected(world: World, case: Case, actor: str) -> int:
    if actor not in holders(world, case.sees):
        return 404
    if actor not in holders(world, case.allowed):
        return 403
    return case.ok


@dataclass(frozen=True)
class AppRows:
    """An app's table rows: pages by URL name, API operations by
    `METHOD /path`, and the list matrix's rows of its lists by list name
    (core.tables.ListSpec.name)."""

    pages: Mapping[str, list[Case]] = field(default_factory=dict)
    operations: Mapping[str, list[Case]] = field(default_factory=dict)
    lists: Mapping[str, ListsOf] = field(default_factory=dict)


def app_rows(app: str) -> AppRows:
    """`tests/<app>/matrix.py`'s PAGES, OPERATIONS and LISTS, when the app
    has one."""
    if not (TESTS / app / "matrix.py").exists():
        return AppRows()
    module = import_module(f"tests.{app}.matrix")
    return AppRows(
        getattr(module, "PAGES", {}),
        getattr(module, "OPERATIONS", {}),
        getattr(module, "LISTS", {}),
    )


def every_app_rows() -> dict[str, AppRows]:
    return {app: app_rows(app) for app in OPENPRM_APPS}
