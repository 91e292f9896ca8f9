"""PRG-10: the public application form's limit per client address — read
behind the trusted reverse proxies only (OPENPRM_TRUSTED_PROXIES), and
counted atomically, so concurrent submissions from one address never get
more through than the limit (Django's database cache let 5 over slip
through at 50 requests a second).

The concurrent requests run in threads with connections of their own, on
the real database (SQLite: a file copy of the test database;
PostgreSQL: committed rows), like the duplicate races of tests/hardening.
"""

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory, override_settings

from openprm.core.client_address import client_address
from openprm.programs.models import Program
from openprm.recruitment.models import Application
from tests.hardening.conftest import in_thread, share_with_threads
from tests.recruitment.conftest import applicant
from tests.recruitment.test_api import PUBLIC, _apply, _limit

__all__ = ["share_with_threads"]

PARALLEL = 40
LIMIT = 5


def _send(client: Client, name: str, forwarded: str) -> int:
    """An application sent with the given X-Forwarded-For; its status."""
    body = {"program_code": "RESELL", **applicant(name)}
    return client.post(
        PUBLIC, body, content_type="application/json", HTTP_X_FORWARDED_FOR=forwarded
    ).status_code


@pytest.mark.parametrize(
    ("peer", "forwarded", "seen"),
    [
        ("203.0.113.7", "198.51.100.9", "203.0.113.7"),
        ("10.0.0.2", "198.51.100.9", "198.51.100.9"),
        ("10.0.0.2", "6.6.6.6, 198.51.100.9", "198.51.100.9"),
        ("10.0.0.2", "198.51.100.9, 10.0.0.3", "198.51.100.9"),
        ("10.0.0.2", "2001:db8::1, 192.168.1.1", "2001:db8::1"),
        ("10.0.0.2", "", "10.0.0.2"),
        ("10.0.0.2", "198.51.100.9, not-an-address", "10.0.0.2"),
    ],
    ids=[
        "untrusted-peer",
        "trusted-peer",
        "forged-left-entry",
        "two-proxies",
        "ipv6-client",
        "no-header",
        "garbage-entry",
    ],
)
@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "192.168.1.1"])
def test_prg_10_client_address_reads_x_forwarded_for_from_trusted_proxies_only(
    peer: str, forwarded: str, seen: str
) -> None:
    """PRG-10: X-Forwarded-For counts only from a trusted proxy, and then
    its right-most address that no trusted proxy wrote."""
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == seen


def test_prg_10_no_trusted_proxies_by_default_the_header_is_ignored() -> None:
    """PRG-10: without OPENPRM_TRUSTED_PROXIES nobody's header is believed."""
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.2"


@pytest.mark.django_db
def test_prg_10_forwarded_header_from_an_untrusted_peer_does_not_dodge_the_limit(
    program: Program,
) -> None:
    """PRG-10: a client sending a new X-Forwarded-For each time is still
    counted under its own address when it is no trusted proxy."""
    _limit(1)
    client = Client(REMOTE_ADDR="203.0.113.50")
    first = _send(client, "Company A", "198.51.100.1")
    second = _send(client, "Company B", "198.51.100.2")
    assert (first, second) == (201, 429)


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=["10.1.2.3"])
def test_prg_10_behind_a_trusted_proxy_each_client_has_its_own_limit(
    program: Program,
) -> None:
    """PRG-10: behind the trusted proxy, two clients are counted apart
    (before, every client shared the proxy's address); one client is still
    refused its excess, whatever it forges to the left."""
    _limit(1)
    proxy = Client(REMOTE_ADDR="10.1.2.3")
    assert _send(proxy, "Company A", "198.51.100.1") == 201
    assert _send(proxy, "Company B", "198.51.100.2") == 201
    assert _send(proxy, "Company C", "203.0.113.99, 198.51.100.1") == 429


@pytest.fixture
def shared_limit(share_with_threads: Callable[[], None], program: Program) -> Iterator[None]:
    """The limit set and the program written where the request threads see
    them; the counters cleared afterwards (the cache table is no model, so
    the database flush leaves it)."""
    _limit(LIMIT)
    share_with_threads()
    try:
        yield
    finally:
        in_thread(caches["ratelimit"].clear)


def _in_parallel(work: Callable[[int], Any]) -> Counter[str]:
    """`work(n)` from PARALLEL threads released at once; the outcomes."""
    barrier = threading.Barrier(PARALLEL)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def run(n: int) -> None:
        try:
            barrier.wait()
            outcome = str(work(n))
        except Exception as error:  # any failure is the finding
            outcome = type(error).__name__
        finally:
            connection.close()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=run, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_prg_10_concurrent_submissions_never_exceed_the_limit(shared_limit: None) -> None:
    """PRG-10: PARALLEL submissions at once from one address: exactly the
    limit is accepted, every other one is a 429, none fails."""
    client_ip = "192.0.2.77"

    def submit(n: int) -> int:
        return _apply(Client(REMOTE_ADDR=client_ip), f"Parallel {n}").status_code

    outcomes = _in_parallel(submit)
    assert outcomes == Counter({"201": LIMIT, "429": PARALLEL - LIMIT})
    assert in_thread(Application.objects.filter(company_name__startswith="Parallel").count) == (
        LIMIT
    )


@pytest.mark.django_db(transaction=True)
def test_prg_10_the_counter_adds_every_concurrent_increment(shared_limit: None) -> None:
    """PRG-10: the rate-limit cache's add and incr are single statements:
    PARALLEL threads adding or incrementing one key count to PARALLEL."""
    cache = caches["ratelimit"]
    key = "prg10-concurrency-probe"

    def count(n: int) -> int:
        if cache.add(key, 1, 60):
            return 1
        return cache.incr(key)

    outcomes = _in_parallel(count)
    assert sorted(int(value) for value in outcomes.elements()) == list(range(1, PARALLEL + 1))
    assert in_thread(lambda: cache.get(key)) == PARALLEL
