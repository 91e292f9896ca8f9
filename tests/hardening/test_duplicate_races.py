"""CON-2 / CUS-1: parallel creates of one new contact or account make one
record; every other request gets the usual duplicate Conflict (409 with the
candidates), none an error. Without the natural-key locks (`core.locks`)
50 parallel creates of one e-mail made 3-8 contacts.

Each request runs in its own thread with its own database connection, through
the API. On SQLite the threads work on a file copy of the test database, as a
deployment does: the shared in-memory test database answers "database table
is locked" at once where a file database waits for the writer.
"""

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from openprm.contacts.models import ContactPoint, Person
from openprm.core.locks import natural_keys_bulk, natural_keys_lock
from openprm.customers.models import Account
from openprm.identity.catalog import ADMINISTRATOR
from openprm.identity.services import token_create
from openprm.partners.models import PartnerProfile
from tests.factories import make_user

PARALLEL = 50


@pytest.fixture
def token(tmp_path: Path, db: Any) -> Iterator[str]:
    """An administrator's API token. On SQLite, new connections (the
    threads') then open a file copy of the test database, with the
    settings' PRAGMAs, for the test's duration."""
    _, plaintext = token_create(actor=make_user(ADMINISTRATOR), name="race")
    if connection.vendor != "sqlite":
        yield plaintext
        return
    connection.ensure_connection()
    copy = tmp_path / "threads.sqlite3"
    target = sqlite3.connect(copy)
    connection.connection.backup(target)
    target.close()
    memory = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = str(copy)
    try:
        yield plaintext
    finally:
        connection.settings_dict["NAME"] = memory


def _in_thread(query: Callable[[], Any]) -> Any:
    """`query`'s answer on a connection of its own (the threads' database)."""
    answer: list[Any] = []

    def run() -> None:
        try:
            answer.append(query())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return answer[0]


def _post_in_parallel(
    token: str, url: str, payload: dict[str, Any]
) -> tuple[Counter[str], list[Any]]:
    """POST `payload` from PARALLEL threads released at once; the statuses
    (or exception names) and the 409 bodies' candidate lists."""
    barrier = threading.Barrier(PARALLEL)
    outcomes: Counter[str] = Counter()
    candidates: list[Any] = []
    lock = threading.Lock()

    def create() -> None:
        client = Client(headers={"Authorization": f"Bearer {token}"})
        try:
            barrier.wait()
            response = client.post(url, payload, content_type="application/json")
            outcome = str(response.status_code)
            if response.status_code == 409:
                with lock:
                    candidates.append(json.loads(response.content).get("candidates"))
        except Exception as error:  # any failure is the finding
            outcome = type(error).__name__
        finally:
            connection.close()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=create) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes, candidates


def _assert_one_winner(
    outcomes: Counter[str], candidates: list[Any], count: Callable[[], int]
) -> None:
    assert outcomes == Counter({"201": 1, "409": PARALLEL - 1})
    assert _in_thread(count) == 1
    assert all(len(found) == 1 for found in candidates), candidates


@pytest.mark.django_db(transaction=True)
def test_con_2_parallel_creates_of_one_contact_make_one(token: str) -> None:
    outcomes, candidates = _post_in_parallel(
        token,
        "/api/v1/contacts",
        {"first_name": "Rita", "last_name": "Race", "email": "Rita@Race.example"},
    )
    _assert_one_winner(
        outcomes,
        candidates,
        lambda: ContactPoint.objects.filter(email="rita@race.example").count(),
    )
    assert _in_thread(Person.objects.filter(last_name="Race").count) == 1


@pytest.mark.django_db(transaction=True)
def test_cus_1_parallel_creates_of_one_account_make_one(token: str) -> None:
    outcomes, candidates = _post_in_parallel(
        token,
        "/api/v1/accounts",
        {
            "name": "Racing Widgets Ltd",
            "address_line1": "1 Track Road",
            "city": "Leeds",
            "postal_code": "LS1 4AP",
            "country": "GB",
        },
    )
    _assert_one_winner(
        outcomes,
        candidates,
        lambda: Account.objects.filter(name="Racing Widgets Ltd").count(),
    )


@pytest.mark.django_db(transaction=True)
def test_con_2_confirmed_parallel_creates_all_succeed(token: str) -> None:
    """'Create anyway' still creates, also when many confirm at once."""
    outcomes, _ = _post_in_parallel(
        token,
        "/api/v1/contacts",
        {"last_name": "Twin", "email": "twin@race.example", "confirm_duplicates": True},
    )
    assert outcomes == Counter({"201": PARALLEL})
    assert _in_thread(Person.objects.filter(last_name="Twin").count) == PARALLEL


@pytest.mark.django_db(transaction=True)
def test_pa_2_parallel_creates_of_one_partner_make_one(token: str) -> None:
    """The partner screens create the organization through the account
    services, duplicate check included."""
    outcomes, candidates = _post_in_parallel(
        token,
        "/api/v1/partners",
        {
            "name": "Relay Resellers",
            "address_line1": "9 Baton Street",
            "city": "Lyon",
            "postal_code": "69001",
            "country": "FR",
            "primary_contact": {"last_name": "Runner", "email": "runner@relay.example"},
        },
    )
    _assert_one_winner(
        outcomes,
        candidates,
        lambda: PartnerProfile.objects.filter(account__name="Relay Resellers").count(),
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "sqlite" in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite's write lock covers every key; there are no key locks to count",
)
def test_imp_2_bulk_writer_holds_one_lock_instead_of_one_per_key() -> None:
    """An import batch of 10,000 partner contacts creates them one by one
    through the services: one advisory lock per key would exhaust the
    server's lock table ("out of shared memory")."""
    keys = [f"person{i}@bulk.example" for i in range(10_000)]
    with transaction.atomic(), natural_keys_bulk():
        natural_keys_lock({"contact-email": keys})
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks "
                "WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
            )
            assert cursor.fetchone()[0] == 1
