"""PLAT-6: of two updates based on the same version exactly one wins; the
loser gets 409 with the values it did not see."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from openprm.core.errors import StaleVersion
from openprm.core.options.models import ProfileOption
from openprm.core.options.services import profile_option_update
from openprm.customers.catalog import DEFAULT_TEAM_ACCESS_LEVEL
from openprm.identity.models import User
from tests.factories import as_actor, make_user

URL = f"/api/v1/profile-options/{DEFAULT_TEAM_ACCESS_LEVEL}"


@pytest.mark.django_db
def test_plat_6_stale_patch_is_409_with_current_values(admin_user: User, api_client_for) -> None:
    client = api_client_for(admin_user)
    version = client.get(URL).json()["version"]
    won = client.patch(URL, {"value": "Full", "version": version}, content_type="application/json")
    assert won.status_code == 200
    lost = client.patch(
        URL, {"value": "View Only", "version": version}, content_type="application/json"
    )
    assert lost.status_code == 409
    assert lost["Content-Type"] == "application/problem+json"
    body = lost.json()
    assert body["code"] == "stale_version"
    assert body["current"]["value"] == "Full"
    assert body["current"]["version"] == version + 1
    assert ProfileOption.objects.get(code=DEFAULT_TEAM_ACCESS_LEVEL).value == "Full"


@pytest.mark.django_db(transaction=True)
def test_plat_6_two_concurrent_updates_from_one_version_exactly_one_wins() -> None:
    """Two real threads, each with its own database connection, update the
    same option at the same moment from the same version. The shared in-memory
    SQLite test database answers "table is locked" instead of waiting, so a
    thread retries that call unchanged (same version) until it gets an answer."""
    admin = make_user("administrator", username="boss")
    version = ProfileOption.objects.get(code=DEFAULT_TEAM_ACCESS_LEVEL).version
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def edit(value: str) -> None:
        option = ProfileOption.objects.get(code=DEFAULT_TEAM_ACCESS_LEVEL)
        barrier.wait()
        try:
            for _ in range(500):
                try:
                    profile_option_update(
                        actor=as_actor(admin), option=option, value=value, expected_version=version
                    )
                    outcomes[value] = "won"
                except StaleVersion:
                    outcomes[value] = "stale"
                except OperationalError:
                    time.sleep(0.005)
                    continue
                return
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(value,)) for value in ("Full", "View Only")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["stale", "won"], outcomes
    winner = next(v for v, s in outcomes.items() if s == "won")
    stored = ProfileOption.objects.get(code=DEFAULT_TEAM_ACCESS_LEVEL)
    assert stored.value == winner
    assert stored.version == version + 1
