"""PLAT-7 record types and their hierarchy.

Apps register the record types that accept custom fields. A custom field
defined on a type applies to that type and every type below it: a field on
*account* also appears on *partner*, never the other way round.
"""

import functools
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
from django.db import models


@dataclass(frozen=True)
class RecordType:
    code: str
    label: Any
    parent: str | None = None


_types: dict[str, RecordType] = {}


def register_record_type(code: str, label: Any, parent: str | None = None) -> RecordType:
    if record_type_choices.cache_info().currsize:
        raise ImproperlyConfigured(f"record type {code!r} registered after the API read them")
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


@functools.cache
def record_type_choices() -> type[models.TextChoices]:
    """The registered types as one enum, the API's `RecordTypeCode`: a
    client picks a type from the list the apps declared. Built once every
    app has registered its types; earlier it would miss some, so it refuses."""
    if not apps.ready:
        raise AppRegistryNotReady("record types are complete once every app is ready")
    return models.TextChoices(  # type: ignore[return-value]
        "RecordTypeCode",
        [(t.code.upper(), (t.code, t.label)) for t in record_types()],
        module=__name__,
    )
