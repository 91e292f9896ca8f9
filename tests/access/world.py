"""The shared test world of the matrices, composed from one builder per app.

Each app that has records states them in `tests/<app>/world.py`: the facts
(plain data the reference rules read) and a `build(world)` that creates
them; a builder may also have `settle(world)`, run once every app has added
its records (the customers' soft delete, which the other apps' records
react to, CUS-9). A new app adds its builder file and its name to `APPS`.

`SALES_APPS` is the world of the TEAM-5 matrices: their reference knows
every record of it, so a list must show exactly what it computes. The
partner organizations (with their accounts) are not part of it: they
would be rows of the internal lists that the reference does not know.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from openprm.contacts.models import Person
from openprm.customers.models import Account
from openprm.identity.models import User
from openprm.identity.services import token_create
from openprm.territories.models import Territory
from tests.factories import as_actor

ACTORS = (
    "nobody", "view", "edit", "full", "owner", "salesadmin", "territory", "manager", "partner",
)  # fmt: skip
RECORDS = ("own", "other", "deleted")

SALES_APPS = ("identity", "customers", "teams", "territories", "contacts")
APPS = (*SALES_APPS, "core", "imports", "partners")
"""Every app's builder, in the order they run: an app's records may point
at the records of the apps before it."""


@dataclass
class World:
    """Who is who (`users`, with an API and a web client each) and the ids
    of every record by record name and family: `ids["own"]["account"]`."""

    users: dict[str, User] = field(default_factory=dict)
    api: dict[str, Client] = field(default_factory=dict)
    web: dict[str, Client] = field(default_factory=dict)
    ids: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    contacts: dict[str, Person] = field(default_factory=dict)
    territories: dict[str, Territory] = field(default_factory=dict)

    def add_ids(self, record: str, family: str, *pks: int) -> None:
        self.ids.setdefault(record, {})[family] = pks


def _clients(world: World) -> None:
    for name, user in world.users.items():
        _, token = token_create(actor=as_actor(user), name="matrix")
        world.api[name] = Client(headers={"Authorization": f"Bearer {token}"})
        world.web[name] = Client()
        world.web[name].force_login(user)


def build(apps: Iterable[str] = APPS) -> World:
    """Every builder of `apps`, then every settle step, then the clients."""
    builders = [import_module(f"tests.{app}.world") for app in apps]
    world = World(ids={record: {} for record in RECORDS})
    for builder in builders:
        builder.build(world)
    for builder in builders:
        if hasattr(builder, "settle"):
            builder.settle(world)
    _clients(world)
    return world


def world_fixture(apps: Iterable[str] = APPS) -> Any:
    """A module-scoped `world` fixture of `apps`, built once in a
    transaction rolled back after the module."""
    apps = tuple(apps)

    @pytest.fixture(scope="module")
    def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                yield build(apps)
            finally:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)

    return world
