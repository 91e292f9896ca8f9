"""CON-2 duplicate candidates for a contact about to be created.

Every lookup is index-backed so the check stays fast at a million contacts:
e-mails and phones are equality lookups on their normalized indexed columns,
and names are compared (with rapidfuzz) only among the contacts of the same
customers whose last or first name starts like the new one — a range scan on
`name_search`/`last_name_search` intersected with the relationship index.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from openprm.contacts.models import ContactPoint, Person, Relationship
from openprm.contacts.normalize import format_phone, search_key
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.search import RANGE_END

NAME_SIMILARITY = 85
MAX_CANDIDATES = 10
PREFIX_LENGTH = 2
NEARBY_LIMIT = 500
NAME = "name"  # marks the name candidates among the equal contact points
POINTS = ContactPoint._meta.db_table
PERSONS = Person._meta.db_table
RELATIONSHIPS = Relationship._meta.db_table


@dataclass
class DuplicateCandidate:
    person: Person
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.person.pk,
            "name": self.person.full_name,
            "job_title": self.person.job_title,
            "reasons": self.reasons,
        }


def name_prefixes(first_name_key: str, last_name_key: str) -> tuple[str, str]:
    """The letters CON-2 compares a new contact's name under: only with the
    contacts at the same customer whose last name starts like its last name
    or whose full name starts like its first name (an index range each, and
    none for the first name when it has none)."""
    return first_name_key[:PREFIX_LENGTH], last_name_key[:PREFIX_LENGTH]


def name_score(name_key: str, other_key: str) -> float:
    """How alike two full-name keys are, 0 below NAME_SIMILARITY: the one
    measure of "a similar name" for a create and an import (rapidfuzz,
    imported on first use so a process that never compares names skips it)."""
    from rapidfuzz import fuzz

    score = fuzz.token_sort_ratio(name_key, other_key)
    return score if score >= NAME_SIMILARITY else 0


def any_name_alike(name_key: str, other_keys: list[str]) -> bool:
    """Whether any of `other_keys` is alike by `name_score`, compared in
    rapidfuzz's own loop: a quick test before the pool CON-2 compares with."""
    if not other_keys:
        return False
    from rapidfuzz import fuzz, process

    return bool(
        process.extractOne(
            name_key, other_keys, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_SIMILARITY
        )
    )


def _in(column: str, values: list[Any]) -> tuple[str, list[Any]]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def _candidate_rows(
    emails: list[str],
    phones: list[str],
    account_ids: list[int],
    prefixes: tuple[str, ...],
    exclude_pk: int | None,
) -> list[tuple[Any, ...]]:
    """`(person id, kind, e-mail or name key, phone)` of the equal contact
    points and of the active contacts at the customers whose last (or first)
    name starts with the same letters — a key range, as `core.search` does.

    Written as SQL rather than through the ORM: this runs on every contact
    create, and building and compiling the query cost more than running it.
    """
    parts: list[str] = []
    params: list[Any] = []
    if emails or phones:
        where = []
        for kind, column, values in (("email", "email", emails), ("phone", "phone", phones)):
            if values:
                condition, values_params = _in(column, values)
                where.append(f"(kind = %s AND {condition})")
                params += [kind, *values_params]
        parts.append(
            f"SELECT person_id, kind, email, phone FROM {POINTS} "  # noqa: S608
            f"WHERE {' OR '.join(where)}"
        )
    if prefixes:
        first, last = prefixes
        near = ["(last_name_search >= %s AND last_name_search < %s)"]
        params += [NAME, last, last + RANGE_END]
        if first:
            near.append("(name_search >= %s AND name_search < %s)")
            params += [first, first + RANGE_END]
        customers, customer_params = _in("account_id", account_ids)
        params += customer_params
        parts.append(
            f"SELECT id, %s, name_search, '' FROM {PERSONS} "  # noqa: S608
            f"WHERE is_active AND ({' OR '.join(near)}) "
            f"AND id IN (SELECT person_id FROM {RELATIONSHIPS} WHERE {customers})"
            + (" AND id <> %s" if exclude_pk is not None else "")
        )
        if exclude_pk is not None:
            params.append(exclude_pk)
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"{' UNION ALL '.join(parts)} LIMIT {NEARBY_LIMIT}", params)
        return cursor.fetchall()


def duplicate_candidates(
    *,
    actor: Actor,
    first_name: str,
    last_name: str,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    account_ids: Iterable[int] = (),
    exclude_pk: int | None = None,
) -> list[DuplicateCandidate]:
    """Visible contacts that look like the new one, with the reasons why.

    Only contacts the actor may see are offered (a candidate list must not
    reveal hidden records). `emails` and `phones` must already be normalized.
    """
    # Candidates are found unscoped, by index, in one query (the equal
    # contact points united with the similar-looking names at the customer),
    # and only the few found are checked against the actor's visible scope:
    # most new contacts have none, and the scope is the costly part.
    emails, phones = [e for e in emails if e], [p for p in phones if p]
    account_ids = list(account_ids)
    full_key = search_key(f"{first_name} {last_name}")
    prefixes = name_prefixes(search_key(first_name), search_key(last_name)) if account_ids else ()
    rows = _candidate_rows(emails, phones, account_ids, prefixes, exclude_pk)
    if not rows:
        return []

    reasons: dict[int, list[str]] = {}
    similar: list[tuple[float, int]] = []
    # Equal points first, then names: the candidates keep that order.
    for pk, kind, value, phone in sorted(rows, key=lambda r: r[1] == NAME):
        if kind == NAME:
            score = name_score(full_key, value)
            if score:
                similar.append((-score, pk))
        elif kind == ContactPoint.Kind.EMAIL:
            reasons.setdefault(pk, []).append(_("same e-mail %(value)s") % {"value": value})
        else:
            shown_phone = format_phone(phone)
            reasons.setdefault(pk, []).append(_("same phone %(value)s") % {"value": shown_phone})
    for _score, pk in sorted(similar):
        reasons.setdefault(pk, []).append(_("similar name at the same customer"))

    if not reasons:
        return []
    with access.by_primary_key():
        persons = access.visible(Person, actor)
    shown = persons.filter(is_active=True).in_bulk(list(reasons))
    found = [
        DuplicateCandidate(shown[pk], found_reasons)
        for pk, found_reasons in reasons.items()
        if pk in shown and pk != exclude_pk
    ]
    return found[:MAX_CANDIDATES]
