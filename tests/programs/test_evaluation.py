"""Tier evaluation through the services (PRG-5, PRG-11)."""

from collections.abc import Callable
from typing import Any

import pytest

from openprm.core.audit.models import BusinessEvent
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.notifications.models import Notification
from openprm.deals.models import Opportunity
from openprm.identity.models import User
from openprm.programs import services
from openprm.programs.explain import explain
from openprm.programs.models import DowngradeReview, Partnership, Program, Snapshot, TierChange
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def _tables() -> tuple[int, int, int, int]:
    return (
        Snapshot.objects.count(),
        TierChange.objects.count(),
        DowngradeReview.objects.count(),
        BusinessEvent.objects.count(),
    )


def test_prg_5_11_an_evaluation_moves_up_keeps_a_snapshot_and_a_rerun_writes_nothing(
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Opportunity],
    channel_manager: User,
    two_partners: dict[str, Any],
) -> None:
    win("nw", "60000")
    win("nw", "50000")
    cam = as_actor(channel_manager)
    outcome = services.program_evaluate(actor=cam, program=program)
    assert outcome.upgrades == 1
    nw = Partnership.objects.get(pk=partnerships["nw"].pk)
    assert nw.tier.name == "Silver"
    snapshot = nw.last_snapshot
    revenue = next(f for f in snapshot.figures if f["indicator"] == "closed_won_revenue")
    assert revenue["value"] == "110000"
    assert revenue["counted"] == 2
    change = TierChange.objects.get(partnership=nw, kind=TierChange.Kind.UPGRADE)
    assert change.snapshot == snapshot
    told = set(
        Notification.objects.filter(title__contains="moved up to Silver").values_list(
            "recipient_id", flat=True
        )
    )
    assert {channel_manager.pk, two_partners["nw_admin"].user_id} <= told
    before = _tables()
    again = services.program_evaluate(actor=cam, program=program)
    assert not again.wrote
    assert _tables() == before


def test_prg_11_the_explanation_says_what_is_missing_and_what_would_fall_back(
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Opportunity],
    channel_manager: User,
) -> None:
    win("nw", "60000")
    win("nw", "102000")
    services.program_evaluate(actor=as_actor(channel_manager), program=program)
    found = explain(Partnership.objects.get(pk=partnerships["nw"].pk))
    assert found.summary == "$88,000 more closed-won revenue and 2 more won deals to reach Gold"
    assert found.fall_back == (
        "Closed-won revenue below $100,000 (now $162,000) or won deals below 2 (now 2) "
        "would fall back to Registered"
    )


def test_prg_11_falling_short_opens_a_review_the_channel_manager_accepts_or_waives(
    program: Program,
    partnerships: dict[str, Partnership],
    channel_manager: User,
) -> None:
    cam = as_actor(channel_manager)
    silver = program.tiers.get(name="Silver")
    co = partnerships["co"]
    co = services.tier_override(
        actor=cam,
        partnership=co,
        tier_id=silver.pk,
        reason="Strategic",
        expected_version=co.version,
    )
    TierChange.objects.filter(partnership=co).update(changed_at=co.updated_at.replace(year=2000))
    services.program_evaluate(actor=cam, program=program)
    review = DowngradeReview.objects.get(partnership=co, state="open")
    assert review.to_tier.name == "Registered"
    assert Partnership.objects.get(pk=co.pk).tier == silver
    with pytest.raises(ValidationFailed):
        services.review_accept(
            actor=cam, review=review, reason=" ", expected_version=review.version
        )
    services.review_waive(
        actor=cam, review=review, reason="New deal pipeline", expected_version=review.version
    )
    assert not services.program_evaluate(actor=cam, program=program).reviews_opened
    assert Partnership.objects.get(pk=co.pk).tier == silver


def test_prg_11_accepting_a_review_moves_the_partner_down(
    program: Program, partnerships: dict[str, Partnership], channel_manager: User
) -> None:
    cam = as_actor(channel_manager)
    co = partnerships["co"]
    co = services.tier_override(
        actor=cam,
        partnership=co,
        tier_id=program.tiers.get(name="Gold").pk,
        reason="Pilot",
        expected_version=co.version,
    )
    TierChange.objects.filter(partnership=co).update(changed_at=co.updated_at.replace(year=2000))
    services.program_evaluate(actor=cam, program=program)
    review = DowngradeReview.objects.get(partnership=co, state="open")
    services.review_accept(
        actor=cam, review=review, reason="No sales this year", expected_version=review.version
    )
    assert Partnership.objects.get(pk=co.pk).tier.name == "Registered"
    assert TierChange.objects.filter(
        partnership=co, kind="downgrade", reason="No sales this year"
    ).exists()


def test_prg_11_after_the_grace_period_the_program_may_downgrade_by_itself(
    program: Program, partnerships: dict[str, Partnership], channel_manager: User
) -> None:
    cam = as_actor(channel_manager)
    Program.objects.filter(pk=program.pk).update(downgrade_automatically=True, grace_days=0)
    program.refresh_from_db()
    co = partnerships["co"]
    co = services.tier_override(
        actor=cam,
        partnership=co,
        tier_id=program.tiers.get(name="Gold").pk,
        reason="Pilot",
        expected_version=co.version,
    )
    TierChange.objects.filter(partnership=co).update(changed_at=co.updated_at.replace(year=2000))
    services.program_evaluate(actor=cam, program=program)
    services.program_evaluate(actor=cam, program=program)
    assert Partnership.objects.get(pk=co.pk).tier.name == "Registered"
    assert DowngradeReview.objects.get(partnership=co).state == "automatic"


def test_prg_5_an_opportunity_without_a_currency_is_an_error_listing_it_never_zero(
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Opportunity],
    channel_manager: User,
) -> None:
    win("nw", "150000")
    broken = win("nw", "90000", currency="")
    outcome = services.program_evaluate(actor=as_actor(channel_manager), program=program)
    assert outcome.errors == 1
    assert outcome.upgrades == 0
    nw = Partnership.objects.get(pk=partnerships["nw"].pk)
    assert nw.tier.name == "Registered"
    assert nw.last_snapshot.incomplete == [
        {
            "record": broken.name,
            "reason": "won without a currency",
            "url": broken.get_absolute_url(),
        }
    ]


def test_prg_11_an_override_needs_a_reason_and_a_tier_of_the_program(
    program: Program, partnerships: dict[str, Partnership], channel_manager: User
) -> None:
    cam = as_actor(channel_manager)
    nw = partnerships["nw"]
    gold = program.tiers.get(name="Gold")
    with pytest.raises(ValidationFailed) as no_reason:
        services.tier_override(
            actor=cam, partnership=nw, tier_id=gold.pk, reason="", expected_version=nw.version
        )
    assert "reason" in no_reason.value.field_errors
    other = services.program_create(actor=cam, data={"code": "DIST", "name": "Distributor Program"})
    elsewhere = services.tier_create(actor=cam, program=other, data={"name": "Entry"})
    with pytest.raises(ValidationFailed) as wrong:
        services.tier_override(
            actor=cam, partnership=nw, tier_id=elsewhere.pk, reason="x", expected_version=nw.version
        )
    assert "tier_id" in wrong.value.field_errors


def test_prg_3_a_second_partnership_is_refused(
    program: Program,
    partnerships: dict[str, Partnership],
    channel_manager: User,
    two_partners: dict[str, Any],
) -> None:
    with pytest.raises(Conflict, match="already has a partnership"):
        services.partnership_create(
            actor=as_actor(channel_manager), partner_id=two_partners["nw"].pk, program_id=program.pk
        )


def test_prg_4_thresholds_must_rise_with_the_tier_and_windows_stay_within_36_months(
    program: Program, channel_manager: User
) -> None:
    cam = as_actor(channel_manager)
    gold = program.tiers.get(name="Gold")
    with pytest.raises(ValidationFailed) as lower:
        services.requirement_set(
            actor=cam,
            tier=gold,
            data={"indicator": "won_deals", "threshold": "1", "window_months": 12},
        )
    assert "Gold must ask more won deals than Silver" in lower.value.field_errors["threshold"][0]
    for months in (0, 37):
        with pytest.raises(ValidationFailed) as window:
            services.requirement_set(
                actor=cam,
                tier=gold,
                data={"indicator": "won_deals", "threshold": "9", "window_months": months},
            )
        assert window.value.field_errors["window_months"] == ["A window is 1 to 36 months."]


def test_prg_4_a_tier_partners_hold_is_retired_not_deleted(
    program: Program, partnerships: dict[str, Partnership], channel_manager: User
) -> None:
    cam = as_actor(channel_manager)
    entry = program.tiers.get(name="Registered")
    with pytest.raises(Conflict, match="retire it instead") as held:
        services.tier_delete(actor=cam, tier=entry)
    assert held.value.status == 409
    gold = program.tiers.get(name="Gold")
    services.tier_delete(actor=cam, tier=gold)
    assert not program.tiers.filter(name="Gold").exists()
