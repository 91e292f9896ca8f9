"""The value mapping step of an import (issue 18, IMP-1).

Choice columns of an export hold the source system's picklist values:
Salesforce's account type "Customer - Direct", its industry "Banking", a
HubSpot lifecycle stage. After the columns are mapped, each value of such a
column that our create rules would not read as it is (by code, label or a
head count, `ImportKind.recognizer`) is offered with a suggested value of
ours: the user's choice last time, the export's preset (`imports.presets`),
else the one option whose words the value contains. The choices are stored
on the job, applied as the rows are read (`pipeline.mapped_rows`) and saved
with the user's column mapping for the next file.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from openprm.core.errors import ValidationFailed
from openprm.core.search import search_key
from openprm.imports.kinds.base import ImportKind
from openprm.imports.models import ImportJob
from openprm.imports.readers import read_table

MAX_VALUES = 200
"""Distinct values offered per column: a column with more is no picklist."""

ValueMapping = dict[str, dict[str, str]]
"""Per target field, the value stored for each value of the file."""


@dataclass(frozen=True)
class ValueChoice:
    """One value of a choice column the rules do not read as it is."""

    field: str
    field_label: str
    value: str
    rows: int
    suggestion: str
    options: list[tuple[str, str]]


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[^0-9a-z]+", search_key(text)) if len(w) > 2}


def suggest(value: str, options: list[tuple[str, str]]) -> str:
    """The one option whose label's words all appear in the value
    ("Channel Partner / Reseller" → Partner), else ""."""
    words = _words(value)
    fits = {code for code, label in options if _words(label) and _words(label) <= words}
    if len(fits) != 1:
        fits = {code for code, label in options if _words(label) & words}
    return fits.pop() if len(fits) == 1 else ""


def file_values(job: ImportJob, fields: list[str]) -> dict[str, Counter[str]]:
    """The distinct values of the columns mapped to `fields`, with their row
    counts (at most `MAX_VALUES` + 1 per column)."""
    header, rows = read_table(job.file.path, job.original_name)
    columns = [
        (index, job.mapping[title])
        for index, title in enumerate(header)
        if job.mapping.get(title) in fields
    ]
    found: dict[str, Counter[str]] = {field: Counter() for _i, field in columns}
    if not columns:
        return found  # no choice column mapped: the file is not read
    for row in rows:
        for index, field in columns:
            value = row.values[index].strip() if index < len(row.values) else ""
            counts = found[field]
            if value and (value in counts or len(counts) <= MAX_VALUES):
                counts[value] += 1
    return found


def value_choices(
    job: ImportJob,
    kind: ImportKind,
    saved: ValueMapping | None = None,
    preset: ValueMapping | None = None,
) -> list[ValueChoice]:
    """The values of the job's choice columns that need a choice, each with
    its suggestion: the job's own choice, `saved`, `preset` (by
    `search_key`), else `suggest`."""
    options_of = kind.choices()
    labels = {c.name: str(c.label) for c in kind.columns}
    recognized = kind.recognizer()
    chosen: list[ValueChoice] = []
    for field, counts in file_values(job, list(options_of)).items():
        if len(counts) > MAX_VALUES:
            continue
        options = options_of[field]
        codes = {code for code, _label in options}
        for value, rows in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            if recognized(field, value):
                continue
            candidates = (
                job.value_mapping.get(field, {}).get(value),
                (saved or {}).get(field, {}).get(value),
                (preset or {}).get(field, {}).get(search_key(value)),
                suggest(value, options),
            )
            suggestion = next((c for c in candidates if c in codes), "")
            chosen.append(
                ValueChoice(field, labels.get(field, field), value, rows, suggestion, options)
            )
    return chosen


def checked_value_mapping(kind: ImportKind, value_mapping: ValueMapping) -> ValueMapping:
    """The chosen values, each one of its field's options; a blank choice
    keeps the file's value (imported as the rules read it, or left out
    with a warning)."""
    options_of = kind.choices()
    errors: dict[str, list[str]] = {}
    result: ValueMapping = {}
    for field, chosen in value_mapping.items():
        if field not in options_of:
            errors[field] = [_("“%s” takes no value mapping.") % field]
            continue
        codes = {code for code, _label in options_of[field]}
        for value, code in chosen.items():
            if not code:
                continue
            if code not in codes:
                message = _("“%(code)s” is not a value of %(field)s.")
                errors.setdefault(field, []).append(message % {"code": code, "field": field})
                continue
            result.setdefault(field, {})[value.strip()] = code
    if errors:
        raise ValidationFailed(field_errors=errors)
    return result
