"""Fixtures shared by the whole suite."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.test.client import ClientHandler

from openprm.core.wsgi_handler import TokenApiChain, is_token_api_call
from openprm.identity.catalog import (
    ADMINISTRATOR,
    CHANNEL_ACCOUNT_MANAGER,
    SALES_ADMINISTRATOR,
    SALESPERSON,
)
from openprm.identity.models import User
from openprm.identity.services import token_create
from tests.factories import as_actor, make_user


class _TokenApiClientHandler(TokenApiChain, ClientHandler):
    pass


class ApiAwareClientHandler(ClientHandler):
    """The test client's handler dispatching as the served one does
    (core.wsgi_handler): a token API call without a session runs the token
    API's middleware, so the API tests check the stack that serves them."""

    def __init__(self) -> None:
        super().__init__()
        self.token_api = _TokenApiClientHandler()

    def __call__(self, environ: dict[str, Any]) -> Any:
        if is_token_api_call(environ):
            return self.token_api(environ)
        return super().__call__(environ)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    """Uploaded and exported files go to the test's own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin_user(db: Any) -> User:
    return make_user(ADMINISTRATOR, username="admin")


@pytest.fixture
def sales_admin(db: Any) -> User:
    return make_user(SALES_ADMINISTRATOR, username="salesadmin")


@pytest.fixture
def channel_manager(db: Any) -> User:
    return make_user(CHANNEL_ACCOUNT_MANAGER, username="cam")


@pytest.fixture
def salesperson(db: Any) -> User:
    return make_user(SALESPERSON, username="sales")


@pytest.fixture
def api_client_for() -> Callable[[User], Client]:
    """A test client that authenticates with a fresh personal access token."""

    def build(user: User) -> Client:
        _, plaintext = token_create(actor=as_actor(user), name="test")
        client = Client(headers={"Authorization": f"Bearer {plaintext}"})
        client.handler = ApiAwareClientHandler()
        return client

    return build


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    """A browser-like client signed in as `user` (session + CSRF enforced)."""

    def build(user: User) -> Client:
        client = Client(enforce_csrf_checks=False)
        client.force_login(user)
        return client

    return build


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every transactional test restores the seeded rows (roles, options,
    lookups) that its closing flush removes, so later tests still find them.
    Mixing in one flush without it would also recreate content types under new
    ids, and the next restore would then collide with them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
