"""PRG-5: evaluation equals a plain-Python reference of the rules, for any
won deals and ladder thresholds (hypothesis)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openprm.deals.models import Opportunity
from openprm.identity.models import User
from openprm.programs.figures import measure
from openprm.programs.ladder import Ladder
from openprm.programs.models import Partnership, Program, TierRequirement

pytestmark = pytest.mark.django_db

deal = st.tuples(
    st.integers(0, 1),  # partner
    st.integers(1, 200_000),  # amount
    st.integers(0, 300) | st.integers(400, 500),  # days ago, off the window edge
    st.sampled_from(["USD", "USD", "USD", "EUR", ""]),
)


def reference(
    deals: list[tuple[int, int, int, str]], silver: tuple[int, int], gold: tuple[int, int]
) -> dict[int, str | None]:
    """Per partner: the tier its won deals of the last 12 months reach,
    None when one of them could not be counted."""
    result: dict[int, str | None] = {}
    for partner in (0, 1):
        mine = [(a, c) for p, a, d, c in deals if p == partner and d <= 300]
        if any(c != "USD" for _a, c in mine):
            result[partner] = None
            continue
        revenue, count = sum(a for a, _c in mine), len(mine)
        tier = "Registered"
        for name, (need_revenue, need_count) in (("Silver", silver), ("Gold", gold)):
            if revenue >= need_revenue and count >= need_count:
                tier = name
            else:
                break
        result[partner] = tier
    return result


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    deals=st.lists(deal, max_size=12),
    silver=st.tuples(st.integers(1, 300_000), st.integers(1, 5)),
    extra=st.tuples(st.integers(1, 300_000), st.integers(1, 5)),
)
def test_prg_5_evaluation_equals_the_plain_python_reference(
    program: Program,
    partnerships: dict[str, Partnership],
    two_partners: dict,
    customer: object,
    channel_manager: User,
    deals: list[tuple[int, int, int, str]],
    silver: tuple[int, int],
    extra: tuple[int, int],
) -> None:
    gold = (silver[0] + extra[0], silver[1] + extra[1])
    for name, (revenue, count) in (("Silver", silver), ("Gold", gold)):
        TierRequirement.objects.filter(
            tier__program=program, tier__name=name, indicator="closed_won_revenue"
        ).update(threshold=revenue)
        TierRequirement.objects.filter(
            tier__program=program, tier__name=name, indicator="won_deals"
        ).update(threshold=count)
    Opportunity.objects.all().delete()
    partners = [two_partners["nw"], two_partners["co"]]
    now = timezone.now()
    Opportunity.objects.bulk_create(
        Opportunity(
            name=f"deal {n}",
            account=customer,
            stage=Opportunity.Stage.WON,
            is_open=False,
            amount=Decimal(amount),
            currency=currency,
            close_date=timezone.localdate(),
            owner=channel_manager,
            partner=partners[partner],
            closed_at=now - dt.timedelta(days=days),
        )
        for n, (partner, amount, days, currency) in enumerate(deals)
    )
    program.refresh_from_db()
    ladder = Ladder.of(program)
    measured = measure(ladder, None, timezone.localdate())
    found = {
        index: None
        if measured.incomplete.get(p.pk)
        else ladder.qualified(measured.values.get(p.pk, {})).name
        for index, p in enumerate(partners)
    }
    assert found == reference(deals, silver, gold)
