"""Index-backed prefix search (DESIGN.md "Speed at scale", CON-8, CUS-11).

Django's `startswith` compiles to `LIKE 'x%' ESCAPE '\\'`: SQLite never uses an
index for it (its LIKE is case-insensitive) and PostgreSQL only with
`text_pattern_ops`. A prefix is a half-open range instead, which every B-tree
answers with a range scan: `key <= column < key + U+10FFFF`. Columns searched
this way hold `search_key` values and are compared by code point (SQLite's
BINARY collation, PostgreSQL's "C"/"C.UTF-8" database collation).
"""

import unicodedata
from functools import lru_cache

from django.db.models import Q

RANGE_END = "\U0010ffff"


def search_key(text: str) -> str:
    """Lower-cased, accent-stripped, whitespace-collapsed form of `text`.

    Stored in `name_search` columns so "Société Générale" is found by
    "societe" with a range scan. ASCII text has no accents to strip and
    folds to lower case, so most names skip the decomposition (imports
    key every row's names).
    """
    text = text or ""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@lru_cache(maxsize=200_000)
def search_key_cached(text: str) -> str:
    """`search_key` once per distinct text: imports repeat first names, last
    names and customer names, and the key costs microseconds."""
    return search_key(text)


def key_prefix_q(field: str, key: str) -> Q:
    """Rows whose `field` starts with the already normalized `key` (e-mails,
    E.164 phones); an empty key matches everything."""
    if not key:
        return Q()
    return Q(**{f"{field}__gte": key, f"{field}__lt": key + RANGE_END})


def prefix_q(field: str, text: str) -> Q:
    """Rows whose normalized `field` starts with the normalized `text`."""
    return key_prefix_q(field, search_key(text))
