"""DEAL-3, DEAL-7: the registrations queue counts the conflicts of its whole
page in one statement, and each count equals the per-record check the
review page uses."""

import csv
import datetime as dt
import io
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openprm.catalog.models import Product
from openprm.customers.models import Account
from openprm.deals.conflicts import conflict_counts, conflicts_of
from openprm.deals.models import DealRegistration, Opportunity, OpportunityLine, RegistrationLine
from openprm.identity.models import User

pytestmark = pytest.mark.django_db
State = DealRegistration.State


def _generate(
    rng: random.Random,
    n: int,
    partners: list[Any],
    accounts: list[Account],
    products: list[int],
    owner: User,
    *,
    states: tuple[str, ...] = tuple(State.values),
) -> list[DealRegistration]:
    """`n` registrations drawn from a few keys, so many share one."""
    saved = []
    for _ in range(n):
        registration = DealRegistration.objects.create(
            partner=rng.choice(partners),
            owner=owner,
            title="deal",
            state=rng.choice(states),
            account=rng.choice([None, *accounts]),
            tax_id=rng.choice(["", "T1", "T2"]),
            web_domain=rng.choice(["", "a.com", "b.com"]),
            customer_key=rng.choice(["", "acme", "globex"]),
            country=rng.choice(["", "US", "DE"]),
            close_date=dt.date(2030, 1, 1),
            submitted_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        RegistrationLine.objects.bulk_create(
            RegistrationLine(registration=registration, product_id=p, amount=Decimal(1))
            for p in rng.sample(products, rng.randint(0, 2))
        )
        saved.append(registration)
    return saved


def _opportunities(
    rng: random.Random,
    n: int,
    partners: list[Any],
    accounts: list[Account],
    products: list[int],
    owner: User,
) -> None:
    for i in range(n):
        opportunity = Opportunity.objects.create(
            name=f"Opportunity {i}",
            account=rng.choice(accounts),
            partner=rng.choice([None, *partners]),
            stage=rng.choice(Opportunity.Stage.values),
            amount=Decimal(100),
            close_date=dt.date(2030, 1, 1),
            owner=owner,
        )
        OpportunityLine.objects.bulk_create(
            OpportunityLine(opportunity=opportunity, product_id=p, amount=Decimal(1))
            for p in rng.sample(products, rng.randint(0, 2))
        )


@pytest.fixture
def setting(
    two_partners: dict[str, Any], products: dict[str, Product], customer: Account
) -> dict[str, Any]:
    others = Account.objects.exclude(pk=customer.pk).order_by("pk")
    return {
        "partners": [two_partners["nw"], two_partners["co"]],
        "accounts": [customer, *others[:1]],
        "products": [p.pk for p in products.values()],
        "owner": two_partners["nw_rep"].user,
    }


@pytest.mark.parametrize("seed", range(4))
def test_deal_3_deal_7_page_counts_equal_the_per_record_check(
    setting: dict[str, Any], seed: int
) -> None:
    """Over generated registrations and opportunities sharing a few keys and
    products, the one-statement count of every registration equals the
    number of deals `conflicts_of` finds for it (none: left out)."""
    rng = random.Random(seed)
    registrations = _generate(rng, 40, **setting)
    _opportunities(rng, 15, **setting)
    for registration in registrations[:5]:
        registration.opportunity = Opportunity.objects.filter(account=registration.account).first()
        registration.save(update_fields=["opportunity"])
    expected = {r.pk: len(conflicts_of(r)) for r in registrations}
    counted = conflict_counts(registrations)
    assert counted == {pk: n for pk, n in expected.items() if n}
    assert sum(expected.values()) > 0, "the generated set holds conflicts"


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url)
    assert page.status_code == 200
    return len(captured)


def test_deal_3_the_queue_reads_its_badges_in_one_statement_whatever_the_page_size(
    setting: dict[str, Any],
    channel_manager: User,
    client_for: Callable[[User], Client],
) -> None:
    """The queue of 5 pending registrations and the queue of 50 take the
    same number of queries, and each badge shows the record's count."""
    rng = random.Random(7)
    client = client_for(channel_manager)
    url = reverse("deals:registration_list") + "?state=submitted"
    shown = _generate(rng, 5, **setting, states=(State.SUBMITTED,))
    client.get(url)  # warms the caches a first page fills (options, menus)
    five = _queries(client, url)
    shown += _generate(rng, 45, **setting, states=(State.SUBMITTED,))
    fifty = _queries(client, url)
    assert five == fifty
    page = client.get(url).content.decode()
    assert page.count('data-testid="conflicts-') > 5
    for registration in shown:
        found = len(conflicts_of(registration))
        badge = f'data-testid="conflicts-{registration.pk}"'
        assert (badge in page) == bool(found)
        if found:
            start = page.index(badge)
            assert f"</svg>{found}</span>" in page[start : start + 600].replace("\n", "")


def test_deal_3_the_queue_file_carries_each_rows_count_read_a_chunk_at_a_time(
    setting: dict[str, Any],
    channel_manager: User,
    client_for: Callable[[User], Client],
) -> None:
    """IMP-3 with DEAL-3: the queue's CSV holds each pending registration's
    conflict count, read in one statement per chunk of rows: a file of 10
    rows and a file of 40 take the same number of queries."""
    rng = random.Random(11)
    client = client_for(channel_manager)
    url = reverse("deals:registration_list") + "?state=submitted&export=csv"

    def download() -> tuple[int, list[dict[str, str]]]:
        with CaptureQueriesContext(connection) as captured:
            body = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
        return len(captured), list(csv.DictReader(io.StringIO(body)))

    registrations = _generate(rng, 10, **setting, states=(State.SUBMITTED,))
    download()  # warms the caches a first request fills
    ten, _rows = download()
    registrations += _generate(rng, 30, **setting, states=(State.SUBMITTED,))
    forty, rows = download()
    assert ten == forty
    by_id = {row["ID"]: row["Conflicts"] for row in rows}
    assert len(by_id) == 40
    for registration in registrations:
        assert by_id[str(registration.pk)] == str(len(conflicts_of(registration)))
    assert any(count != "0" for count in by_id.values()), "the generated set holds conflicts"
