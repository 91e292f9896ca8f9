"""The names of the contacts at each customer, for CON-2's "similar name at
the same customer" during a contact import.

A customer's contacts are read once per run, when a batch first names that
customer, instead of once per batch: rows spread over many customers, so a
per-batch read fetches every contact of thousands of customers again and
again. Before each batch the relationships created since the previous one
are read (a primary-key range): customers that got a contact from someone
else meanwhile are read again, so concurrent creates still count. Candidates
stay subject to the caller's visibility and active checks.
"""

from collections.abc import Iterable

from django.db import connection

from openprm.contacts.duplicates import PREFIX_LENGTH as PREFIX
from openprm.contacts.models import Person, Relationship
from openprm.imports.bulk import fetch_in

Name = tuple[str, str, int]  # name_search, last_name_search, person id
LIMIT = 1_000_000  # names kept before starting afresh (memory stays bounded)

_RELATIONSHIPS = Relationship._meta.db_table
_PERSONS = Person._meta.db_table
LOAD_SQL = (
    "SELECT r.account_id, p.name_search, p.last_name_search, p.id "  # noqa: S608
    f"FROM {_RELATIONSHIPS} r JOIN {_PERSONS} p ON p.id = r.person_id "
    "WHERE p.is_active AND {in}"
)
SINCE_SQL = f"SELECT id, account_id FROM {_RELATIONSHIPS} WHERE id > %s"  # noqa: S608
HIGHEST_SQL = f"SELECT MAX(id) FROM {_RELATIONSHIPS}"  # noqa: S608


class NamePool:
    """Contact names per customer, found by the letters CON-2 compares a new
    name under (`contacts.duplicates.name_prefixes`), as the duplicate check
    of a single create finds them with its index ranges."""

    def __init__(self) -> None:
        self.known: dict[int, list[Name]] = {}
        self.by_prefix: dict[int, dict[str, list[tuple[str, int]]]] = {}

    def add(self, account_id: int, name: str, last_name: str, person_id: int = 0) -> None:
        self.known.setdefault(account_id, []).append((name, last_name, person_id))
        index = self.by_prefix.get(account_id)
        if index is not None:
            _index(index, name, last_name, person_id)

    def near(self, account_id: int | None, first: str, last: str) -> list[tuple[str, int]]:
        """`(name_search, id)` of the names at a customer whose last name
        starts with `last` or whose full name starts with `first`."""
        names = self.known.get(account_id) if account_id is not None else None
        if not names:
            return []
        if len(last) < PREFIX or 0 < len(first) < PREFIX:
            return [
                (name, pk)
                for name, last_name, pk in names
                if last_name.startswith(last) or (first and name.startswith(first))
            ]
        index = self.by_prefix.get(account_id)
        if index is None:
            index = self.by_prefix[account_id] = {}
            for name, last_name, pk in names:
                _index(index, name, last_name, pk)
        pool = index.get("l" + last, [])
        if first:
            seen = {pk for _name, pk in pool}
            pool = pool + [hit for hit in index.get("f" + first, []) if hit[1] not in seen]
        return pool


def _index(index: dict[str, list[tuple[str, int]]], name: str, last_name: str, pk: int) -> None:
    index.setdefault("l" + last_name[:PREFIX], []).append((name, pk))
    index.setdefault("f" + name[:PREFIX], []).append((name, pk))


class CustomerNames(NamePool):
    """The names of the contacts in the database at the customers a run's
    rows name."""

    def __init__(self) -> None:
        super().__init__()
        self.size = 0
        self.own: set[int] = set()
        with connection.cursor() as cursor:
            cursor.execute(HIGHEST_SQL)
            self.watermark: int = cursor.fetchone()[0] or 0

    def created(self, relationship_ids: Iterable[int]) -> None:
        """Relationships this run inserted (their names are the file's own)."""
        self.own.update(relationship_ids)

    def refresh(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(SINCE_SQL, [self.watermark])
            for relationship_id, account_id in cursor.fetchall():
                self.watermark = max(self.watermark, relationship_id)
                if relationship_id not in self.own and account_id in self.known:
                    self.size -= len(self.known.pop(account_id))
                    self.by_prefix.pop(account_id, None)
        self.own.clear()

    def load(self, account_ids: Iterable[int]) -> None:
        """Read the customers not read yet (one query per 1,000 of them)."""
        wanted = set(account_ids)
        missing = sorted(wanted - self.known.keys())
        if self.size + len(missing) * 50 > LIMIT:
            self.known, self.by_prefix, self.size = {}, {}, 0
            missing = sorted(wanted)
        for account_id in missing:
            self.known[account_id] = []
        for account_id, name, last_name, person_id in fetch_in(
            LOAD_SQL, [], "r.account_id", missing
        ):
            self.known[account_id].append((name, last_name, person_id))
            self.size += 1
