"""TER-2 criteria as match terms for SQL and as a Python predicate.

Both read the same rules (`automatic_rules`) so that the set-based
realignment (SQL over `match_terms`) and the assignment of one account on
save (Python, no query per territory) always agree; a property test in
tests/territories checks it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from openprm.core import access
from openprm.customers.models import Account
from openprm.territories.models import Territory, TerritoryCriterion

Dimension = TerritoryCriterion.Dimension
CRITERIA_FIELDS = ("country", "region", "postal_code", "industry", "size")
"""The account attributes whose change re-runs assignment (TER-3)."""


@dataclass(frozen=True)
class Criterion:
    dimension: str
    value: str
    value_to: str = ""


@dataclass
class TerritoryRule:
    """A territory with its own criteria and those of every ancestor (TER-2)."""

    territory_id: int
    levels: list[dict[str, list[Criterion]]] = field(default_factory=list)

    @property
    def has_criteria(self) -> bool:
        return any(self.levels)


EQUALITY_DIMENSIONS = (Dimension.COUNTRY, Dimension.REGION, Dimension.INDUSTRY, Dimension.SIZE)


@dataclass(frozen=True)
class MatchTerm:
    """One conjunction of a territory's criteria: every set column must equal
    the account's attribute and the postal code must fall in the range.

    A rule is an AND over (level, dimension) of ORs over values; expanded
    into terms (an OR of ANDs), the batch realignment matches every
    territory with one indexed equality join per shape of term (TER-3).
    """

    territory_id: int
    country: str | None = None
    region: str | None = None
    industry: str | None = None
    size: str | None = None
    postal_from: str | None = None
    postal_to: str | None = None

    @property
    def shape(self) -> tuple[str, ...]:
        return tuple(
            name
            for name in (*EQUALITY_DIMENSIONS, "postal_from")
            if getattr(self, name) is not None
        )


def _criterion_value(criterion: Criterion) -> str:
    return criterion.value.upper() if criterion.dimension == Dimension.COUNTRY else criterion.value


def _postal_ranges(rule: TerritoryRule) -> list[tuple[str, str]] | None:
    """The ranges a postal code must fall in, one range per level intersected
    into one; None without a postal criterion, [] if nothing can match."""
    ranges: list[tuple[str, str]] | None = None
    for level in rule.levels:
        own = [(c.value, c.value_to or c.value) for c in level.get(Dimension.POSTAL_RANGE, [])]
        if not own:
            continue
        if ranges is None:
            ranges = own
            continue
        ranges = [
            (max(low, own_low), min(high, own_high))
            for low, high in ranges
            for own_low, own_high in own
            if max(low, own_low) <= min(high, own_high)
        ]
    return None if ranges is None else sorted(set(ranges))


def match_terms(rule: TerritoryRule) -> list[MatchTerm]:
    """TER-2 criteria of a territory and its ancestors as conjunctive terms.

    Per equality dimension the accepted values are the intersection over the
    levels that constrain it; postal ranges intersect level by level. The
    same semantics as `rule_matches`, which the property test checks.
    """
    if not rule.has_criteria:
        return []
    accepted: dict[str, set[str]] = {}
    for level in rule.levels:
        for dimension in EQUALITY_DIMENSIONS:
            values = {_criterion_value(c) for c in level.get(dimension, [])}
            if values:
                accepted[dimension] = accepted.get(dimension, values) & values
    dimensions = sorted(accepted)
    ranges = _postal_ranges(rule)
    postal: list[tuple[str | None, str | None]] = (
        [(None, None)] if ranges is None else [(low, high) for low, high in ranges]
    )
    terms = []
    for combination in product(*(sorted(accepted[d]) for d in dimensions)):
        for low, high in postal:
            terms.append(
                MatchTerm(
                    rule.territory_id,
                    **dict(zip(dimensions, combination, strict=True)),
                    postal_from=low,
                    postal_to=high,
                )
            )
    return terms


def _account_value(account: Any, dimension: str) -> str:
    if dimension == Dimension.COUNTRY:
        country = account.country
        return str(getattr(country, "code", country) or "")
    if dimension == Dimension.POSTAL_RANGE:
        return account.postal_code or ""
    return getattr(account, dimension) or ""


def _criterion_matches(criterion: Criterion, value: str) -> bool:
    if criterion.dimension == Dimension.COUNTRY:
        return value == criterion.value.upper()
    if criterion.dimension == Dimension.POSTAL_RANGE:
        high = criterion.value_to or criterion.value
        return value != "" and criterion.value <= value <= high
    return value == criterion.value


def rule_matches(rule: TerritoryRule, account: Any) -> bool:
    if not rule.has_criteria:
        return False
    return all(
        any(_criterion_matches(c, _account_value(account, dimension)) for c in criteria)
        for level in rule.levels
        for dimension, criteria in level.items()
    )


def automatic_rules() -> list[TerritoryRule]:
    """Rules of every active internal territory with criteria, in two queries.

    Partner territories are never assigned automatically: a channel manager
    adds them (TER-4).
    """
    parents = dict(access.unscoped(Territory).values_list("id", "parent_id"))
    own: dict[int, dict[str, list[Criterion]]] = defaultdict(lambda: defaultdict(list))
    for territory_id, dimension, value, value_to in access.unscoped(TerritoryCriterion).values_list(
        "territory_id", "dimension", "value", "value_to"
    ):
        own[territory_id][dimension].append(Criterion(dimension, value, value_to))
    automatic = (
        access.unscoped(Territory)
        .filter(active=True)
        .exclude(territory_type=Territory.Type.PARTNER)
        .values_list("id", flat=True)
    )
    rules = []
    for territory_id in automatic:
        rule = TerritoryRule(territory_id)
        current: int | None = territory_id
        seen: set[int] = set()
        while current is not None and current not in seen:
            seen.add(current)
            if own.get(current):
                rule.levels.append(dict(own[current]))
            current = parents.get(current)
        if rule.has_criteria:
            rules.append(rule)
    return rules


def matching_territory_ids(account: Account, rules: list[TerritoryRule] | None = None) -> set[int]:
    """The automatic territories whose criteria `account` matches (TER-3, CUS-3)."""
    return {
        rule.territory_id
        for rule in (automatic_rules() if rules is None else rules)
        if rule_matches(rule, account)
    }
