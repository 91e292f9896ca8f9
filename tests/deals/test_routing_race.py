"""DEAL-4: two workers routing the same batch of leads at once never give a
lead to two partners nor push a partner past its capacity. Each worker is a
thread with its own database connection (on SQLite a file copy of the test
database, as a deployment has)."""

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from openprm.customers.services import account_create
from openprm.deals import services
from openprm.deals.models import Lead, LeadOffer
from openprm.identity.models import User
from openprm.partners.models import PartnerProfile
from tests.factories import as_actor
from tests.hardening.conftest import in_thread, share_with_threads

__all__ = ["share_with_threads"]
CAPACITY = 3
LEADS = 10


@pytest.mark.django_db(transaction=True)
def test_deal_4_parallel_batches_respect_capacity_and_one_partner_per_lead(
    two_partners: dict[str, Any],
    channel_manager: User,
    share_with_threads: Callable[[], None],
) -> None:
    cam = as_actor(channel_manager)
    PartnerProfile.objects.update(lead_capacity=CAPACITY)
    account = account_create(actor=cam, data={"name": "Batch Customer", "country": "US"})
    ids = [
        services.lead_create(actor=cam, account_id=account.pk, name=f"Lead {n}").pk
        for n in range(LEADS)
    ]
    share_with_threads()
    barrier = threading.Barrier(2)
    reports: list[services.RoutingReport] = []
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            reports.append(
                services.leads_route_batch(actor=as_actor(channel_manager), lead_ids=ids)
            )
        except BaseException as error:  # any failure is the finding
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    def outcome() -> tuple[Counter[int], Counter[int], int]:
        open_offers = LeadOffer.objects.filter(outcome=LeadOffer.Outcome.OPEN)
        per_lead = Counter(open_offers.values_list("lead_id", flat=True))
        per_partner = Counter(open_offers.values_list("partner_id", flat=True))
        return per_lead, per_partner, Lead.objects.filter(status=Lead.Status.NEW).count()

    per_lead, per_partner, still_new = in_thread(outcome)
    assert failures == []
    routed = [item.lead_id for report in reports for item in report.routed]
    assert len(routed) == len(set(routed)) == 2 * CAPACITY
    for report in reports:
        assert {item.lead_id for item in report.routed + report.not_routed} == set(ids)
    assert set(per_lead.values()) == {1}
    assert sorted(per_partner.values()) == [CAPACITY, CAPACITY]
    assert still_new == LEADS - 2 * CAPACITY
