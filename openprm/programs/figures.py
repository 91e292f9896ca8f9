"""A program's figures for the partners evaluated (PRG-5, PRG-11): measured
with one call per figure for all of them, as a snapshot lists them, and
the digest that tells whether a snapshot would say anything new."""

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openprm.core.indicators import Incomplete, collected, one_pass
from openprm.programs.ladder import Key, Ladder, canonical, window_of
from openprm.programs.models import Tier


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


def incomplete_rows(records: Sequence[Incomplete]) -> list[dict[str, str]]:
    return [{"record": r.record, "reason": r.reason, "url": r.url} for r in records]


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
