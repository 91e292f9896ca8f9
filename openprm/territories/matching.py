"""TER-2 criteria as a database condition and as a Python predicate.

Both read the same rules so that the set-based realignment (SQL) and the
assignment of one account on save (Python, no query per territory) always
agree — the property test in tests/territories checks it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

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


def _criterion_q(criterion: Criterion) -> Q:
    if criterion.dimension == Dimension.COUNTRY:
        return Q(country=criterion.value.upper())
    if criterion.dimension == Dimension.POSTAL_RANGE:
        high = criterion.value_to or criterion.value
        return Q(postal_code__gte=criterion.value, postal_code__lte=high) & ~Q(postal_code="")
    return Q(**{criterion.dimension: criterion.value})


def rule_q(rule: TerritoryRule) -> Q:
    """Accounts matching the rule: AND over levels and dimensions, OR over values."""
    condition = Q()
    for level in rule.levels:
        for criteria in level.values():
            alternatives = Q(pk__in=[])
            for criterion in criteria:
                alternatives |= _criterion_q(criterion)
            condition &= alternatives
    return condition


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
