"""PLAT-2, PRG-7, IMP-3: every list of every app but the sales apps' (those
are test_list_matrix.py's) — its page, its files, its API list, its
background export — shows each actor of the platform matrix exactly the
records its app's rules give it, counts them right, and names no record of
another partner organization to a partner user.

Each app states what its lists show in its `tests/<app>/matrix.py`
(`LISTS`, by list name) from the world's records and who may see them,
never by asking the selectors it checks. The lists are read from the
registry (core.tables): a list an app declares without rows fails here.
"""

from typing import Any

import pytest

from openprm.core.tables import LISTS as DECLARED
from openprm.core.tables import list_spec
from openprm.core.testing.matrix import ListRow, background_export
from tests.access.cases import EVERYONE, every_app_rows
from tests.access.checks import clients
from tests.access.lists import ListsOf, run_lists
from tests.access.platform_rows import hidden
from tests.access.world import SALES_APPS, World, world_fixture

pytestmark = pytest.mark.django_db

world = world_fixture()

LISTS: dict[str, ListsOf] = {
    name: lists for rows in every_app_rows().values() for name, lists in rows.lists.items()
}
NAMES = sorted({name for name in DECLARED if name.split(".")[0] not in SALES_APPS} | set(LISTS))
"""Every list the registry holds outside the sales apps, and any other the
apps' rows name."""


@pytest.fixture(autouse=True)
def _media() -> None:
    """The world's files (an export, an upload) stay where it put them."""


def list_rows(world: World, name: str) -> list[ListRow]:
    assert name in LISTS, f"{name} has no list matrix rows (LISTS in its tests/<app>/matrix.py)"
    rows = []
    for listed in LISTS[name](world):
        web = not listed.path.startswith("/api/")
        for actor in sorted(EVERYONE):
            expected = listed.expect(world, actor)
            if expected is not None:
                rows.append(
                    ListRow(
                        f"{actor}.web" if web else actor,
                        listed.path,
                        listed.read,
                        frozenset(expected),
                        hidden=hidden(actor),
                    )
                )
    return rows


@pytest.mark.parametrize("name", NAMES)
def test_plat_2_prg_7_every_list_shows_exactly_what_the_actor_may_see(
    world: World, name: str
) -> None:
    """PLAT-2/PRG-7/IMP-3: one list's pages, files and API x actors equal
    what its app's rules give each, with no other organization named to a
    partner user."""
    run_lists(clients(world), name, list_rows(world, name))


@pytest.mark.parametrize("name", [n for n in NAMES if n in DECLARED and list_spec(n).filename])
def test_imp_3_background_excel_exports_hold_exactly_what_the_actor_may_see(
    world: World, name: str, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """IMP-3: a list's Excel export above the inline limit runs as a
    background job whose file holds the same rows as the list."""
    settings.EXPORT_INLINE_ROWS = 0
    rows = [r for r in list_rows(world, name) if "export=xlsx" in r.path]
    run_lists(clients(world), name, rows, background_export(django_capture_on_commit_callbacks))
