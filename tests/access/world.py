"""The shared test world of the matrices, composed from one builder per app.

Each app that has records states them in `tests/<app>/world.py`: the facts
(plain data the reference rules read) and a `build(world)` that creates
them; a builder may also have `settle(world)`, run once every app has added
its records (the customers' soft delete, which the other apps' records
react to, CUS-9). A new app adds its builder file; `APPS` finds it.

`SALES_APPS` is the world of the TEAM-5 matrices: their reference knows
every record of it, so a list must show exactly what it computes. The
partner organizations (with their accounts) are not part of it: they
would be rows of the internal lists that the reference does not know.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.db import models, transaction
from django.test import Client, override_settings

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

TESTS = Path(__file__).resolve().parent.parent
SALES_APPS = ("identity", "customers", "teams", "territories", "contacts")


OPENPRM_APPS = tuple(
    config.label for config in django_apps.get_app_configs() if config.name.startswith("openprm.")
)
"""Every installed OpenPRM app, in INSTALLED_APPS order."""


def _builders() -> tuple[str, ...]:
    """The sales apps first (the other builders point at their records),
    then every installed app with a builder, in INSTALLED_APPS order (an
    app's records may point at those of the apps installed before it)."""
    others = (
        label
        for label in OPENPRM_APPS
        if label not in SALES_APPS and (TESTS / label / "world.py").exists()
    )
    return (*SALES_APPS, *others)


APPS = _builders()
"""Every app's builder, in the order they run."""


@dataclass
class World:
    """Who is who (`users`, with an API and a web client each) and the ids
    of every record by record name and family: `ids["own"]["account"]`,
    with the model of each family (`model_of`)."""

    users: dict[str, User] = field(default_factory=dict)
    api: dict[str, Client] = field(default_factory=dict)
    web: dict[str, Client] = field(default_factory=dict)
    ids: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    contacts: dict[str, Person] = field(default_factory=dict)
    territories: dict[str, Territory] = field(default_factory=dict)
    model_of: dict[str, type[models.Model]] = field(default_factory=dict)

    def add(self, record: str, family: str, *objects: models.Model) -> None:
        """The ids of one record of `family`: its own last, after those of
        the records its URLs nest it under (a team member's account)."""
        self.ids.setdefault(record, {})[family] = tuple(o.pk for o in objects)
        self.model_of[family] = type(objects[-1])

    def records_of(self, model: type[models.Model]) -> dict[str, tuple[int, ...]]:
        """Every record of `model`, by record name, with the ids its URLs take."""
        families = {family for family, found in self.model_of.items() if found is model}
        return {
            record: ids
            for record, by_family in self.ids.items()
            for family, ids in by_family.items()
            if family in families
        }


def _clients(world: World) -> None:
    for name, user in world.users.items():
        token, plaintext = token_create(actor=as_actor(user), name="matrix")
        world.add(name, "user", user)
        world.add(name, "token", token)
        world.api[name] = Client(headers={"Authorization": f"Bearer {plaintext}"})
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
    transaction rolled back after the module; its files (an upload, an
    export) go to a directory of its own."""
    apps = tuple(apps)

    @pytest.fixture(scope="module")
    def world(
        django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[World]:
        media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("world-media"))
        with django_db_blocker.unblock(), media:
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                yield build(apps)
            finally:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)

    return world
