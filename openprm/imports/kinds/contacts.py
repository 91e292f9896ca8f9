"""Importing contacts with their customer relationships and first e-mail and
phone (IMP-1, CON-1, CON-2, CON-4).

Each row gets the checks of `contacts.services.contact_create`: a last name,
a valid e-mail, a valid phone read in the customer's country (stored E.164),
a customer the importer may see, custom field values, and the CON-2
duplicate rules (same e-mail, same phone, similar name at the same customer)
against the visible contacts in the database and the rows before it in the
file. The checks that need no database (names, kind, flags, e-mail, the
phone in the default region) are `prepare`d, for a big file in a second
process (`imports.pipeline`); the rest runs in `process_batch` with a
constant number of queries per batch, and the batch is written as tuples
with one statement per table (`bulk`).
"""

from collections import defaultdict
from json import dumps
from typing import Any, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz, process

from openprm.contacts.duplicates import NAME_SIMILARITY, PREFIX_LENGTH
from openprm.contacts.models import ContactPoint, Person, Relationship
from openprm.contacts.normalize import DEFAULT_PHONE_REGION, normalize_email, normalize_phone
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused, ValidationFailed
from openprm.imports.audit import AuditBatch
from openprm.imports.bulk import (
    Statistics,
    TableWriter,
    dump_json,
    fetch_in,
    reserve_ids,
)
from openprm.imports.kinds.base import (
    BatchResult,
    Column,
    CustomValues,
    ImportContext,
    ImportKind,
    MappedRow,
    cached_key,
    field_errors_text,
    parse_bool,
    register_kind,
)
from openprm.imports.kinds.customer_names import CustomerNames
from openprm.imports.kinds.refs import ACCOUNT_MODEL, ext_key, keys_to_ids, visible_accounts
from openprm.imports.models import ImportKey

PERSON_MODEL = "contacts.person"
PERSON_COLUMNS = (
    "id",
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


class Parsed(NamedTuple):
    """A row after `ContactKind.prepare`: a tuple, since batches of them
    travel between processes (`imports.pipeline`)."""

    key: str
    errors: tuple[tuple[str, str], ...]  # (field, message)
    first_name: str
    last_name: str
    name_search: str
    last_name_search: str
    kind: str
    job_title: str
    is_key_contact: bool
    email: str
    phone: str  # as written in the file
    phone_read: tuple[str, str] | None  # PhoneReader.read in the default region
    account_key: str  # the customer's external id key
    account_name: str  # the customer's name key


CLEAN_FIELDS = (
    "first_name",
    "last_name",
    "name_search",
    "last_name_search",
    "kind",
    "job_title",
    "is_key_contact",
    "email",
)
ERROR_ORDER = (
    "last_name",
    "kind",
    "is_key_contact",
    "account_external_id",
    "account",
    "email",
    "phone",
)
KINDS = {
    "b2b": Person.Kind.B2B,
    "b2c": Person.Kind.B2C,
    **{str(label).lower(): value for value, label in Person.Kind.choices},
}


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


def _order(field: str) -> int:
    """Reject reasons in the order of the form: the fields, then custom fields."""
    return ERROR_ORDER.index(field) if field in ERROR_ORDER else len(ERROR_ORDER)


def _full_key(first_name: str, last_name: str) -> str:
    """`search_key` of the full name, from the cached keys of its parts
    (the key of a space-joined text is the space-joined keys)."""
    return " ".join(k for k in (cached_key(first_name), cached_key(last_name)) if k)


def _prefixes(clean: dict[str, Any]) -> tuple[str, str]:
    """The first and last name prefixes `contacts.duplicates` compares names
    under (no first-name prefix without a first name)."""
    first = cached_key(clean["first_name"])[:PREFIX_LENGTH]
    return first, clean["last_name_search"][:PREFIX_LENGTH]


class PhoneReader:
    """`normalize_phone` once per distinct (number, region) of a run: files
    repeat switchboard numbers, and phonenumbers costs tens of µs a call.
    No region is the default region, as for `normalize_phone`."""

    LIMIT = 200_000

    def __init__(self) -> None:
        self.known: dict[tuple[str, str], tuple[str, str]] = {}

    def read(self, value: str, region: str | None = None) -> tuple[str, str]:
        """`(e164, "")`, or `("", reason)` when the number is not valid."""
        key = (value, region or DEFAULT_PHONE_REGION)
        if key not in self.known:
            if len(self.known) >= self.LIMIT:
                self.known.clear()
            try:
                self.known[key] = (normalize_phone(*key), "")
            except ValueError as error:
                self.known[key] = ("", str(error))
        return self.known[key]

    def learn(self, value: str, read: tuple[str, str]) -> None:
        """What `read(value)` gave in the process that prepared the row."""
        self.known[(value, DEFAULT_PHONE_REGION)] = read


class ContactKind(ImportKind):
    code = "contacts"
    label = gettext_lazy("Contacts")
    record_type = Person.record_type
    columns = (
        Column("external_id", gettext_lazy("External ID"), ("id", "externalid", "contact id")),
        Column("first_name", gettext_lazy("First name"), ("firstname", "given name", "first")),
        Column(
            "last_name",
            gettext_lazy("Last name"),
            ("lastname", "surname", "family name", "name", "last"),
            required=True,
        ),
        Column("kind", gettext_lazy("Kind (B2B/B2C)"), ("type", "contact type")),
        Column("job_title", gettext_lazy("Job title"), ("title", "position", "job")),
        Column("is_key_contact", gettext_lazy("Key contact"), ("key contact", "key")),
        Column("email", gettext_lazy("E-mail"), ("e-mail", "mail", "email address")),
        Column("phone", gettext_lazy("Phone"), ("telephone", "phone number", "tel", "mobile")),
        Column("account", gettext_lazy("Customer (account name)"), ("customer", "company")),
        Column(
            "account_external_id",
            gettext_lazy("Customer external ID"),
            ("account id", "customer id", "company id"),
        ),
    )

    def check_actor(self, actor: Actor) -> None:
        if not actor.is_internal:
            raise PermissionRefused(_("Only internal users can import contacts."))

    def start(self, ctx: ImportContext) -> None:
        ctx.seen = {"emails": set(), "phones": set(), "names": defaultdict(list)}
        ctx.seen["custom"] = CustomValues(Person.record_type)
        ctx.seen["phones_read"] = PhoneReader()
        ctx.seen["customer_names"] = CustomerNames()
        ctx.seen["statistics"] = Statistics((ImportKey, ContactPoint, Relationship, Person))

    prepares = True

    def prepare(self, rows: list[MappedRow], memo: dict[str, Any]) -> None:
        phones = memo.setdefault("phones", PhoneReader())
        for row in rows:
            row.parsed = self._parse(row, phones)

    def _parse(self, row: MappedRow, phones: PhoneReader) -> Parsed:
        """The checks of `contacts.services.contact_create` that need no
        database, with their messages; the phone is read in the default
        region, the customer's country being known only in `_clean`."""
        data = row.data
        errors: list[tuple[str, str]] = []
        last_name = data.get("last_name", "").strip()
        if not last_name:
            errors.append(("last_name", _("This field is required.")))
        kind = Person.Kind.B2B.value
        if data.get("kind", "").strip():
            kind = KINDS.get(data["kind"].strip().lower(), "")
            if not kind:
                errors.append(("kind", _("Choose B2B or B2C.")))
        try:
            key_contact = parse_bool(data.get("is_key_contact", ""))
        except ValueError as error:
            errors.append(("is_key_contact", str(error)))
            key_contact = False
        email = ""
        if data.get("email", "").strip():
            try:
                email = normalize_email(data["email"])
            except ValueError as error:
                errors.append(("email", str(error)))
        phone = data.get("phone", "") if data.get("phone", "").strip() else ""
        first_name = data.get("first_name", "").strip()
        return Parsed(
            key=self._row_key(row),
            errors=tuple(errors),
            first_name=first_name,
            last_name=last_name,
            name_search=_full_key(first_name, last_name),
            last_name_search=cached_key(last_name),
            kind=kind,
            job_title=data.get("job_title", "").strip(),
            is_key_contact=key_contact,
            email=email,
            phone=phone,
            phone_read=phones.read(phone) if phone else None,
            account_key=(
                ext_key(data["account_external_id"]) if data.get("account_external_id") else ""
            ),
            account_name=cached_key(data["account"]) if data.get("account", "").strip() else "",
        )

    def process_batch(self, ctx: ImportContext, rows: list[MappedRow]) -> BatchResult:
        result = BatchResult()
        statistics: Statistics = ctx.seen["statistics"]
        statistics.refresh()
        # One query each: already-imported keys, referenced customers.
        keys = {row.line: row.parsed.key for row in rows}
        done = keys_to_ids(ctx.actor, PERSON_MODEL, keys.values())
        ext_accounts = keys_to_ids(
            ctx.actor,
            ACCOUNT_MODEL,
            (r.parsed.account_key for r in rows if r.parsed.account_key),
        )
        by_id, by_name = visible_accounts(
            ctx.actor,
            ids=ext_accounts.values(),
            name_keys=(r.parsed.account_name for r in rows if r.parsed.account_name),
        )
        candidates: list[tuple[MappedRow, dict[str, Any]]] = []
        for row in rows:
            if keys[row.line] in done:
                result.skipped += 1
                continue
            try:
                candidates.append((row, self._clean(ctx, row, ext_accounts, by_id, by_name)))
            except ValidationFailed as error:
                result.reject(row, field_errors_text(error))
        accepted = self._dedupe(ctx, candidates, result)
        self._insert(ctx, accepted, keys)
        result.accepted = len(accepted)
        return result

    @staticmethod
    def _row_key(row: MappedRow) -> str:
        """Idempotency key: the external id, else the e-mail, else name at customer."""
        if row.data.get("external_id"):
            return ext_key(row.data["external_id"])
        if row.data.get("email"):
            return "email:" + row.data["email"].strip().lower()
        customer = row.data.get("account_external_id") or row.data.get("account", "")
        name = _full_key(row.data.get("first_name", ""), row.data.get("last_name", ""))
        return f"name:{cached_key(customer)}:{name}"

    def _clean(
        self,
        ctx: ImportContext,
        row: MappedRow,
        ext_accounts: dict[str, int],
        by_id: dict[int, str],
        by_name: dict[str, list[tuple[int, str]]],
    ) -> dict[str, Any]:
        """The prepared row with its customer (visible to the importer), its
        phone read in the customer's country and its custom fields."""
        parsed: Parsed = row.parsed
        errors = {field: [message] for field, message in parsed.errors}
        account_id, country = None, ""
        if parsed.account_key:
            account_id = ext_accounts.get(parsed.account_key)
            if account_id not in by_id:
                errors["account_external_id"] = [_("No customer you can see has this ID.")]
            else:
                country = by_id[account_id]
        elif parsed.account_name:
            matches = by_name.get(parsed.account_name, [])
            if len(matches) == 1:
                account_id, country = matches[0]
            elif not matches:
                errors["account"] = [_("No customer you can see has this name.")]
            else:
                errors["account"] = [_("Several customers have this name; use the customer ID.")]
        phone = ""
        if parsed.phone and parsed.phone_read:
            reader: PhoneReader = ctx.seen["phones_read"]
            reader.learn(parsed.phone, parsed.phone_read)
            phone, message = reader.read(parsed.phone, country)
            if message:
                errors["phone"] = [message]
        try:
            custom = ctx.seen["custom"].clean(row.custom)
        except ValidationFailed as error:
            errors.update(error.field_errors)
            custom = {}
        if errors:
            raise ValidationFailed(field_errors={f: errors[f] for f in sorted(errors, key=_order)})
        return {
            **{name: getattr(parsed, name) for name in CLEAN_FIELDS},
            "custom": custom,
            "phone": phone,
            "account_id": account_id,
        }

    def _dedupe(
        self,
        ctx: ImportContext,
        candidates: list[tuple[MappedRow, dict[str, Any]]],
        result: BatchResult,
    ) -> list[tuple[MappedRow, dict[str, Any]]]:
        """CON-2 within the file (earlier rows) and against visible contacts:
        equal e-mails and phones by their indexes; names are compared, as in
        `contacts.duplicates`, with the contacts at the same customer whose
        first or last name starts alike (read once per customer per run)."""
        owners_of: dict[str, set[int]] = defaultdict(set)
        for kind, column in (
            (ContactPoint.Kind.EMAIL, "email"),
            (ContactPoint.Kind.PHONE, "phone"),
        ):
            values = list({c[column] for _, c in candidates if c[column]})
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
        matches = {
            row.line: self._db_matches(clean, owners_of, customer_names)
            for row, clean in candidates
        }
        # Only contacts the actor may see count (a reject must not reveal
        # hidden records), and only matching ones need checking: one query.
        shown = VisiblePersons(ctx.actor).among(
            {pk for found in matches.values() for ids in found.values() for pk in ids}
        )
        names: dict[int, list[str]] = ctx.seen["names"]
        seen_emails, seen_phones = ctx.seen["emails"], ctx.seen["phones"]
        accepted = []
        for row, clean in candidates:
            found = {what: ids & shown for what, ids in matches[row.line].items()}
            reasons = []
            for what, seen in (("email", seen_emails), ("phone", seen_phones)):
                value = clean[what]
                if value and (found[what] or value in seen):
                    reasons.append(self._duplicate_reason(what, value, bool(found[what])))
            account_id = clean["account_id"]
            if account_id and (
                found["name"] or self._similar(clean["name_search"], names.get(account_id, []))
            ):
                reasons.append(_("Duplicate: a similar name at the same customer."))
            if reasons:
                result.reject(row, reasons)
                continue
            if clean["email"]:
                seen_emails.add(clean["email"])
            if clean["phone"]:
                seen_phones.add(clean["phone"])
            if account_id:
                names[account_id].append(clean["name_search"])
            accepted.append((row, clean))
        return accepted

    @staticmethod
    def _similar(name: str, pool: list[str]) -> bool:
        return bool(
            pool
            and process.extractOne(
                name, pool, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_SIMILARITY
            )
        )

    @staticmethod
    def _db_matches(
        clean: dict[str, Any],
        owners_of: dict[str, set[int]],
        customer_names: CustomerNames,
    ) -> dict[str, set[int]]:
        found = {
            "email": set(owners_of.get(clean["email"], ())) if clean["email"] else set(),
            "phone": set(owners_of.get(clean["phone"], ())) if clean["phone"] else set(),
            "name": set(),
        }
        name = clean["name_search"]
        for other, pk in customer_names.near(clean["account_id"], *_prefixes(clean)):
            if fuzz.token_sort_ratio(name, other) >= NAME_SIMILARITY:
                found["name"].add(pk)
        return found

    @staticmethod
    def _duplicate_reason(what: str, value: str, in_database: bool) -> str:
        where = _("an existing contact") if in_database else _("an earlier row")
        if what == "email":
            return _("Duplicate: same e-mail %(value)s as %(where)s.") % {
                "value": value,
                "where": where,
            }
        return _("Duplicate: same phone %(value)s as %(where)s.") % {"value": value, "where": where}

    def _insert(
        self, ctx: ImportContext, accepted: list[tuple[MappedRow, dict[str, Any]]], keys: dict
    ) -> None:
        """Rows built as tuples, one statement per table. Each contact gets
        one creation entry, on the person, whose changes include its e-mail,
        phone and customer (PLAT-5; docs/decisions.md)."""
        if not accepted:
            return
        actor_id = getattr(ctx.actor, "pk", None)
        person_ids = reserve_ids(Person, len(accepted))
        reserved = reserve_ids(Relationship, sum(1 for _, c in accepted if c["account_id"]))
        ctx.seen["customer_names"].created(reserved)
        relation_ids = iter(reserved)
        audit = AuditBatch(ctx.actor)
        person_type = audit.type_id(Person)
        owner = dumps(actor_id)
        email_kind, phone_kind = ContactPoint.Kind.EMAIL.value, ContactPoint.Kind.PHONE.value
        persons, points, relations, import_keys = [], [], [], []
        for (row, clean), person_id in zip(accepted, person_ids, strict=True):
            persons.append(person_values(person_id, clean, actor_id))
            email, phone, account_id = clean["email"], clean["phone"], clean["account_id"]
            if email:
                points.append((person_id, email_kind, email, "", True))
            if phone:
                points.append((person_id, phone_kind, "", phone, True))
            if account_id:
                relations.append((next(relation_ids), person_id, account_id))
            audit.created_json(
                person_type,
                person_id,
                f"{clean['first_name']} {clean['last_name']}".strip(),
                _person_changes(clean, owner),
            )
            import_keys.append(
                (PERSON_MODEL, keys[row.line], person_id, ctx.job.pk, ctx.actor.pk, row.line)
            )
        TableWriter(Person).insert_values(PERSON_COLUMNS, persons)
        TableWriter(ContactPoint).insert_values(
            ("person_id", "kind", "email", "phone", "is_primary"), points
        )
        TableWriter(Relationship).insert_values(("id", "person_id", "account_id"), relations)
        TableWriter(ImportKey).insert_values(
            ("model", "key", "object_id", "job_id", "user_id", "line"), import_keys
        )
        audit.flush()
        statistics: Statistics = ctx.seen["statistics"]
        for model, rows in (
            (Person, persons),
            (ContactPoint, points),
            (Relationship, relations),
            (ImportKey, import_keys),
        ):
            statistics.grew(model, len(rows))


def _person_changes(clean: dict[str, Any], owner: str) -> str:
    """The creation entry's changes as JSON text, in core.audit's
    `{"field": [null, value]}` shape, with the contact's first e-mail,
    phone and customer (by id, as core.audit records a foreign key)."""
    first, title, custom = clean["first_name"], clean["job_title"], clean["custom"]
    parts = [
        f'"first_name":[null,{dumps(first)}],' if first else "",
        f'"last_name":[null,{dumps(clean["last_name"])}],"kind":[null,"{clean["kind"]}"],',
        f'"job_title":[null,{dumps(title)}],' if title else "",
        f'"is_key_contact":[null,{dumps(clean["is_key_contact"])}],"owner":[null,{owner}],',
        "".join(f"{dumps(f'custom.{k}')}:[null,{dumps(v)}]," for k, v in custom.items()),
        f'"email":[null,{dumps(clean["email"])}],' if clean["email"] else "",
        f'"phone":[null,{dumps(clean["phone"])}],' if clean["phone"] else "",
        f'"customer":[null,{clean["account_id"]}],' if clean["account_id"] else "",
        '"is_active":[null,true]',
    ]
    return "{" + "".join(parts) + "}"


register_kind(ContactKind())
