"""PLAT-6 under contention: of many edits of one account from many threads,
each based on the version its thread last read, every accepted edit is in
the final version and in the audit trail (no lost update) and every other
one was refused with StaleVersion. The big run (10,000 edits from 20
threads) is `python -m stress.concurrency`."""

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import connection

from openprm.core.audit.models import AuditEntry
from openprm.core.errors import StaleVersion
from openprm.customers.models import Account
from openprm.customers.services import account_create, account_update
from openprm.identity.catalog import ADMINISTRATOR
from tests.factories import as_actor, make_user
from tests.hardening.conftest import in_thread

THREADS = 10
EDITS = 20


@pytest.mark.django_db(transaction=True)
def test_plat_6_no_lost_update_among_parallel_edits(
    share_with_threads: Callable[[], None],
) -> None:
    admin = as_actor(make_user(ADMINISTRATOR))
    account = account_create(actor=admin, data={"name": "Contended"}, confirm_duplicates=True)
    share_with_threads()
    barrier = threading.Barrier(THREADS)
    outcomes: Counter[str] = Counter()
    accepted: list[str] = []
    guard = threading.Lock()

    def edit(number: int) -> None:
        try:
            barrier.wait()
            for attempt in range(EDITS):
                name = f"Contended {number}-{attempt}"
                try:
                    version = Account.objects.only("version").get(pk=account.pk).version
                    account_update(
                        actor=admin,
                        account=account,
                        changes={"name": name},
                        expected_version=version,
                    )
                    outcome = "accepted"
                except StaleVersion:
                    outcome = "stale"
                except Exception as error:  # any other failure is the finding
                    outcome = type(error).__name__
                with guard:
                    outcomes[outcome] += 1
                    if outcome == "accepted":
                        accepted.append(name)
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads), "an editing thread is still waiting"
    assert set(outcomes) <= {"accepted", "stale"}, outcomes
    assert sum(outcomes.values()) == THREADS * EDITS
    final = in_thread(lambda: Account.objects.get(pk=account.pk))
    assert final.version == account.version + outcomes["accepted"]
    audited = in_thread(
        lambda: [
            entry.changes["name"][1]
            for entry in AuditEntry.objects.filter(
                object_id=str(account.pk), action=AuditEntry.Action.UPDATE
            ).order_by("pk")
        ]
    )
    assert sorted(audited) == sorted(accepted)
    assert final.name == audited[-1]
