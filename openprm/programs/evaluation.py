"""Tier evaluation (PRG-5, PRG-11): measure, place, keep a snapshot.

Set-based: for a program, each distinct (indicator, parameter, window) its
tiers require is measured with ONE call for every partner evaluated, then
each partnership is placed in Python. What is written is only what changed:
a snapshot when the figures differ from the partnership's latest one, a
tier change when the placement moved, a downgrade review when a partner
fell short. Re-running on the same data therefore writes nothing.

A partner reaches a tier when it meets the requirements of that tier and of
every (non-retired) tier below it; the entry tier needs nothing. Moving up
is automatic. Falling short opens a downgrade review with the program's
grace period: the channel manager accepts or waives it, or, when the program
says so, the partner moves down once the grace period ends. A review waived
or a tier set by hand holds the tier for a grace period. A partner whose
figures rest on records that could not be counted is not moved at all: its
snapshot lists those records.
"""

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from openprm.core.actor import SYSTEM, Actor
from openprm.programs.catalog import TERMINATED
from openprm.programs.changes import Move, reviews_opened, tier_moves
from openprm.programs.figures import figures_of, fingerprint, incomplete_rows, measure
from openprm.programs.ladder import Ladder
from openprm.programs.models import (
    DowngradeReview,
    Partnership,
    Program,
    Snapshot,
    Tier,
    TierChange,
)

CHUNK = 5_000


@dataclass
class Outcome:
    evaluated: int = 0
    snapshots: int = 0
    errors: int = 0
    changes: list[Move] = field(default_factory=list)
    reviews_opened: list[DowngradeReview] = field(default_factory=list)
    reviews_changed: list[DowngradeReview] = field(default_factory=list)

    @property
    def upgrades(self) -> int:
        return sum(1 for c in self.changes if c.kind == TierChange.Kind.UPGRADE)

    @property
    def downgrades(self) -> int:
        return sum(1 for c in self.changes if c.kind == TierChange.Kind.DOWNGRADE)

    @property
    def wrote(self) -> bool:
        return bool(self.snapshots or self.changes or self.reviews_opened or self.reviews_changed)


def _held(program: Program, partnership_ids: Collection[int] | None, today: dt.date) -> set[int]:
    """Partnerships whose tier a waived review or an override still holds."""
    waived = DowngradeReview.objects.filter(
        partnership__program=program,
        state=DowngradeReview.State.WAIVED,
        grace_ends_on__gte=today,
    )
    overridden = TierChange.objects.filter(
        partnership__program=program,
        kind=TierChange.Kind.OVERRIDE,
        changed_at__gte=timezone.now() - dt.timedelta(days=program.grace_days),
    )
    if partnership_ids is not None:
        waived = waived.filter(partnership_id__in=partnership_ids)
        overridden = overridden.filter(partnership_id__in=partnership_ids)
    return set(waived.values_list("partnership_id", flat=True)) | set(
        overridden.values_list("partnership_id", flat=True)
    )


@dataclass
class Row:
    """A partnership as the evaluation reads it; the record is built only
    for the partners something is written for."""

    pk: int
    partner_id: int
    tier_id: int
    channel_manager_id: int | None
    said: str | None
    built: Partnership | None = None

    def record(self, program: Program) -> Partnership:
        if self.built is None:
            self.built = Partnership(
                pk=self.pk,
                partner_id=self.partner_id,
                program=program,
                tier_id=self.tier_id,
                channel_manager_id=self.channel_manager_id,
            )
        return self.built


def evaluate(
    program: Program,
    *,
    partner_id: int | None = None,
    actor: Actor = SYSTEM,
    today: dt.date | None = None,
) -> Outcome:
    """Evaluate every partnership of `program` (or one partner's) and apply
    what the figures say. The caller checked the actor may."""
    today = today or timezone.localdate()
    now = timezone.now()
    ladder = Ladder.of(program)
    rows = Partnership.objects.filter(program=program).exclude(status=TERMINATED)
    if partner_id is not None:
        rows = rows.filter(partner_id=partner_id)
    partnerships = [
        Row(*found)
        for found in rows.order_by("pk").values_list(
            "pk", "partner_id", "tier_id", "channel_manager_id", "last_snapshot__fingerprint"
        )
    ]
    outcome = Outcome(evaluated=len(partnerships))
    if not partnerships or not ladder.open_tiers:
        return outcome
    one = partner_id is not None
    measured = measure(ladder, [partner_id] if one else None, today)
    reviews = DowngradeReview.objects.filter(
        partnership__program=program, state=DowngradeReview.State.OPEN
    )
    if one:
        reviews = reviews.filter(partnership_id=partnerships[0].pk)
    open_reviews = {r.partnership_id: r for r in reviews}
    held = _held(program, [partnerships[0].pk] if one else None, today)
    tiers = {tier.pk: tier for tier in ladder.tiers}
    snapshots: list[tuple[Partnership, Snapshot]] = []
    for row in partnerships:
        incomplete = measured.incomplete.get(row.partner_id, [])
        values = measured.values.get(row.partner_id, {})
        qualified = None if incomplete else ladder.qualified(values)
        current = tiers[row.tier_id]
        held_tier = current
        if incomplete:
            outcome.errors += 1
        elif qualified is not None:
            held_tier = _place(
                program,
                row,
                current,
                qualified,
                open_reviews.get(row.pk),
                row.pk in held,
                today,
                outcome,
            )
        listed = incomplete_rows(incomplete)
        said = fingerprint(ladder, measured, row.partner_id, held_tier, qualified, listed)
        if row.said != said:
            partnership = row.record(program)
            snapshot = Snapshot(
                partnership=partnership,
                evaluated_at=now,
                tier=held_tier,
                qualified_tier=qualified,
                figures=figures_of(ladder, measured, row.partner_id),
                incomplete=listed,
                fingerprint=said,
            )
            snapshots.append((partnership, snapshot))
    outcome.snapshots = len(snapshots)
    if outcome.wrote:
        with transaction.atomic():
            _write(snapshots, outcome, actor, now)
    return outcome


def _place(
    program: Program,
    row: "Row",
    current: Tier,
    qualified: Tier,
    review: DowngradeReview | None,
    held: bool,
    today: dt.date,
    outcome: Outcome,
) -> Tier:
    """Decide the partnership's move (written by `_write`); the tier it
    holds afterwards."""
    if qualified.rank >= current.rank:
        if review is not None:
            review.state = DowngradeReview.State.RECOVERED
            review.decided_at = timezone.now()
            outcome.reviews_changed.append(review)
        if qualified.rank > current.rank:
            outcome.changes.append(
                Move(row.record(program), TierChange.Kind.UPGRADE, current, qualified)
            )
            return qualified
        return current
    if review is not None:
        if program.downgrade_automatically and review.grace_ends_on <= today:
            review.state = DowngradeReview.State.AUTOMATIC
            review.decided_at = timezone.now()
            outcome.reviews_changed.append(review)
            outcome.changes.append(
                Move(
                    row.record(program),
                    TierChange.Kind.DOWNGRADE,
                    current,
                    qualified,
                    review.reason,
                )
            )
            return qualified
        if review.to_tier_id != qualified.pk:
            review.to_tier = qualified
            outcome.reviews_changed.append(review)
        return current
    if not held:
        outcome.reviews_opened.append(
            DowngradeReview(
                partnership=row.record(program),
                from_tier=current,
                to_tier=qualified,
                opened_on=today,
                grace_ends_on=today + dt.timedelta(days=program.grace_days),
            )
        )
    return current


def _write(
    snapshots: list[tuple[Partnership, Snapshot]], outcome: Outcome, actor: Actor, now: dt.datetime
) -> None:
    created = Snapshot.objects.bulk_create([s for _p, s in snapshots], batch_size=1000)
    latest = {p.pk: s for (p, _s), s in zip(snapshots, created, strict=True)}
    for partnership, snapshot in snapshots:
        partnership.last_snapshot = snapshot
    newest = Snapshot.objects.filter(partnership=OuterRef("pk")).order_by("-pk").values("pk")[:1]
    ids = [p.pk for p, _s in snapshots]
    for start in range(0, len(ids), CHUNK):
        Partnership.objects.filter(pk__in=ids[start : start + CHUNK]).update(
            last_snapshot=Subquery(newest)
        )
    for review in outcome.reviews_opened:
        review.snapshot = latest.get(review.partnership_id)
    DowngradeReview.objects.bulk_create(outcome.reviews_opened)
    DowngradeReview.objects.bulk_update(
        outcome.reviews_changed, ["state", "decided_at", "to_tier"], batch_size=1000
    )
    for move in outcome.changes:
        move.snapshot = latest.get(move.partnership.pk)
    tier_moves(outcome.changes, actor=actor, now=now)
    reviews_opened(outcome.reviews_opened, actor=actor)
