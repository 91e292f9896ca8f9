"""Duplicate matching for new accounts (CUS-11 search rules, CUS-9 exclusion).

Two accounts are duplicate candidates when their normalized names are
near-identical (rapidfuzz) and they share postal code and country; without a
postal code, only the same normalized name matches. Deleted accounts never
match because the search starts from the access scope.
"""

from typing import Any

from rapidfuzz import fuzz

from openprm.core import access
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.customers.normalize import search_key

SIMILARITY = 90
MAX_CANDIDATES = 10


def account_duplicates(
    *, actor: Actor, name: str, postal_code: str = "", country: str = "", exclude_pk: Any = None
) -> list[Account]:
    key = search_key(name)
    if not key:
        return []
    accounts = access.visible(Account, actor)
    if postal_code.strip() and country.strip():
        pool = accounts.filter(
            postal_code__iexact=postal_code.strip(), country=country.strip().upper()
        )
    else:
        pool = accounts.filter(name_search=key)
    if exclude_pk is not None:
        pool = pool.exclude(pk=exclude_pk)
    scored = [
        (fuzz.ratio(key, account.name_search), account)
        for account in pool.select_related("owner").order_by("pk")[:500]
    ]
    return [
        account
        for score, account in sorted(scored, key=lambda pair: -pair[0])
        if score >= SIMILARITY
    ][:MAX_CANDIDATES]


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
