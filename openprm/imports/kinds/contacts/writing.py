"""Writing a batch of accepted contacts: rows built as tuples, one statement
per table, and one creation entry per contact (PLAT-5)."""

from json import dumps
from typing import Any

from openprm.contacts.models import ContactPoint, ContactPreference, Person, Relationship
from openprm.imports.audit import AuditBatch
from openprm.imports.bulk import Statistics, TableWriter, dump_json, reserve_ids
from openprm.imports.kinds.base import ImportContext
from openprm.imports.kinds.consent import preference_rows
from openprm.imports.kinds.contacts.duplicates import Accepted
from openprm.imports.kinds.contacts.rows import PERSON_MODEL
from openprm.imports.kinds.mailing import ADDRESS_COLUMNS
from openprm.imports.models import ImportKey

PERSON_COLUMNS = (
    "id",
    "salutation",
    "first_name",
    "last_name",
    "name_search",
    "last_name_search",
    "kind",
    "job_title",
    "is_key_contact",
    "custom",
    "owner_id",
)


def person_values(person_id: int, clean: dict[str, Any], owner_id: int | None) -> tuple:
    """One person row in `PERSON_COLUMNS` order, from a cleaned import row."""
    return (
        person_id,
        clean["salutation"],
        clean["first_name"],
        clean["last_name"],
        clean["name_search"],
        clean["last_name_search"],
        clean["kind"],
        clean["job_title"],
        clean["is_key_contact"],
        dump_json(clean["custom"]),
        owner_id,
    )


def insert(ctx: ImportContext, accepted: Accepted, keys: dict[int, str]) -> None:
    """Rows built as tuples, one statement per table. Each contact gets
    one creation entry, on the person, whose changes include its e-mail,
    phone and customer (PLAT-5; docs/decisions.md)."""
    if not accepted:
        return
    actor_id = getattr(ctx.actor, "pk", None)
    person_ids = reserve_ids(Person, len(accepted))
    reserved = reserve_ids(Relationship, sum(1 for _, c, _new in accepted if c["account_id"]))
    ctx.seen["customer_names"].created(reserved)
    relation_ids = iter(reserved)
    audit = AuditBatch(ctx.actor)
    person_type = audit.type_id(Person)
    owner = dumps(actor_id)
    email_kind, phone_kind = ContactPoint.Kind.EMAIL.value, ContactPoint.Kind.PHONE.value
    persons, points, relations, import_keys = [], [], [], []
    closed: dict[int, frozenset[str]] = {}
    addresses = []
    for (row, clean, new_key), person_id in zip(accepted, person_ids, strict=True):
        persons.append(person_values(person_id, clean, actor_id))
        email, phone, account_id = clean["email"], clean["phone"], clean["account_id"]
        if email:
            points.append((person_id, email_kind, email, "", "work", True))
        if phone:
            points.append((person_id, phone_kind, "", phone, "work", True))
        for index, (purpose, number) in enumerate(clean["other_phones"]):
            points.append((person_id, phone_kind, "", number, purpose, not phone and not index))
        if account_id:
            relations.append((next(relation_ids), person_id, account_id))
        if clean["closed"]:
            closed[person_id] = clean["closed"]
        if clean["address"]:
            addresses.append((person_id, "address", "work", True, *clean["address"]))
        audit.created_json(
            person_type,
            person_id,
            f"{clean['first_name']} {clean['last_name']}".strip(),
            _person_changes(clean, owner),
        )
        if new_key:
            import_keys.append(
                (PERSON_MODEL, keys[row.line], person_id, ctx.job.pk, ctx.actor.pk, row.line)
            )
    TableWriter(Person).insert_values(PERSON_COLUMNS, persons)
    point_ids = reserve_ids(ContactPoint, len(points)) if points else []
    points = [(pk, *point) for pk, point in zip(point_ids, points, strict=True)]
    TableWriter(ContactPoint).insert_values(
        ("id", "person_id", "kind", "email", "phone", "purpose", "is_primary"), points
    )
    TableWriter(ContactPoint).insert_values(
        ("person_id", "kind", "purpose", "is_primary", *ADDRESS_COLUMNS), addresses
    )
    preferences = preference_rows(points, closed)
    TableWriter(ContactPreference).insert_values(
        ("contact_point_id", "preference", "reason_code"), preferences
    )
    TableWriter(Relationship).insert_values(("id", "person_id", "account_id"), relations)
    TableWriter(ImportKey).insert_values(
        ("model", "key", "object_id", "job_id", "user_id", "line"), import_keys
    )
    audit.flush()
    statistics: Statistics = ctx.seen["statistics"]
    for model, rows in (
        (Person, persons),
        (ContactPoint, points + addresses),
        (ContactPreference, preferences),
        (Relationship, relations),
        (ImportKey, import_keys),
    ):
        statistics.grew(model, len(rows))


def _person_changes(clean: dict[str, Any], owner: str) -> str:
    """The creation entry's changes as JSON text, in core.audit's
    `{"field": [null, value]}` shape, with the contact's first e-mail,
    phone and customer (by id, as core.audit records a foreign key)."""
    first, title, custom = clean["first_name"], clean["job_title"], clean["custom"]
    salutation = clean["salutation"]
    parts = [
        f'"salutation":[null,{dumps(salutation)}],' if salutation else "",
        f'"first_name":[null,{dumps(first)}],' if first else "",
        f'"last_name":[null,{dumps(clean["last_name"])}],"kind":[null,"{clean["kind"]}"],',
        f'"job_title":[null,{dumps(title)}],' if title else "",
        f'"is_key_contact":[null,{dumps(clean["is_key_contact"])}],"owner":[null,{owner}],',
        "".join(f"{dumps(f'custom.{k}')}:[null,{dumps(v)}]," for k, v in custom.items()),
        f'"email":[null,{dumps(clean["email"])}],' if clean["email"] else "",
        f'"phone":[null,{dumps(clean["phone"])}],' if clean["phone"] else "",
        "".join(f'"{purpose}_phone":[null,{dumps(n)}],' for purpose, n in clean["other_phones"]),
        f'"customer":[null,{clean["account_id"]}],' if clean["account_id"] else "",
        '"is_active":[null,true]',
    ]
    return "{" + "".join(parts) + "}"
