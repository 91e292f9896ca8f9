"""A program's ladder (PRG-5): its tiers, the figures their requirements
name and the highest tier a partner's figures reach."""

import calendar
import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from openprm.core.indicators import Window
from openprm.programs.models import Program, Tier, TierRequirement

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
        """The tiers, lowest first, each with its requirements, in one
        statement (the tiers joined to their requirements); each tier
        carries its own as `requirement_list`, which the ladder cards read."""
        tier_fields = [f.attname for f in Tier._meta.concrete_fields]
        requirement_fields = [f.attname for f in TierRequirement._meta.concrete_fields]
        rows = (
            Tier.objects.filter(program=program)
            .order_by(
                "rank",
                "requirements__indicator",
                "requirements__parameter",
                "requirements__pk",
            )
            .values_list(*tier_fields, *(f"requirements__{f}" for f in requirement_fields))
        )
        db = rows.db
        tiers: dict[int, Tier] = {}
        requirements: dict[int, list[TierRequirement]] = defaultdict(list)
        for row in rows:
            tier_row, requirement_row = row[: len(tier_fields)], row[len(tier_fields) :]
            tier = tiers.get(tier_row[0]) or tiers.setdefault(
                tier_row[0], Tier.from_db(db, tier_fields, tier_row)
            )
            if requirement_row[0] is not None:
                requirements[tier.pk].append(
                    TierRequirement.from_db(db, requirement_fields, requirement_row)
                )
        for tier in tiers.values():
            tier.requirement_list = requirements[tier.pk]
        return cls(
            program, tuple(tiers.values()), {k: tuple(v) for k, v in requirements.items() if v}
        )

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


def canonical(value: Decimal) -> str:
    """One text per number whatever the database returned (110000 and
    110000.00 alike), so an unchanged figure compares equal."""
    return format(value.normalize(), "f")
