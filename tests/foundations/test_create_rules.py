"""IMP-1 property: one rule, two shapes. The same rows, created one by one
through the services (`contact_create`, `account_create`) and imported as a
CSV file through the import service, are accepted and refused alike and
stored with the same values (a row refused only for optional values it gave
is kept without them, on both sides) (CON-1, CON-2, CON-4, CUS-1, CUS-2, CUS-4,
PLAT-7).

A row is what a user would type in a form or a spreadsheet: texts with
padding, unicode, over-long values, odd e-mails and phones, bad kinds and
types, custom values, repeats (duplicates). A blank cell is a field not
given, so the service call leaves it out. The cells avoid the CSV
delimiters and quotes the import's dialect detection reads, which is not
what this test is about. Each example runs both shapes on the same
database state and rolls each back.
"""

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from openprm.contacts.models import ContactPoint, Person, Relationship
from openprm.contacts.services import contact_create
from openprm.core.actor import Actor
from openprm.core.customfields.services import custom_field_create
from openprm.core.errors import Conflict, ValidationFailed
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.identity.models import User
from openprm.imports.models import ImportJob
from openprm.imports.services.job_setup import job_create
from openprm.imports.services.runs import job_run
from tests.factories import as_actor

Row = dict[str, str]
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

cell_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=",;\t|\"'"
    ),
    max_size=12,
)


LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".com"

# Per cell: values a user would type correctly (rows repeat, so duplicates
# occur), and odd ones, right or wrong. A row is a correct one with a few
# cells made odd, so both accepted and refused rows are common.
CONTACT_CELLS: dict[str, tuple[list[str], list[str]]] = {
    "first_name": (["", "Ann", " Anne ", "Zoë", "李"], ["x" * 100, "x" * 101, "e\u0301"]),
    "last_name": (["Lee", "Lee ", "Łukasz", "Fox"], ["", "   ", "y" * 100, "z" * 101, "e\u0301"]),
    "kind": (["", "b2b", " B2C "], ["b2c (individual customer)", "vip"]),
    "job_title": (["", " CFO "], ["t" * 120, "t" * 121]),
    "is_key_contact": (["", "yes", "No"], ["x", "maybe"]),
    "email": (["", "ann@example.com", " ANN@Example.com ", "bo@example.org"], ["ann@", LONG_EMAIL]),
    "phone": (["", "(415) 555-0100", "+1 415 555 0101"], ["020 7946 0018", "12345", "call me"]),
    "account": (["", "Acme", "Brit"], []),
    "custom.score": (["", "12", " 3.5 "], ["1e3", "high", "NaN"]),
}
ACCOUNT_CELLS: dict[str, tuple[list[str], list[str]]] = {
    "name": (["Acme", " acme ", "Acme Inc", "Globex"], ["", "  ", "e\u0301", "n" * 201]),
    "account_type": (["", "customer", "Prospect"], ["COMPETITOR", "friend"]),
    "industry": (["", "TECH"], ["tech", "MINING"]),
    "annual_revenue": (["", "1000", "12.50"], ["-3", "1.125", "lots", "1e20"]),
    "currency": (["", "usd", "EUR"], ["US", "€€€"]),
    "named": (["", "yes", "no"], ["maybe"]),
    "address_line1": ([""], ["1 Main St"]),
    "city": (["", "Springfield"], ["c" * 101]),
    "postal_code": (["", "12345", "ab1 2cd", "AB1 2CD"], ["p" * 21]),
    "country": (["", "US", "gb"], ["Germany", "DEU", "Atlantis"]),
    "custom.tier": (["", "2"], ["gold"]),
}


def _rows(cells: dict[str, tuple[list[str], list[str]]]) -> st.SearchStrategy[list[Row]]:
    def odd(name: str) -> st.SearchStrategy[str]:
        return st.one_of(st.sampled_from(cells[name][0] + cells[name][1]), cell_text)

    @st.composite
    def row(draw: st.DrawFn) -> Row:
        values = {name: draw(st.sampled_from(good)) for name, (good, _bad) in cells.items()}
        for name in draw(
            st.sets(st.sampled_from([n for n in cells if n != "account"]), max_size=2)
        ):
            values[name] = draw(odd(name))
        return values

    return st.lists(row(), min_size=2, max_size=6)


contact_rows = _rows(CONTACT_CELLS)
account_rows = _rows(ACCOUNT_CELLS)


def _given(row: Row) -> dict[str, str]:
    """The fields a form or API call would carry: a blank cell is left out."""
    return {name: value for name, value in row.items() if value.strip()}


def _file_rows(rows: list[Row], cells: dict[str, Any]) -> list[Row]:
    """A file's rows, every cell present (the examples give only some): a
    line of blank cells is no row."""
    rows = [{name: row.get(name, "") for name in cells} for row in rows]
    return [row for row in rows if _given(row)]


def _leniently(create: Callable[[Row], Any], given: Row, required: set[str]) -> Any:
    """`create` of the given fields; refused only for optional fields the row
    gave, created again without them, as the import keeps such a row and
    warns of each value (issue 18: a bad optional value does not lose the row)."""
    try:
        return create(given)
    except ValidationFailed as refused:
        dropped = set(refused.field_errors)
        if not dropped or dropped & required or not dropped <= set(given):
            raise
        return create({name: value for name, value in given.items() if name not in dropped})


def _rolled_back(run: Callable[[], Any]) -> Any:
    with transaction.atomic():
        outcome = run()
        transaction.set_rollback(True)
    return outcome


def _import(actor: Actor, kind: str, rows: list[Row]) -> list[Any]:
    """Import `rows` as a CSV file; for each row, in order, the new record's
    id or None when it was rejected."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    model = Person if kind == "contacts" else Account
    before = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    job = job_create(
        actor=actor,
        kind=kind,
        upload=ContentFile(buffer.getvalue().encode(), name="rows.csv"),
        name="rows.csv",
        mapping={name: name for name in rows[0]},
    )
    job = job_run(job)
    assert (job.status, job.skipped_rows, job.processed_rows) == (
        ImportJob.Status.DONE,
        0,
        len(rows),
    )
    rejected = set(job.rejects.values_list("line", flat=True))
    created = iter(model.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True))
    outcome = [None if line in rejected else next(created) for line in range(2, len(rows) + 2)]
    assert next(created, None) is None
    return outcome


def _contact(pk: int | None) -> tuple[Any, ...] | None:
    """What was stored of a contact: its fields, first e-mail and phone,
    customers and owner."""
    if pk is None:
        return None
    person = Person.objects.get(pk=pk)
    points = ContactPoint.objects.filter(person=person).order_by("kind")
    return (
        person.first_name,
        person.last_name,
        person.name_search,
        person.last_name_search,
        person.kind,
        person.job_title,
        person.is_key_contact,
        person.custom,
        person.owner_id,
        list(points.values_list("kind", "email", "phone", "is_primary")),
        list(Relationship.objects.filter(person=person).values_list("account__name", flat=True)),
    )


def _account(pk: int | None) -> dict[str, Any] | None:
    if pk is None:
        return None
    values = Account.objects.filter(pk=pk).values().get()
    for name in ("id", "created_at", "updated_at"):
        values.pop(name)
    return values


@pytest.fixture
def contact_world(sales_admin: User, admin_user: User) -> Actor:
    actor = as_actor(sales_admin)
    for name, country in (("Acme", "US"), ("Brit", "GB")):
        account_create(
            actor=actor, data={"name": name, "account_type": "customer", "country": country}
        )
    custom_field_create(
        actor=as_actor(admin_user),
        record_type="contact",
        name="score",
        label="Score",
        field_type="number",
    )
    return actor


@pytest.fixture
def account_world(sales_admin: User, admin_user: User) -> Actor:
    custom_field_create(
        actor=as_actor(admin_user),
        record_type="account",
        name="tier",
        label="Tier",
        field_type="number",
    )
    return as_actor(sales_admin)


@PROPERTY
@given(rows=contact_rows)
@example(  # no customer, no e-mail: two people of one name are two contacts
    rows=[{"last_name": "Lee", "first_name": "Ann"}, {"last_name": "Lee", "first_name": "Ann"}]
)
@example(rows=[{"last_name": "Lee", "email": LONG_EMAIL}, {"last_name": "z" * 101}])
@example(  # CON-2: a similar name at the same customer, even a name of nothing but a mark
    rows=[{"last_name": "Lee", "account": "Acme"}, {"last_name": "Lee ", "account": "Acme"}]
    + [{"last_name": "e\u0301", "account": "Brit"}] * 2
)
def test_imp_1_contact_service_and_import_accept_the_same_rows(
    contact_world: Actor, rows: list[Row]
) -> None:
    """IMP-1, CON-1, CON-2, CON-4, PLAT-7: `contact_create` and the contact
    import accept and refuse the same rows and store the same contact."""
    rows = _file_rows(rows, CONTACT_CELLS)
    if not rows:
        return
    columns = ("first_name", "kind", "job_title", "is_key_contact", "email", "phone")
    accounts = dict(Account.objects.values_list("name", "pk"))

    def one_by_one() -> list[Any]:
        outcome = []

        def create(given: Row) -> Person:
            return contact_create(
                actor=contact_world,
                last_name=row["last_name"],
                **{name: given[name] for name in columns if name in given},
                account_ids=[accounts[row["account"]]] if "account" in given else [],
                custom={"score": given["custom.score"]} if "custom.score" in given else {},
            )

        for row in rows:
            try:
                person = _leniently(create, _given(row), {"last_name"})
            except (ValidationFailed, Conflict):
                outcome.append(None)
            else:
                outcome.append(person.pk)
        return [_contact(pk) for pk in outcome]

    created = _rolled_back(one_by_one)
    imported = _rolled_back(
        lambda: [_contact(pk) for pk in _import(contact_world, "contacts", rows)]
    )
    assert imported == created


@PROPERTY
@given(rows=account_rows)
@example(rows=[{"name": "Acme", "annual_revenue": "1.125"}, {"name": "n" * 201}])
@example(rows=[{"name": "e\u0301"}, {"name": "e\u0301"}, {"name": " acme"}, {"name": "ACME"}])
@example(  # CUS-1: near-identical names at one place, its postal code in any (ASCII) case
    rows=[
        {"name": "Acme Inc", "postal_code": "ab1 2cd", "country": "gb"},
        {"name": "Acme Inc.", "postal_code": "AB1 2CD", "country": "GB"},
        {"name": "Acme", "postal_code": "ß", "country": "US"},
        {"name": "Acme", "postal_code": "SS", "country": "US"},
        {"name": "Acme", "postal_code": "é", "country": "FR"},
        {"name": "Acme", "postal_code": "É", "country": "FR"},
    ]
)
def test_imp_1_account_service_and_import_accept_the_same_rows(
    account_world: Actor, rows: list[Row]
) -> None:
    """IMP-1, CUS-1, CUS-2, CUS-4, CUS-5, PLAT-7: `account_create` and the
    account import accept and refuse the same rows and store the same account."""
    rows = _file_rows(rows, ACCOUNT_CELLS)
    if not rows:
        return

    def one_by_one() -> list[Any]:
        outcome = []

        def create(given: Row) -> Account:
            given = dict(given)
            custom = {"tier": given.pop("custom.tier")} if "custom.tier" in given else {}
            return account_create(actor=account_world, data=given, custom=custom)

        for row in rows:
            try:
                account = _leniently(create, _given(row), {"name"})
            except (ValidationFailed, Conflict):
                outcome.append(None)
            else:
                outcome.append(account.pk)
        return [_account(pk) for pk in outcome]

    created = _rolled_back(one_by_one)
    imported = _rolled_back(
        lambda: [_account(pk) for pk in _import(account_world, "accounts", rows)]
    )
    assert imported == created
