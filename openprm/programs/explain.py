"""What a partner needs for the next tier and what would make it fall back
(PRG-11): one function, `explain`, read by the partner's Program tab, the
portal's Program page and the API, so all three say the same.

The figures are the partnership's latest snapshot; a requirement added
since (no figure in the snapshot yet) is measured for this partner alone.
The thresholds are the ladder's current ones, so a threshold just changed
shows at once.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from openprm.core.indicators import collected
from openprm.core.money import money
from openprm.programs.figures import measure
from openprm.programs.ladder import Key, Ladder, key_of
from openprm.programs.models import Partnership, Tier, TierChange


def amount(value: Decimal, unit: str, currency: str) -> str:
    """A figure as people read it: "$88,000", "3", "7.5"."""
    return money(value, currency if unit == "money" else "")


@dataclass(frozen=True)
class Progress:
    """One requirement against the partner's figure."""

    key: Key
    label: str
    noun: str
    unit: str
    parameter: str
    window_months: int
    value: Decimal
    threshold: Decimal
    currency: str

    @property
    def met(self) -> bool:
        return self.value >= self.threshold

    @property
    def missing(self) -> Decimal:
        return max(self.threshold - self.value, Decimal(0))

    @property
    def percent(self) -> int:
        if self.threshold <= 0:
            return 100
        return int(min(self.value / self.threshold, 1) * 100)

    @property
    def value_text(self) -> str:
        return amount(self.value, self.unit, self.currency)

    @property
    def threshold_text(self) -> str:
        return amount(self.threshold, self.unit, self.currency)

    @property
    def gap(self) -> str:
        """ "$88,000 more closed-won revenue" """
        noun = f"{self.noun} ({self.parameter})" if self.parameter else self.noun
        return _("%(amount)s more %(what)s") % {
            "amount": amount(self.missing, self.unit, self.currency),
            "what": noun,
        }

    @property
    def floor(self) -> str:
        """ "closed-won revenue below $100,000 (now $120,000)" """
        noun = f"{self.noun} ({self.parameter})" if self.parameter else self.noun
        return _("%(what)s below %(threshold)s (now %(value)s)") % {
            "what": noun,
            "threshold": self.threshold_text,
            "value": self.value_text,
        }


@dataclass(frozen=True)
class Explanation:
    partnership: Partnership
    tier: Tier
    next_tier: Tier | None
    to_next: tuple[Progress, ...]
    to_keep: tuple[Progress, ...]
    fall_back_to: Tier | None
    incomplete: tuple[dict[str, str], ...]
    evaluated_at: dt.datetime | None

    @property
    def missing(self) -> tuple[Progress, ...]:
        return tuple(p for p in self.to_next if not p.met)

    @property
    def summary(self) -> str:
        """ "$88,000 more closed-won revenue and 1 more certified engineer to reach Gold" """
        if self.next_tier is None:
            return _("%(tier)s is the top tier of the program.") % {"tier": self.tier.name}
        if not self.missing:
            return _("Every requirement of %(tier)s is met: the next evaluation moves up.") % {
                "tier": self.next_tier.name
            }
        gaps = get_text_list([p.gap for p in self.missing], _("and"))
        return _("%(gaps)s to reach %(tier)s") % {"gaps": gaps, "tier": self.next_tier.name}

    @property
    def fall_back(self) -> str:
        """What would move the partner down a tier, or that nothing can."""
        if self.fall_back_to is None or not self.to_keep:
            return _("Nothing moves you below %(tier)s.") % {"tier": self.tier.name}
        floors = get_text_list([p.floor for p in self.to_keep], _("or"))
        return _("%(floors)s would fall back to %(tier)s") % {
            "floors": floors[:1].upper() + floors[1:],
            "tier": self.fall_back_to.name,
        }


def _required(ladder: Ladder, up_to: Tier) -> dict[Key, Decimal]:
    """What reaching `up_to` takes: every requirement of it and the open
    tiers below, the highest threshold per figure."""
    needed: dict[Key, Decimal] = {}
    for tier in ladder.open_tiers:
        if tier.rank > up_to.rank:
            break
        for requirement in ladder.required(tier):
            key = key_of(requirement)
            needed[key] = max(needed.get(key, requirement.threshold), requirement.threshold)
    return needed


def _values(ladder: Ladder, partnership: Partnership, keys: set[Key]) -> dict[Key, Decimal]:
    snapshot = partnership.last_snapshot
    values: dict[Key, Decimal] = {}
    for row in snapshot.figures if snapshot is not None else ():
        values[(row["indicator"], row["parameter"], row["window_months"])] = Decimal(row["value"])
    missing = sorted(keys - set(values))
    if missing:
        measured = measure(ladder, [partnership.partner_id], timezone.localdate(), missing)
        found = measured.values.get(partnership.partner_id, {})
        values.update({key: found.get(key, Decimal(0)) for key in missing})
    return values


def _progress(
    needed: dict[Key, Decimal], values: dict[Key, Decimal], currency: str
) -> tuple[Progress, ...]:
    indicators = collected()
    rows = []
    for key, threshold in needed.items():
        found = indicators.get(key[0])
        rows.append(
            Progress(
                key=key,
                label=str(found.label) if found else key[0],
                noun=found.gap_noun if found else key[0],
                unit=found.unit if found else "count",
                parameter=key[1],
                window_months=key[2],
                value=values.get(key, Decimal(0)),
                threshold=threshold,
                currency=currency,
            )
        )
    order = list(indicators)
    return tuple(
        sorted(rows, key=lambda p: (order.index(p.key[0]) if p.key[0] in order else 99, p.key))
    )


def explain(partnership: Partnership, ladder: Ladder | None = None) -> Explanation:
    """The partner's progress to its next tier and its floor in this one
    (on `ladder`, when the page already read its program's)."""
    ladder = ladder or Ladder.of(partnership.program)
    tier = next((t for t in ladder.tiers if t.pk == partnership.tier_id), partnership.tier)
    next_tier = ladder.next_above(tier)
    fall_back_to = ladder.below(tier)
    to_reach = _required(ladder, next_tier) if next_tier is not None else {}
    to_keep = {key_of(r): r.threshold for r in ladder.required(tier)} if not tier.is_retired else {}
    values = _values(ladder, partnership, set(to_reach) | set(to_keep))
    currency = partnership.program.currency
    snapshot = partnership.last_snapshot
    return Explanation(
        partnership=partnership,
        tier=tier,
        next_tier=next_tier,
        to_next=_progress(to_reach, values, currency),
        to_keep=_progress(to_keep, values, currency),
        fall_back_to=fall_back_to,
        incomplete=tuple(snapshot.incomplete) if snapshot is not None else (),
        evaluated_at=snapshot.evaluated_at if snapshot is not None else None,
    )


def cause(change: TierChange, currency: str) -> str:
    """Why an evaluation moved the partner up (PRG-5): the figures of the
    snapshot that caused it against the thresholds of the tier it reached,
    "$90,000 closed-won revenue (Silver needs $80,000) and 2 won deals
    (needs 2)". A move down or by hand says its own reason."""
    if change.kind != TierChange.Kind.UPGRADE or change.snapshot is None:
        return change.reason
    indicators = collected()
    tier_id = str(change.to_tier_id)
    parts = []
    for row in change.snapshot.figures:
        threshold = row["thresholds"].get(tier_id)
        if threshold is None:
            continue
        found = indicators.get(row["indicator"])
        unit = found.unit if found else "count"
        noun = found.gap_noun if found else row["indicator"]
        if row["parameter"]:
            noun = f"{noun} ({row['parameter']})"
        values = {
            "value": amount(Decimal(row["value"]), unit, currency),
            "what": noun,
            "threshold": amount(Decimal(threshold), unit, currency),
        }
        parts.append(
            _("%(value)s %(what)s (needs %(threshold)s)") % values
            if parts
            else _("%(value)s %(what)s (%(tier)s needs %(threshold)s)")
            % {**values, "tier": change.to_tier.name}
        )
    if not parts:
        return change.reason
    return _("Reached with %(figures)s.") % {"figures": get_text_list(parts, _("and"))}
