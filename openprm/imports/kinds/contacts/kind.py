"""The contact import kind: a batch's customers, checks and writing, in the
order the rules need them (the package's docstring tells the rules)."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.contacts.catalog import SALUTATION
from openprm.contacts.models import ContactPoint, ContactPreference, Person, Relationship
from openprm.contacts.normalize import DEFAULT_PHONE_REGION
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.lookups.selectors import lookup_choices
from openprm.core.rules import Refused
from openprm.imports.bulk import Statistics
from openprm.imports.kinds.base import (
    BatchResult,
    ImportContext,
    ImportKind,
    MappedRow,
    ValueWarning,
    register_kind,
)
from openprm.imports.kinds.consent import FLAG_COLUMNS, opted_out
from openprm.imports.kinds.contacts.columns import COLUMNS
from openprm.imports.kinds.contacts.duplicates import EarlierNames, dedupe
from openprm.imports.kinds.contacts.rows import (
    PERSON_MODEL,
    Customers,
    create_missing,
    customer_of,
    in_customer_country,
    parse,
    reasons,
    rule_data,
)
from openprm.imports.kinds.contacts.writing import insert
from openprm.imports.kinds.customer_names import CustomerNames
from openprm.imports.kinds.mailing import ADDRESS_COLUMNS, mailing_address, row_country
from openprm.imports.kinds.phones import PHONE_COLUMNS, other_phones
from openprm.imports.kinds.refs import (
    ACCOUNT_MODEL,
    keys_imported,
    keys_to_ids,
    visible_accounts,
)
from openprm.imports.models import ImportJob, ImportKey


class ContactKind(ImportKind):
    code = "contacts"
    label = gettext_lazy("Contacts")
    record_type = Person.record_type
    columns = COLUMNS

    companies = False
    stand_ins = {"last_name": ("full_name",)}

    def check_actor(self, actor: Actor) -> None:
        if not actor.is_internal:
            raise PermissionRefused(_("Only internal users can import contacts."))

    def choices(self) -> dict[str, list[tuple[str, str]]]:
        return {
            "kind": [(value, str(label)) for value, label in Person.Kind.choices],
            "salutation": lookup_choices(SALUTATION),
        }

    def start(self, ctx: ImportContext) -> None:
        ctx.seen = {"emails": set(), "phones": set(), "names": EarlierNames()}
        ctx.seen.update(rule_data())
        ctx.seen["customer_names"] = CustomerNames()
        ctx.seen["statistics"] = Statistics(
            (ImportKey, ContactPoint, ContactPreference, Relationship, Person)
        )

    prepares = True

    def prepare_memo(self, ctx: ImportContext) -> dict[str, Any]:
        return {"custom": ctx.seen["custom"], "salutations": ctx.seen["salutations"]}

    def prepare(self, rows: list[MappedRow], memo: dict[str, Any]) -> None:
        parse(rows, memo)

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
                create_missing(ctx, [r for r in rows if keys[r.line] not in earlier], by_name)
            )
        # Issue 18's columns are read only when the file maps them (every
        # row maps the same ones): most files have none of them.
        mapped = rows[0].data.keys()
        reads_phones = not mapped.isdisjoint(PHONE_COLUMNS)
        reads_flags = not mapped.isdisjoint(FLAG_COLUMNS)
        reads_address = not mapped.isdisjoint(ADDRESS_COLUMNS)
        customers: Customers = []
        unlinked: dict[int, ValueWarning] = {}
        for row in rows:
            if keys[row.line] in earlier:
                result.skipped += 1
                continue
            found = customer_of(row.parsed, ext_accounts, by_id, by_name)
            if found[2] and option == ImportJob.MissingCustomers.UNLINK:
                (name,) = found[2]
                reason = _("Imported without a customer: %s") % " ".join(found[2][name])
                unlinked[row.line] = ValueWarning(row.line, name, row.data[name], reason)
                found = (None, "", {})
            # Phones are read in the row's own country, else its customer's.
            country = row_country(row) if reads_address else ""
            customers.append((row, found[0], country or found[1], found[2]))
        contacts = in_customer_country(ctx, customers)
        candidates: list[tuple[MappedRow, dict[str, Any]]] = []
        warnings: dict[int, list[ValueWarning]] = {}
        for row, account_id, country, errors in customers:
            contact, row_warnings = contacts.get(
                row.line, (row.parsed.contact, row.parsed.warnings)
            )
            if isinstance(contact, Refused) or errors:
                found = {**(contact.errors if isinstance(contact, Refused) else {}), **errors}
                result.reject(row, reasons(found))
                continue
            region = country or DEFAULT_PHONE_REGION
            phones, phone_warnings = (
                other_phones(row, region, contact.phone) if reads_phones else ([], [])
            )
            closed, flag_warnings = opted_out(row) if reads_flags else (frozenset(), [])
            address, address_warnings = mailing_address(row) if reads_address else (None, [])
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
        accepted = dedupe(ctx, candidates, keys, own, result)
        insert(ctx, accepted, keys)
        result.accepted = len(accepted)
        result.warnings.extend(w for row, _c, _k in accepted for w in warnings[row.line])
        return result


register_kind(ContactKind())
