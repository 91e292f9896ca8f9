"""What every route matrix checks beyond `run_matrix`: a refused form post
may answer like a form, and no page names the brand owner's people to a
partner user."""

from collections.abc import Iterable, Mapping

from django.test import Client

from openprm.core.testing.matrix import Row, leaks, rolled_back, run_matrix, table_rows
from tests.access.world import World


def staff_names(world: World, partners: Iterable[str]) -> frozenset[str]:
    """The brand owner's people, whom no page may name to a partner user."""
    return frozenset(
        name
        for key, user in world.users.items()
        if key not in set(partners)
        for name in (user.username, user.get_full_name())
        if name
    )


def _refused_page(client: Client, row: Row) -> str | None:
    """An HTML form answers a refused write with 403 or by showing the form
    again (200, or 422 for what it cannot accept) or a flashed message (302);
    either way nothing changed."""
    with rolled_back(client):
        before = {model: table_rows(model) for model in row.unchanged}
        response = getattr(client, row.method)(row.path)
        problems = []
        if response.status_code not in (200, 302, 403, 422):
            problems.append(f"got {response.status_code}")
        problems += [f"{m.__name__} changed" for m, rows in before.items() if table_rows(m) != rows]
        problems += leaks(response, row.hidden)
    return f"{row.label()} (or the form's refusal): {'; '.join(problems)}" if problems else None


def run_web_matrix(clients: Mapping[str, Client], rows: list[Row]) -> None:
    """run_matrix, except that a refused form POST may answer like a form."""
    exact = [r for r in rows if not (r.method == "post" and r.expected == 403)]
    failures = [
        f
        for row in rows
        if row not in exact and (f := _refused_page(clients[row.actor], row)) is not None
    ]
    try:
        run_matrix(clients, exact)
    except AssertionError as error:
        failures.insert(0, str(error))
    assert not failures, "\n".join(failures)


def clients(world: World) -> dict[str, Client]:
    """Each user's API client by name and web client by `name.web`, and an
    anonymous one for both."""
    return {
        **world.api,
        **{f"{name}.web": client for name, client in world.web.items()},
        "anonymous": Client(),
        "anonymous.web": Client(),
    }
