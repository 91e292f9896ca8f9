"""CON-2 / CUS-1: parallel creates of one new contact or account make one
record; every other request gets the usual duplicate Conflict (409 with the
candidates), none an error. Without the natural-key locks (`core.locks`)
50 parallel creates of one e-mail made 3-8 contacts.

Each request runs in its own thread with its own database connection, through
the API (on SQLite a file copy of the test database: `share_with_threads`).
"""

import json
import threading
from collections import Counter
from collections.abc import Callable
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
from tests.factories import as_actor, make_user
from tests.hardening.conftest import in_thread

PARALLEL = 50


@pytest.fixture
def token(share_with_threads: Callable[[], None]) -> str:
    """An administrator's API token, seen by the request threads."""
    _, plaintext = token_create(actor=as_actor(make_user(ADMINISTRATOR)), name="race")
    share_with_threads()
    return plaintext


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
    assert in_thread(count) == 1
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
    assert in_thread(Person.objects.filter(last_name="Race").count) == 1


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
    assert in_thread(Person.objects.filter(last_name="Twin").count) == PARALLEL


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
