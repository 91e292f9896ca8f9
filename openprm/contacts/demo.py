"""Demo contacts related to the demo accounts: small through the services, so
demo data obeys the rules; large (benchmarks) in bulk, set-based."""

import datetime as dt
from typing import Any

from django.utils import timezone

from openprm.contacts.models import ContactPoint, Person, Relationship
from openprm.contacts.normalize import search_key
from openprm.contacts.services import (
    contact_create,
    contact_point_add,
    favorite_set,
    household_create,
    preference_add,
    relationship_add,
)
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.demo.context import DemoContext
from openprm.identity.actors import actor_for

BULK_BATCH = 5_000
TITLES = ["Buyer", "CTO", "CFO", "Purchasing Manager", "IT Director", "Office Manager", ""]
# Contacts a demo user can try to create again to see the duplicate check (CON-2).
DUPLICATES_TO_BE = [
    ("Jane", "Doe", "jane.doe@example.com", "+1 415 555 0100"),
    ("John", "Smith", "john.smith@example.com", "+1 212 555 0101"),
    ("María", "García", "maria.garcia@example.com", "+34 912 345 678"),
]


def _actor_for(account: Any, fallback: Actor) -> Actor:
    return actor_for(account.owner) if account is not None and account.owner_id else fallback


def _seed_small(context: DemoContext, accounts: list[Any], admin: Any) -> list[Person]:
    faker, rng = context.faker, context.rng
    persons: list[Person] = []
    for index in range(context.count("contacts")):
        account = accounts[index % len(accounts)] if accounts else None
        related = [account] if account is not None else []
        if account is not None and index % 15 == 0 and len(accounts) > 1:
            related.append(rng.choice(accounts))
        actor = _actor_for(account, admin)
        first, last = faker.first_name(), faker.last_name()
        person = contact_create(
            actor=admin if len(related) > 1 else actor,
            first_name=first,
            last_name=last,
            kind=Person.Kind.B2C if index % 10 == 9 else Person.Kind.B2B,
            job_title=rng.choice(TITLES),
            is_key_contact=index % 9 == 0,
            email=f"{search_key(first)}.{search_key(last)}.{index}@example.com".replace(" ", ""),
            phone=f"+1 415 555 {1000 + index:04d}",
            account_ids=[a.pk for a in dict.fromkeys(related)],
            confirm_duplicates=True,
        )
        if index % 4 == 0:
            contact_point_add(
                actor=admin,
                person=person,
                kind=ContactPoint.Kind.PHONE,
                purpose=ContactPoint.Purpose.MOBILE,
                phone=f"+1 650 555 {1000 + index:04d}",
            )
        persons.append(person)
    for first, last, email, phone in DUPLICATES_TO_BE:
        account = accounts[0] if accounts else None
        persons.append(
            contact_create(
                actor=_actor_for(account, admin),
                first_name=first,
                last_name=last,
                email=email,
                phone=phone,
                account_ids=[account.pk] if account is not None else [],
                confirm_duplicates=True,
            )
        )
    return persons


PREFERENCES: tuple[tuple[str, str, str, int, int | None], ...] = (
    # contact point, Do / Do Not, reason, start (days from today), end (days from today)
    (ContactPoint.Kind.PHONE, "do_not", "DNC_REGISTRY", 0, None),
    (ContactPoint.Kind.EMAIL, "do_not", "CUSTOMER_REQUEST", 0, None),
    (ContactPoint.Kind.EMAIL, "do", "PREFERRED_CHANNEL", 0, None),
    (ContactPoint.Kind.PHONE, "do_not", "CUSTOMER_REQUEST", 0, 90),
    (ContactPoint.Kind.EMAIL, "do_not", "BOUNCED", -10, None),
    (ContactPoint.Kind.PHONE, "do_not", "LEGAL_REQUEST", -30, None),
    (ContactPoint.Kind.PHONE, "do", "PREFERRED_CHANNEL", 0, None),
    (ContactPoint.Kind.EMAIL, "do_not", "CUSTOMER_REQUEST", -365, -30),
)
"""CON-9, CON-10: a Do Not Call (a LEGAL reason, which the sales
administrator's duty role allows), requests not to e-mail or call (one for
the next three months, one that ended), a bounced address, a preferred
channel: one contact each."""


def _seed_preferences(persons: list[Person], admin: Any) -> None:
    today = timezone.localdate()
    for person, (kind, choice, reason, start, end) in zip(persons, PREFERENCES, strict=False):
        point = ContactPoint.objects.filter(person=person, kind=kind).order_by("pk").first()
        if point is None:
            continue
        preference_add(
            actor=admin,
            point=point,
            preference=choice,
            reason_code=reason,
            start_date=today + dt.timedelta(days=start),
            end_date=None if end is None else today + dt.timedelta(days=end),
        )


def _seed_large(context: DemoContext, account_ids: list[int], owner_ids: list[int]) -> None:
    """A million contacts: bulk inserts with the normalized keys filled in,
    each related to one account and holding one e-mail."""
    faker, rng = context.faker, context.rng
    total = context.count("contacts")
    for offset in range(0, total, BULK_BATCH):
        persons = []
        for _index in range(offset, min(offset + BULK_BATCH, total)):
            first, last = faker.first_name(), faker.last_name()
            persons.append(
                Person(
                    first_name=first,
                    last_name=last,
                    name_search=search_key(f"{first} {last}"),
                    last_name_search=search_key(last),
                    job_title=rng.choice(TITLES),
                    owner_id=rng.choice(owner_ids) if owner_ids else None,
                )
            )
        Person.objects.bulk_create(persons, batch_size=BULK_BATCH)
        pks = [person.pk for person in persons]
        ContactPoint.objects.bulk_create(
            [
                ContactPoint(
                    person_id=pk,
                    kind=ContactPoint.Kind.EMAIL,
                    email=f"c{pk}@example.com",
                    is_primary=True,
                )
                for pk in pks
            ],
            batch_size=BULK_BATCH,
        )
        if account_ids:
            Relationship.objects.bulk_create(
                [
                    Relationship(person_id=pk, account_id=account_ids[pk % len(account_ids)])
                    for pk in pks
                ],
                batch_size=BULK_BATCH,
            )


def seed(context: DemoContext) -> None:
    records = context.records
    admin = records.get("user:salesadmin")
    accounts = [a for a in records.get("accounts", []) if getattr(a, "is_active", True)]
    if context.size != "small":
        owner_ids = [u.pk for k, u in records.items() if k.startswith("user:")]
        account_ids = list(Account.objects.filter(is_active=True).values_list("pk", flat=True))
        _seed_large(context, account_ids, owner_ids)
        return
    persons = _seed_small(context, accounts, admin)
    records["contacts"] = persons
    _seed_preferences(persons, admin)
    seller = records.get("user:sales")
    if seller is not None:
        for person in persons[:40]:
            if person.owner_id == seller.pk:
                favorite_set(actor=seller, person=person, favorite=True)
    b2c = [p for p in persons if p.kind == Person.Kind.B2C][:2]
    if b2c and admin is not None:
        household_create(actor=admin, name=f"{b2c[0].last_name} household", members=b2c)
    if len(persons) > 3 and admin is not None:
        relationship_add(
            actor=admin, person=persons[2], related_person=persons[3], relationship_type="assistant"
        )
