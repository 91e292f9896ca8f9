"""CON-2 for a contact import: the same e-mail, the same phone or a similar
name at the same customer, against the visible contacts in the database
and the rows before it in the file."""

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from openprm.contacts.duplicates import any_name_alike, name_prefixes, name_score
from openprm.contacts.models import ContactPoint, Person
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.search import search_key_cached
from openprm.imports.bulk import fetch_in
from openprm.imports.kinds.base import BatchResult, ImportContext, MappedRow
from openprm.imports.kinds.customer_names import CustomerNames, NamePool
from openprm.imports.kinds.phones import compared_values, numbers_of
from openprm.imports.kinds.refs import EXT_PREFIX

Accepted = list[tuple[MappedRow, dict[str, Any], bool]]
"""Each accepted row, cleaned, and whether it is the first of its key in the job."""


def _prefixes(clean: dict[str, Any]) -> tuple[str, str]:
    return name_prefixes(search_key_cached(clean["first_name"]), clean["last_name_search"])


class EarlierNames:
    """The names of the file's accepted rows per customer, for CON-2's
    "similar name at the same customer" against earlier rows."""

    def __init__(self) -> None:
        self.pool = NamePool()
        self.names: dict[int, list[str]] = defaultdict(list)

    def add(self, account_id: int, name: str, last_name: str) -> None:
        self.pool.add(account_id, name, last_name)
        self.names[account_id].append(name)

    def alike(self, clean: dict[str, Any]) -> bool:
        """Whether an earlier row's name at the row's customer is alike among
        those the rule compares (starting alike); most rows have no alike
        name at all, which rapidfuzz tells at once."""
        name, account_id = clean["name_search"], clean["account_id"]
        if not any_name_alike(name, self.names.get(account_id, [])):
            return False
        near = self.pool.near(account_id, *_prefixes(clean))
        return any(name_score(name, other) for other, _pk in near)


class VisiblePersons:
    """Which of some person ids the actor may see, in chunks of primary keys
    (an index lookup) instead of a subquery over the whole scope."""

    CHUNK = 5000

    def __init__(self, actor: Actor) -> None:
        self.queryset = access.visible(Person, actor).filter(is_active=True).order_by()

    def among(self, ids: set[int]) -> set[int]:
        wanted, shown = sorted(ids), set()
        for start in range(0, len(wanted), self.CHUNK):
            chunk = wanted[start : start + self.CHUNK]
            shown.update(self.queryset.filter(pk__in=chunk).values_list("pk", flat=True))
        return shown


def dedupe(
    ctx: ImportContext,
    candidates: list[tuple[MappedRow, dict[str, Any]]],
    keys: dict[int, str],
    own: set[str],
    result: BatchResult,
) -> Accepted:
    """CON-2 within the file (earlier rows) and against visible contacts:
    equal e-mails and phones (work, mobile and home alike) by their
    indexes; names are compared, as in `contacts.duplicates`, with the
    contacts at the same customer whose first or last name starts alike
    (read once per customer per run).

    A row whose external id an earlier row of this job imported is that
    record again and is skipped; other keys (an e-mail, a name) only
    identify rows for a later run, so each accepted row says whether it
    is the first of its key in this job (whose key is then stored)."""
    owners_of: dict[str, set[int]] = defaultdict(set)
    for kind, column in (
        (ContactPoint.Kind.EMAIL, "email"),
        (ContactPoint.Kind.PHONE, "phone"),
    ):
        values = list({v for _, c in candidates for v in compared_values(c, column)})
        for person_id, value in fetch_in(
            f"SELECT person_id, {column} FROM {ContactPoint._meta.db_table} "  # noqa: S608
            "WHERE kind = %s AND {in}",
            [kind.value],
            column,
            values,
        ):
            owners_of[value].add(person_id)
    customer_names: CustomerNames = ctx.seen["customer_names"]
    customer_names.refresh()
    customer_names.load(c["account_id"] for _, c in candidates if c["account_id"])
    matches = {row.line: _db_matches(clean, owners_of, customer_names) for row, clean in candidates}
    # Only contacts the actor may see count (a reject must not reveal
    # hidden records), and only matching ones need checking: one query.
    shown = VisiblePersons(ctx.actor).among(
        {pk for found in matches.values() for ids in found.values() for pk in ids}
    )
    names: EarlierNames = ctx.seen["names"]
    seen_emails, seen_phones = ctx.seen["emails"], ctx.seen["phones"]
    accepted = []
    for row, clean in candidates:
        key = keys[row.line]
        if key in own and key.startswith(EXT_PREFIX):
            result.skipped += 1
            continue
        found = {what: ids & shown for what, ids in matches[row.line].items()}
        reasons = []
        for what, seen in (("email", seen_emails), ("phone", seen_phones)):
            for value in compared_values(clean, what):
                in_database = bool(owners_of.get(value, set()) & shown)
                if in_database or value in seen:
                    reasons.append(_duplicate_reason(what, value, in_database))
                    break
        account_id = clean["account_id"]
        if account_id and (found["name"] or names.alike(clean)):
            reasons.append(_("Duplicate: a similar name at the same customer."))
        if reasons:
            result.reject(row, reasons)
            continue
        if clean["email"]:
            seen_emails.add(clean["email"])
        seen_phones.update(numbers_of(clean))
        if account_id:
            names.add(account_id, clean["name_search"], clean["last_name_search"])
        accepted.append((row, clean, key not in own))
        own.add(key)
    return accepted


def _db_matches(
    clean: dict[str, Any],
    owners_of: dict[str, set[int]],
    customer_names: CustomerNames,
) -> dict[str, set[int]]:
    found = {
        "email": set(owners_of.get(clean["email"], ())) if clean["email"] else set(),
        "phone": {pk for n in numbers_of(clean) for pk in owners_of.get(n, ())},
        "name": set(),
    }
    name = clean["name_search"]
    for other, pk in customer_names.near(clean["account_id"], *_prefixes(clean)):
        if name_score(name, other):
            found["name"].add(pk)
    return found


def _duplicate_reason(what: str, value: str, in_database: bool) -> str:
    where = _("an existing contact") if in_database else _("an earlier row")
    if what == "email":
        return _("Duplicate: same e-mail %(value)s as %(where)s.") % {
            "value": value,
            "where": where,
        }
    return _("Duplicate: same phone %(value)s as %(where)s.") % {"value": value, "where": where}
