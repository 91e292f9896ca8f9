"""Importing contacts with their customer relationships and first e-mail and
phone (IMP-1, CON-1, CON-2, CON-4).

Each row is checked by the rules of `contacts.services.contact_create`
itself: `contacts.rules.contacts_check` (names, kind, flag, e-mail, phone,
custom fields) runs as each batch is `prepare`d, for a big file in a second
process (`imports.pipeline`), with phones read in the default region; a row
whose customer lies in another country and has a phone is checked again
with that country. The checks that need the database run in
`process_batch` with a constant number of queries per batch: a customer the
importer may see, and the CON-2 duplicate rules (same e-mail, same phone,
similar name at the same customer, `contacts.duplicates`) against the
visible contacts in the database and the rows before it in the file. The
batch is written as tuples with one statement per table (`bulk`).
"""

from collections import defaultdict
from json import dumps
from typing import Any, NamedTuple

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.contacts.duplicates import any_name_alike, name_prefixes, name_score
from openprm.contacts.models import ContactPoint, ContactPreference, Person, Relationship
from openprm.contacts.normalize import DEFAULT_PHONE_REGION
from openprm.contacts.rules import ContactDraft, NewContact, contacts_check
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.values import CustomDefinitions, custom_definitions
from openprm.core.errors import DomainError, PermissionRefused
from openprm.core.rules import Errors, Refused
from openprm.core.search import search_key_cached
from openprm.customers.services import account_create
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
    ImportContext,
    ImportKind,
    MappedRow,
    ValueWarning,
    register_kind,
)
from openprm.imports.kinds.consent import opted_out, preference_rows
from openprm.imports.kinds.customer_names import CustomerNames, NamePool
from openprm.imports.kinds.lenient import Check, checked_leniently, without
from openprm.imports.kinds.mailing import ADDRESS_COLUMNS, mailing_address, row_country
from openprm.imports.kinds.phones import compared_values, numbers_of, other_phones
from openprm.imports.kinds.refs import (
    ACCOUNT_MODEL,
    EXT_PREFIX,
    ext_key,
    keys_imported,
    keys_to_ids,
    visible_accounts,
)
from openprm.imports.models import ImportJob, ImportKey

PERSON_MODEL = "contacts.person"
REQUIRED = frozenset({"last_name", "full_name"})
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
    contact: NewContact | Refused  # its phone read in the default region
    account_key: str  # the customer's external id key
    account_name: str  # the customer's name key
    warnings: tuple[ValueWarning, ...] = ()  # the values it is accepted without


DRAFT_COLUMNS = frozenset(
    ("last_name", "first_name", "kind", "job_title", "is_key_contact", "email", "phone")
)
ERROR_ORDER = (
    "first_name",
    "last_name",
    "kind",
    "job_title",
    "is_key_contact",
    "account_external_id",
    "account",
    "email",
    "phone",
)


def _order(field: str) -> int:
    return ERROR_ORDER.index(field) if field in ERROR_ORDER else len(ERROR_ORDER)


def _reasons(errors: Errors) -> list[str]:
    """Reject reasons as `field: message`, in the order of the form: the
    fields, then custom fields."""
    return [f"{name}: {message}" for name in sorted(errors, key=_order) for message in errors[name]]


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


def draft_of(row: MappedRow, phone_region: str | None = None) -> ContactDraft:
    """A row as the create rules read it: a blank cell is a value not given;
    a full name (Odoo's) gives the last word as the last name and the rest
    as the first name, where the row has no names of its own."""
    given = {name: value for name, value in row.data.items() if value and name in DRAFT_COLUMNS}
    full_name = row.data.get("full_name", "").split()
    if full_name and not given.get("last_name"):
        given["last_name"] = full_name[-1]
        if len(full_name) > 1 and not given.get("first_name"):
            given["first_name"] = " ".join(full_name[:-1])
    return ContactDraft(**given, custom=row.custom, phone_region=phone_region)


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


def _create_missing(
    ctx: ImportContext, rows: list[MappedRow], by_name: dict[str, list[tuple[int, str]]]
) -> list[ValueWarning]:
    """Issue 18 "Missing companies", as HubSpot does: an account for each
    customer name no visible account has, made by `account_create` itself
    (its rules, audit and events); a name it refuses leaves the rows
    rejected as without the option."""
    warnings = []
    for row in rows:
        key, name = row.parsed.account_name, row.data.get("account", "").strip()
        if row.parsed.account_key or not key or by_name.get(key):
            continue
        try:
            with transaction.atomic():
                account = account_create(actor=ctx.actor, data={"name": name})
        except DomainError:
            by_name[key] = []
            continue
        by_name[key] = [(account.pk, "")]
        reason = _("A new account was created for this customer.")
        warnings.append(ValueWarning(row.line, "account", name, reason))
    return warnings


def _checker(custom: CustomDefinitions, regions: dict[int, str] | None = None) -> Check:
    """The create rules of `contact_create` for rows without some fields,
    phones read in the row's region by line (default region otherwise)."""

    def check(rows: list[MappedRow], dropped: list[frozenset[str]]) -> list[Any]:
        drafts = [
            draft_of(without(row, d), (regions or {}).get(row.line))
            for row, d in zip(rows, dropped, strict=True)
        ]
        return contacts_check(drafts, custom_fields=custom)

    return check


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
        Column("full_name", gettext_lazy("Full name (first and last)"), ("full name",)),
        Column("kind", gettext_lazy("Kind (B2B/B2C)"), ("type", "contact type")),
        Column("job_title", gettext_lazy("Job title"), ("title", "position", "job")),
        Column("is_key_contact", gettext_lazy("Key contact"), ("key contact", "key")),
        Column("email", gettext_lazy("E-mail"), ("e-mail", "mail", "email address")),
        Column("phone", gettext_lazy("Phone"), ("telephone", "phone number", "tel")),
        Column(
            "mobile", gettext_lazy("Mobile phone"), ("mobile", "mobilephone", "mobile phone number")
        ),
        Column("home_phone", gettext_lazy("Home phone"), ("homephone",)),
        Column(
            "email_opt_out",
            gettext_lazy("E-mail opt-out (yes/no)"),
            ("email opt out", "unsubscribed from all email"),
        ),
        Column("do_not_call", gettext_lazy("Do not call (yes/no)"), ("donotcall",)),
        Column("address_line1", gettext_lazy("Mailing street"), ("mailing street", "street")),
        Column("address_line2", gettext_lazy("Mailing street, line 2")),
        Column("city", gettext_lazy("City"), ("mailing city", "town")),
        Column("region", gettext_lazy("Region / state"), ("mailing state", "state")),
        Column("postal_code", gettext_lazy("Postal code"), ("mailing postal code", "zip")),
        Column("country", gettext_lazy("Country"), ("mailing country",)),
        Column("account", gettext_lazy("Customer (account name)"), ("customer", "company")),
        Column("is_company", gettext_lazy("Is a company (rows of companies are left out)")),
        Column(
            "account_external_id",
            gettext_lazy("Customer external ID"),
            ("account id", "customer id", "company id"),
        ),
    )

    companies = False
    stand_ins = {"last_name": ("full_name",)}

    def check_actor(self, actor: Actor) -> None:
        if not actor.is_internal:
            raise PermissionRefused(_("Only internal users can import contacts."))

    def choices(self) -> dict[str, list[tuple[str, str]]]:
        return {"kind": [(value, str(label)) for value, label in Person.Kind.choices]}

    def start(self, ctx: ImportContext) -> None:
        ctx.seen = {"emails": set(), "phones": set(), "names": EarlierNames()}
        ctx.seen["custom"] = custom_definitions(Person.record_type)
        ctx.seen["customer_names"] = CustomerNames()
        ctx.seen["statistics"] = Statistics(
            (ImportKey, ContactPoint, ContactPreference, Relationship, Person)
        )

    prepares = True

    def prepare_memo(self, ctx: ImportContext) -> dict[str, Any]:
        return {"custom": ctx.seen["custom"]}

    def prepare(self, rows: list[MappedRow], memo: dict[str, Any]) -> None:
        """`contacts_check` for the batch, phones read in the default region;
        a row refused for optional values only is kept without them."""
        checked = checked_leniently(rows, _checker(memo["custom"]), REQUIRED)
        for row, (contact, warnings) in zip(rows, checked, strict=True):
            data = row.data
            row.parsed = Parsed(
                key=self._row_key(row),
                contact=contact,
                account_key=(
                    ext_key(data["account_external_id"]) if data.get("account_external_id") else ""
                ),
                account_name=search_key_cached(data["account"]) if data.get("account") else "",
                warnings=warnings,
            )

    def process_batch(self, ctx: ImportContext, rows: list[MappedRow]) -> BatchResult:
        result = BatchResult()
        statistics: Statistics = ctx.seen["statistics"]
        statistics.refresh()
        # One query each: already-imported keys, referenced customers.
        keys = {row.line: row.parsed.key for row in rows}
        earlier, own = keys_imported(ctx.actor, PERSON_MODEL, keys.values(), ctx.job)
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
        option = ctx.job.missing_customers
        if option == ImportJob.MissingCustomers.CREATE:
            result.warnings.extend(
                _create_missing(ctx, [r for r in rows if keys[r.line] not in earlier], by_name)
            )
        customers: list[tuple[MappedRow, int | None, str, Errors]] = []
        unlinked: dict[int, ValueWarning] = {}
        for row in rows:
            if keys[row.line] in earlier:
                result.skipped += 1
                continue
            found = self._customer(row.parsed, ext_accounts, by_id, by_name)
            if found[2] and option == ImportJob.MissingCustomers.UNLINK:
                (name,) = found[2]
                reason = _("Imported without a customer: %s") % " ".join(found[2][name])
                unlinked[row.line] = ValueWarning(row.line, name, row.data[name], reason)
                found = (None, "", {})
            # Phones are read in the row's own country, else its customer's.
            customers.append((row, found[0], row_country(row) or found[1], found[2]))
        contacts = self._in_customer_country(ctx, customers)
        candidates: list[tuple[MappedRow, dict[str, Any]]] = []
        warnings: dict[int, list[ValueWarning]] = {}
        for row, account_id, country, errors in customers:
            contact, row_warnings = contacts.get(
                row.line, (row.parsed.contact, row.parsed.warnings)
            )
            if isinstance(contact, Refused) or errors:
                found = {**(contact.errors if isinstance(contact, Refused) else {}), **errors}
                result.reject(row, _reasons(found))
                continue
            region = country or DEFAULT_PHONE_REGION
            phones, phone_warnings = other_phones(row, region, contact.phone)
            closed, flag_warnings = opted_out(row)
            address, address_warnings = mailing_address(row)
            warnings[row.line] = [
                *row_warnings,
                *phone_warnings,
                *flag_warnings,
                *address_warnings,
                *([unlinked[row.line]] if row.line in unlinked else []),
            ]
            clean = {
                **contact._asdict(),
                "account_id": account_id,
                "other_phones": phones,
                "closed": closed,
                "address": address,
            }
            candidates.append((row, clean))
        accepted = self._dedupe(ctx, candidates, keys, own, result)
        self._insert(ctx, accepted, keys)
        result.accepted = len(accepted)
        result.warnings.extend(w for row, _c, _k in accepted for w in warnings[row.line])
        return result

    @staticmethod
    def _customer(
        parsed: Parsed,
        ext_accounts: dict[str, int],
        by_id: dict[int, str],
        by_name: dict[str, list[tuple[int, str]]],
    ) -> tuple[int | None, str, Errors]:
        """The row's customer among those the importer may see, its country,
        or why there is none."""
        if parsed.account_key:
            account_id = ext_accounts.get(parsed.account_key)
            if account_id not in by_id:
                return (
                    None,
                    "",
                    {"account_external_id": [_("No customer you can see has this ID.")]},
                )
            return account_id, by_id[account_id], {}
        if parsed.account_name:
            matches = by_name.get(parsed.account_name, [])
            if len(matches) == 1:
                return matches[0][0], matches[0][1], {}
            if not matches:
                return None, "", {"account": [_("No customer you can see has this name.")]}
            return (
                None,
                "",
                {"account": [_("Several customers have this name; use the customer ID.")]},
            )
        return None, "", {}

    @staticmethod
    def _in_customer_country(
        ctx: ImportContext, customers: list[tuple[MappedRow, int | None, str, Errors]]
    ) -> dict[int, tuple[NewContact | Refused, tuple[ValueWarning, ...]]]:
        """The rows with a phone whose customer lies outside the default
        region, checked again with their phone read in that country (CON-4),
        by line, with the values they are accepted without."""
        again = [
            (row, country)
            for row, _account_id, country, _errors in customers
            if country and country != DEFAULT_PHONE_REGION and row.data.get("phone")
        ]
        regions = {row.line: country for row, country in again}
        rows = [row for row, _country in again]
        checked = checked_leniently(rows, _checker(ctx.seen["custom"], regions), REQUIRED)
        return {row.line: outcome for row, outcome in zip(rows, checked, strict=True)}

    @staticmethod
    def _row_key(row: MappedRow) -> str:
        """Idempotency key: the external id, else the e-mail, else name at customer."""
        if row.data.get("external_id"):
            return ext_key(row.data["external_id"])
        if row.data.get("email"):
            return "email:" + row.data["email"].strip().lower()
        customer = row.data.get("account_external_id") or row.data.get("account", "")
        names = (row.data.get("first_name", ""), row.data.get("last_name", ""))
        name = " ".join(k for k in map(search_key_cached, names) if k)
        return f"name:{search_key_cached(customer)}:{name}"

    def _dedupe(
        self,
        ctx: ImportContext,
        candidates: list[tuple[MappedRow, dict[str, Any]]],
        keys: dict[int, str],
        own: set[str],
        result: BatchResult,
    ) -> list[tuple[MappedRow, dict[str, Any], bool]]:
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
        matches = {
            row.line: self._db_matches(clean, owners_of, customer_names)
            for row, clean in candidates
        }
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
                        reasons.append(self._duplicate_reason(what, value, in_database))
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

    @staticmethod
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
        self,
        ctx: ImportContext,
        accepted: list[tuple[MappedRow, dict[str, Any], bool]],
        keys: dict[int, str],
    ) -> None:
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
    parts = [
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


register_kind(ContactKind())
