"""DEAL-4 on SQLite: a long routing batch lets other writers in. Each lead
is routed in a transaction of its own, back to back; a form saved meanwhile
on another connection must wait its turn, not fail with "database is
locked" once its busy timeout has passed."""

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.deals import services
from openprm.deals.models import Lead, LeadOffer
from openprm.identity.models import User
from openprm.partners.models import PartnerProfile
from tests.factories import as_actor
from tests.hardening.conftest import in_thread, share_with_threads

__all__ = ["share_with_threads"]
# The writer's busy timeout, short to keep the test short: the routing batch
# runs longer than it, so a writer that only ever waits fails.
BUSY_TIMEOUT = 2
LEADS = 400


@pytest.mark.django_db(transaction=True)
def test_deal_4_a_form_saved_during_a_long_routing_batch_waits_its_turn(
    two_partners: dict[str, Any],
    channel_manager: User,
    share_with_threads: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL locks rows, a batch never holds back other writers")
    cam = as_actor(channel_manager)
    PartnerProfile.objects.update(lead_capacity=LEADS)
    account = account_create(actor=cam, data={"name": "Batch Customer", "country": "US"})
    Lead.objects.bulk_create(
        Lead(account=account, name=f"Lead {n}", owner=channel_manager) for n in range(LEADS)
    )
    ids = list(Lead.objects.values_list("pk", flat=True))
    share_with_threads()
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", BUSY_TIMEOUT)
    routing_done = threading.Event()
    saved: list[bool] = []
    failed: list[str] = []

    def route() -> None:
        try:
            services.leads_route_batch(actor=cam, lead_ids=ids)
        finally:
            routing_done.set()
            connection.close()

    def save_forms_while_routing() -> None:
        try:
            while not LeadOffer.objects.exists() and not routing_done.is_set():
                time.sleep(0.01)
            while not routing_done.is_set():
                started = time.monotonic()
                try:
                    account_create(actor=cam, data={"name": f"Saved {len(saved)}", "country": "US"})
                except Exception as error:  # the finding: "database is locked"
                    failed.append(f"after {time.monotonic() - started:.1f} s: {error}")
                    return
                saved.append(routing_done.is_set())
        finally:
            connection.close()

    threads = [threading.Thread(target=route), threading.Thread(target=save_forms_while_routing)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    assert saved.count(False) >= 2, "the batch ended too soon to test: route more leads"
    assert in_thread(Account.objects.filter(name__startswith="Saved ").count) == len(saved)
