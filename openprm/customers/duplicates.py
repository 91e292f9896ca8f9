"""Duplicate matching for new accounts (CUS-11 search rules, CUS-9 exclusion).

Two accounts are duplicate candidates when their normalized names are
near-identical (rapidfuzz) and they share postal code and country; without a
postal code, only the same normalized name matches. `duplicate_place` and
`name_score` are the rule itself, which the account import applies to a
batch at once. Deleted accounts never
match because the search starts from the access scope.
"""

import string
from typing import Any

from openprm.core import access
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.customers.normalize import search_key

SIMILARITY = 90
MAX_CANDIDATES = 10
ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


def ascii_upper(text: str) -> str:
    """`text` with its ASCII letters upper-case: the case the database's
    `iexact` ignores on every backend (SQLite's LIKE folds ASCII only, and
    Python's `upper` would turn "ß" into "SS")."""
    return text.translate(ASCII_UPPER)


def duplicate_place(postal_code: str, country: str) -> tuple[str, str] | None:
    """`(country, postal code)` in `ascii_upper` case, the place
    near-identical names are looked for at; None without both (then only
    the same name counts)."""
    country, postal_code = ascii_upper(country.strip()), ascii_upper(postal_code.strip())
    return (country, postal_code) if country and postal_code else None


def name_score(name_key: str, other_key: str) -> float:
    """How alike two account name keys are, 0 below SIMILARITY: the one
    measure of "near-identical" for a create and an import (rapidfuzz,
    imported on first use so a process that never compares names skips it)."""
    from rapidfuzz import fuzz

    score = fuzz.ratio(name_key, other_key)
    return score if score >= SIMILARITY else 0


def account_duplicates(
    *, actor: Actor, name: str, postal_code: str = "", country: str = "", exclude_pk: Any = None
) -> list[Account]:
    key = search_key(name)
    accounts = access.visible(Account, actor)
    place = duplicate_place(postal_code, country)
    if place:
        pool = accounts.filter(country=place[0], postal_code__iexact=place[1])
    else:
        pool = accounts.filter(name_search=key)
    if exclude_pk is not None:
        pool = pool.exclude(pk=exclude_pk)
    # The database's iexact folds more than ASCII on PostgreSQL; the place
    # is the one `duplicate_place` names, as in an import.
    scored = [
        (name_score(key, account.name_search), account)
        for account in pool.select_related("owner").order_by("pk")[:500]
        if not place or duplicate_place(account.postal_code, account.country.code) == place
    ]
    return [account for score, account in sorted(scored, key=lambda pair: -pair[0]) if score][
        :MAX_CANDIDATES
    ]


def candidate_summary(account: Account) -> dict[str, Any]:
    """What the API and the page show about a candidate (CON-2 style)."""
    return {
        "id": account.pk,
        "name": account.name,
        "account_type": account.account_type,
        "city": account.city,
        "postal_code": account.postal_code,
        "country": account.country.code or "",
    }
