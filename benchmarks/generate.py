"""Fast bulk generation of benchmark data: accounts, partners' accounts,
contacts with an e-mail, a phone and a customer relationship.

Deterministic (seeded) and set-based: rows go in through the same batch
writer the import uses, about 1,000,000 contacts in a minute or two. The
names come from Faker's locale data, combined without calling Faker per row
(which alone would take longer than the inserts).
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from faker import Faker

from openprm.contacts.models import ContactPoint, Person, Relationship
from openprm.customers.models import Account
from openprm.customers.normalize import search_key
from openprm.imports.bulk import TableWriter, reserve_ids

CHUNK = 5000
AREA_CODES = (212, 213, 312, 415, 503, 602, 617, 704, 713, 206, 303, 404, 305, 615, 919)
COUNTRY = "US"


@dataclass(frozen=True)
class Names:
    first: list[str]
    last: list[str]
    companies: list[str]
    titles: list[str]


def name_pool(seed: int = 2026) -> Names:
    faker = Faker("en_US")
    faker.seed_instance(seed)
    first = sorted({faker.first_name() for _ in range(3000)})
    last = sorted({faker.last_name() for _ in range(3000)})
    words = sorted({faker.last_name() for _ in range(3000)})
    titles = sorted({faker.job() for _ in range(300)})
    return Names(first, last, words, titles)


def phone_for(index: int) -> str:
    """A distinct valid US number per index (E.164)."""
    area = AREA_CODES[index % len(AREA_CODES)]
    rest = index // len(AREA_CODES)
    exchange = 200 + (rest // 10_000) % 800
    return f"+1{area}{exchange}{rest % 10_000:04d}"


def account_name(names: Names, index: int) -> str:
    return f"{names.companies[index % len(names.companies)]} {index:06d} Inc"


def contact_row(names: Names, index: int, rng: random.Random) -> tuple[str, str, str, str, str]:
    first = rng.choice(names.first)
    last = rng.choice(names.last)
    email = f"{first}.{last}.{index}@example.com".lower()
    return first, last, email, phone_for(index), rng.choice(names.titles)


def _chunks(total: int) -> Iterator[range]:
    for start in range(0, total, CHUNK):
        yield range(start, min(total, start + CHUNK))


def generate_accounts(
    count: int, owner_ids: list[int], names: Names, partners: int = 0
) -> list[int]:
    """`count` customer accounts (the first `partners` of type Partner), owned
    in turn by `owner_ids`, every tenth one a subsidiary of an earlier account."""
    ids: list[int] = []
    writer = TableWriter(Account)
    rng = random.Random(7)
    for chunk in _chunks(count):
        with transaction.atomic():
            new_ids = reserve_ids(Account, len(chunk))
            rows = []
            for index, pk in zip(chunk, new_ids, strict=True):
                name = account_name(names, index)
                kind = (
                    Account.AccountType.PARTNER
                    if index < partners
                    else Account.AccountType.CUSTOMER
                )
                rows.append(
                    {
                        "id": pk,
                        "name": name,
                        "name_search": search_key(name),
                        "account_type": kind,
                        "is_sales_account": kind == Account.AccountType.CUSTOMER,
                        "owner_id": owner_ids[index % len(owner_ids)],
                        "parent_id": ids[rng.randrange(len(ids))]
                        if ids and index % 10 == 9
                        else None,
                        "city": "Springfield",
                        "postal_code": f"{10000 + index % 89999}",
                        "country": COUNTRY,
                    }
                )
            writer.insert(rows)
        ids.extend(new_ids)
    return ids


def generate_contacts(count: int, account_ids: list[int], owner_id: int, names: Names) -> None:
    """`count` contacts, each with an e-mail, a phone and one customer."""
    rng = random.Random(11)
    persons, points, relations = (
        TableWriter(Person),
        TableWriter(ContactPoint),
        TableWriter(Relationship),
    )
    for chunk in _chunks(count):
        with transaction.atomic():
            person_ids = reserve_ids(Person, len(chunk))
            point_ids = iter(reserve_ids(ContactPoint, 2 * len(chunk)))
            relation_ids = reserve_ids(Relationship, len(chunk))
            person_rows, point_rows, relation_rows = [], [], []
            for index, pk, relation_id in zip(chunk, person_ids, relation_ids, strict=True):
                first, last, email, phone, title = contact_row(names, index, rng)
                person_rows.append(
                    {
                        "id": pk,
                        "first_name": first,
                        "last_name": last,
                        "name_search": search_key(f"{first} {last}"),
                        "last_name_search": search_key(last),
                        "job_title": title,
                        "owner_id": owner_id,
                    }
                )
                point_rows.append(
                    {
                        "id": next(point_ids),
                        "person_id": pk,
                        "kind": "email",
                        "email": email,
                        "is_primary": True,
                    }
                )
                point_rows.append(
                    {
                        "id": next(point_ids),
                        "person_id": pk,
                        "kind": "phone",
                        "phone": phone,
                        "is_primary": True,
                    }
                )
                relation_rows.append(
                    {
                        "id": relation_id,
                        "person_id": pk,
                        "account_id": account_ids[index % len(account_ids)],
                    }
                )
            persons.insert(person_rows)
            points.insert(point_rows)
            relations.insert(relation_rows)
