"""Column mapping: which file column feeds which field of a kind (IMP-1).

Suggested from the headers (exact names, known aliases, then the closest
label), and remembered per user and kind for the next file.
"""

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.selectors import custom_fields_for
from openprm.customers.normalize import search_key
from openprm.imports.kinds.base import CUSTOM_PREFIX, ImportKind
from openprm.imports.models import SavedMapping

FUZZY_CUTOFF = 85


def _simple(text: str) -> str:
    return search_key(text).replace("_", " ").replace("-", " ").strip()


def suggest_mapping(
    kind: ImportKind, header: list[str], saved: dict[str, str] | None = None
) -> dict[str, str]:
    """`{header: field}` for every header that matches something; a saved
    mapping wins where it names a header of this file (rapidfuzz is imported
    here, on the first file mapped, not by every process that loads the app)."""
    from rapidfuzz import fuzz, process

    spellings: dict[str, str] = {}
    for column in kind.columns:
        for spelling in (column.name, str(column.label), *column.aliases):
            spellings.setdefault(_simple(spelling), column.name)
    custom_names = set()
    if kind.record_type:
        custom_names = {f.name for f in custom_fields_for(kind.record_type)}
    result: dict[str, str] = {}
    used: set[str] = set()
    for title in header:
        if saved and saved.get(title) and saved[title] not in used:
            result[title] = saved[title]
            used.add(saved[title])
    for title in header:
        if title in result:
            continue
        simple = _simple(title)
        if title.startswith(CUSTOM_PREFIX) and title.removeprefix(CUSTOM_PREFIX) in custom_names:
            target = title
        elif simple in spellings:
            target = spellings[simple]
        else:
            match = process.extractOne(
                simple, list(spellings), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            target = spellings[match[0]] if match else ""
        if target and target not in used:
            result[title] = target
            used.add(target)
    return result


def valid_targets(kind: ImportKind) -> set[str]:
    targets = set(kind.column_names)
    if kind.record_type:
        targets |= {CUSTOM_PREFIX + f.name for f in custom_fields_for(kind.record_type)}
    return targets


def saved_mapping_get(*, actor: Actor, kind: str) -> dict[str, str]:
    found = access.visible(SavedMapping, actor).filter(kind=kind).first()
    return dict(found.mapping) if found else {}


def saved_values_get(*, actor: Actor, kind: str) -> dict[str, dict[str, str]]:
    """The value choices the user made in earlier imports of the kind."""
    found = access.visible(SavedMapping, actor).filter(kind=kind).first()
    return dict(found.values) if found else {}


def saved_mapping_store(
    *,
    actor: Actor,
    kind: str,
    mapping: dict[str, str] | None = None,
    values: dict[str, dict[str, str]] | None = None,
) -> None:
    """Remember the column mapping and add the value choices to those of
    earlier files (a value chosen once is suggested again)."""
    saved, _created = SavedMapping.objects.get_or_create(user=actor.user, kind=kind)
    if mapping is not None:
        saved.mapping = mapping
    for field, chosen in (values or {}).items():
        saved.values = {**saved.values, field: {**saved.values.get(field, {}), **chosen}}
    saved.save()
