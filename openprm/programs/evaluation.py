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

import calendar
import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from openprm.core.actor import SYSTEM, Actor
from openprm.core.indicators import Incomplete, Window, collected, one_pass
from openprm.programs.catalog import TERMINATED
from openprm.programs.changes import Move, reviews_opened, tier_moves
from openprm.programs.models import (
    DowngradeReview,
    Partnership,
    Program,
    Snapshot,
    Tier,
    TierChange,
    TierRequirement,
)

CHUNK = 5_000
Key = tuple[str, str, int]
"""What one measure call answers: indicator, parameter, window in months."""


def months_before(day: dt.date, months: int) -> dt.date:
    """The first day of a trailing window of `months` ending on `day`."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last)) + dt.timedelta(days=1)


def window_of(months: int, today: dt.date, currency: str) -> Window:
    return Window(months_before(today, months), today, currency)


@dataclass
class Ladder:
    """A program's tiers and their requirements, read once per evaluation."""

    program: Program
    tiers: tuple[Tier, ...]
    requirements: dict[int, tuple[TierRequirement, ...]]

    @classmethod
    def of(cls, program: Program) -> "Ladder":
        tiers = tuple(Tier.objects.filter(program=program).order_by("rank"))
        requirements: dict[int, list[TierRequirement]] = defaultdict(list)
        for requirement in TierRequirement.objects.filter(tier__program=program).order_by(
            "indicator", "parameter", "pk"
        ):
            requirements[requirement.tier_id].append(requirement)
        return cls(program, tiers, {k: tuple(v) for k, v in requirements.items()})

    @cached_property
    def open_tiers(self) -> list[Tier]:
        return [tier for tier in self.tiers if not tier.is_retired]

    @cached_property
    def steps(self) -> list[tuple[Tier, tuple[tuple[Key, Decimal], ...]]]:
        """Each open tier with its (figure, threshold) pairs, lowest first."""
        return [
            (tier, tuple((key_of(r), r.threshold) for r in self.required(tier)))
            for tier in self.open_tiers
        ]

    @cached_property
    def digest(self) -> str:
        """The thresholds, part of every snapshot's fingerprint: a changed
        threshold is a new snapshot."""
        return json.dumps(sorted((str(k), v) for k, v in self.thresholds.items()))

    def required(self, tier: Tier) -> tuple[TierRequirement, ...]:
        return self.requirements.get(tier.pk, ())

    @cached_property
    def thresholds(self) -> dict[Key, dict[str, str]]:
        """Per figure, the threshold each open tier sets on it."""
        found: dict[Key, dict[str, str]] = {key: {} for key in self.figure_keys()}
        for tier in self.open_tiers:
            for r in self.required(tier):
                found[key_of(r)][str(r.tier_id)] = canonical(r.threshold)
        return found

    def figure_keys(self) -> list[Key]:
        return self.keys

    @cached_property
    def keys(self) -> list[Key]:
        return sorted(
            {
                (r.indicator, r.parameter, r.window_months)
                for tier in self.open_tiers
                for r in self.required(tier)
            }
        )

    def qualified(self, values: dict[Key, Decimal]) -> Tier | None:
        """The highest open tier whose requirements and those of every open
        tier below are met; None for a program without an open tier."""
        reached = None
        zero = Decimal(0)
        for tier, needs in self.steps:
            if any(values.get(key, zero) < threshold for key, threshold in needs):
                break
            reached = tier
        return reached

    def next_above(self, tier: Tier) -> Tier | None:
        return next((t for t in self.open_tiers if t.rank > tier.rank), None)

    def below(self, tier: Tier) -> Tier | None:
        lower = [t for t in self.open_tiers if t.rank < tier.rank]
        return lower[-1] if lower else None


def key_of(requirement: TierRequirement) -> Key:
    return (requirement.indicator, requirement.parameter, requirement.window_months)


@dataclass
class Measured:
    """Every figure of the partners evaluated, by partner and key."""

    values: dict[int, dict[Key, Decimal]] = field(default_factory=lambda: defaultdict(dict))
    counted: dict[int, dict[Key, int]] = field(default_factory=lambda: defaultdict(dict))
    incomplete: dict[int, list[Incomplete]] = field(default_factory=lambda: defaultdict(list))


def measure(
    ladder: Ladder, partner_ids: Collection[int] | None, today: dt.date, keys: Iterable[Key] = ()
) -> Measured:
    """One measure call per key, for every partner asked (None: all)."""
    indicators = collected()
    found = Measured()
    with one_pass():
        for key in keys or ladder.figure_keys():
            code, parameter, months = key
            measurement = indicators[code].measure_for(
                partner_ids=partner_ids,
                window=window_of(months, today, ladder.program.currency),
                parameter=parameter,
            )
            for partner_id, figure in measurement.figures.items():
                found.values[partner_id][key] = figure.value
                found.counted[partner_id][key] = figure.counted
            for record in measurement.incomplete:
                found.incomplete[record.partner_id].append(record)
    return found


def canonical(value: Decimal) -> str:
    """One text per number whatever the database returned (110000 and
    110000.00 alike), so an unchanged figure compares equal."""
    return format(value.normalize(), "f")


def figures_of(ladder: Ladder, measured: Measured, partner_id: int) -> list[dict[str, Any]]:
    """A snapshot's figures: each key's value and records counted, with the
    threshold every tier sets on it."""
    values = measured.values.get(partner_id, {})
    counted = measured.counted.get(partner_id, {})
    thresholds = ladder.thresholds
    rows = []
    for key in ladder.figure_keys():
        code, parameter, months = key
        rows.append(
            {
                "indicator": code,
                "parameter": parameter,
                "window_months": months,
                "value": canonical(values.get(key, Decimal(0))),
                "counted": counted.get(key, 0),
                "thresholds": dict(thresholds[key]),
            }
        )
    return rows


def _incomplete_rows(records: Sequence[Incomplete]) -> list[dict[str, str]]:
    return [{"record": r.record, "reason": r.reason, "url": r.url} for r in records]


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
        listed = _incomplete_rows(incomplete)
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


def fingerprint(
    ladder: Ladder,
    measured: Measured,
    partner_id: int,
    tier: Tier,
    qualified: Tier | None,
    incomplete: list[dict[str, str]],
) -> str:
    """What a snapshot would say, as one digest (the figures, the ladder's
    thresholds, the tiers, the records not counted): equal digests, nothing
    new. Computed without building the snapshot's figures."""
    values = measured.values.get(partner_id, {})
    counted = measured.counted.get(partner_id, {})
    said = repr(
        (
            tier.pk,
            qualified.pk if qualified else None,
            ladder.digest,
            [(canonical(values.get(k, Decimal(0))), counted.get(k, 0)) for k in ladder.keys],
            incomplete,
        )
    )
    return hashlib.sha256(said.encode()).hexdigest()


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
