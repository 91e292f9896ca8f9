"""Rows kept without their bad optional values (issue 18, IMP-1).

A real export carries a region the country does not have, a phone that is
no number, an industry nobody mapped: refusing the whole row for one such
value lost most of a migration. A row refused only for values it gave in
optional fields is checked again without them by the same create rules;
accepted then, it is imported without those values, each listed as a
`ValueWarning`. A required field, or a value another one needs (the
country of a street address), still refuses the row with the first
check's reasons.
"""

from collections.abc import Callable, Collection, Sequence
from typing import Any

from openprm.core.rules import Refused
from openprm.imports.kinds.base import CUSTOM_PREFIX, MappedRow, ValueWarning

Check = Callable[[list[MappedRow], list[frozenset[str]]], Sequence[Any]]
"""The kind's create rules for rows, each without the given fields."""


def given_value(row: MappedRow, name: str) -> str:
    """The row's value for a target field (`custom.<name>` for custom fields)."""
    if name.startswith(CUSTOM_PREFIX):
        return str(row.custom.get(name.removeprefix(CUSTOM_PREFIX)) or "")
    return str(row.data.get(name) or "")


def droppable(row: MappedRow, errors: Collection[str], required: Collection[str]) -> frozenset[str]:
    """The refused fields when the row could do without all of them: each
    optional and given a value by the row; empty otherwise."""
    fields = frozenset(errors)
    if not fields or fields & frozenset(required):
        return frozenset()
    if all(given_value(row, name).strip() for name in fields):
        return fields
    return frozenset()


def without(row: MappedRow, dropped: frozenset[str]) -> MappedRow:
    """The row as if the dropped cells were blank."""
    if not dropped:
        return row
    custom = {f"{CUSTOM_PREFIX}{k}": v for k, v in row.custom.items()}
    return MappedRow(
        row.line,
        row.raw,
        {k: v for k, v in row.data.items() if k not in dropped},
        {k.removeprefix(CUSTOM_PREFIX): v for k, v in custom.items() if k not in dropped},
        row.parsed,
    )


def checked_leniently(
    rows: list[MappedRow], check: Check, required: Collection[str]
) -> list[tuple[Any, tuple[ValueWarning, ...]]]:
    """`check` of each row, in order, with the warnings of the values it
    was accepted without: two calls of `check` at most, whatever the batch."""
    outcomes = list(check(rows, [frozenset()] * len(rows)))
    results: list[tuple[Any, tuple[ValueWarning, ...]]] = [(o, ()) for o in outcomes]
    retry = [
        (index, dropped)
        for index, (row, outcome) in enumerate(zip(rows, outcomes, strict=True))
        if isinstance(outcome, Refused) and (dropped := droppable(row, outcome.errors, required))
    ]
    if not retry:
        return results
    again = check([rows[i] for i, _d in retry], [d for _i, d in retry])
    for (index, dropped), outcome in zip(retry, again, strict=True):
        if isinstance(outcome, Refused):
            continue
        row, errors = rows[index], outcomes[index].errors
        warnings = tuple(
            ValueWarning(row.line, name, given_value(row, name), " ".join(errors[name]))
            for name in sorted(dropped)
        )
        results[index] = (outcome, warnings)
    return results
