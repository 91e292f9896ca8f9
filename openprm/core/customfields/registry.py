"""PLAT-7 record types and their hierarchy.

Apps register the record types that accept custom fields. A custom field
defined on a type applies to that type and every type below it: a field on
*account* also appears on *partner*, never the other way round.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RecordType:
    code: str
    label: Any
    parent: str | None = None


_types: dict[str, RecordType] = {}


def register_record_type(code: str, label: Any, parent: str | None = None) -> RecordType:
    if parent is not None and parent not in _types:
        raise LookupError(f"parent record type {parent!r} is not registered")
    record_type = RecordType(code=code, label=label, parent=parent)
    _types[code] = record_type
    return record_type


def record_type_get(code: str) -> RecordType:
    return _types[code]


def record_types() -> list[RecordType]:
    return sorted(_types.values(), key=lambda t: t.code)


def lineage(code: str) -> list[str]:
    """The type and its ancestors, nearest first: partner → [partner, account]."""
    chain: list[str] = []
    current: str | None = code
    while current is not None:
        chain.append(current)
        current = _types[current].parent
    return chain


def descendants(code: str) -> list[str]:
    """The type and every type below it."""
    found = [code]
    for record_type in _types.values():
        if record_type.parent is not None and code in lineage(record_type.parent):
            found.append(record_type.code)
    return found


def record_type_exists(code: str) -> bool:
    return code in _types
