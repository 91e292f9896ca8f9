"""The account duplicate rule of `customers.duplicates` for an import:
against visible accounts (one query) and earlier rows of the file."""

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from openprm.core import access
from openprm.customers.duplicates import ascii_upper, duplicate_place, name_score
from openprm.customers.models import Account
from openprm.imports.kinds.base import BatchResult, ImportContext, MappedRow
from openprm.imports.kinds.refs import EXT_PREFIX

Accepted = list[tuple[MappedRow, dict[str, Any], bool]]
"""Each accepted row, cleaned, and whether it is the first of its key in the job."""


def dedupe(
    ctx: ImportContext,
    cleaned: list[tuple[MappedRow, dict[str, Any]]],
    keys: dict[int, str],
    own: set[str],
    result: BatchResult,
) -> Accepted:
    """The account duplicate rule of `customers.duplicates`, against
    visible accounts (one query) and earlier rows of the file.

    A row whose external id an earlier row of this job imported is that
    record again and is skipped; each accepted row says whether it is
    the first of its key in this job (whose key is then stored)."""
    names = {c["name_search"] for _, c in cleaned}
    # Stored postal codes keep the case they were typed in: ask for the
    # usual spellings of each (an index lookup), compare case-blind.
    postals = {
        spelling
        for _, c in cleaned
        if c["postal_code"] and c["country"]
        for spelling in (
            c["postal_code"],
            ascii_upper(c["postal_code"]),
            c["postal_code"].lower(),
        )
    }
    db_names: set[str] = set()
    db_places: dict[tuple[str, str], list[str]] = defaultdict(list)
    if cleaned:
        # No ordering: sorted, the OR of two IN lists scans a whole index.
        existing = (
            access.visible(Account, ctx.actor).filter(name_search__in=names)
            | access.visible(Account, ctx.actor).filter(postal_code__in=postals)
        ).order_by()
        for name, postal, country in existing.values_list("name_search", "postal_code", "country"):
            db_names.add(name)
            db_place = duplicate_place(postal, str(country))
            if db_place:
                db_places[db_place].append(name)
    seen_names, seen_places = ctx.seen["names"], ctx.seen["places"]
    accepted = []
    for row, clean in cleaned:
        key = keys[row.line]
        if key in own and key.startswith(EXT_PREFIX):
            result.skipped += 1
            continue
        name = clean["name_search"]
        place = duplicate_place(clean["postal_code"], clean["country"])
        if place:
            pool = db_places.get(place, []) + seen_places.get(place, [])
            duplicate = any(name_score(name, other) for other in pool)
        else:
            duplicate = name in db_names or name in seen_names
        if duplicate:
            result.reject(row, [_("Duplicate: a similar account already exists.")])
            continue
        seen_names.add(name)
        if place:
            seen_places[place].append(name)
        accepted.append((row, clean, key not in own))
        own.add(key)
    return accepted
