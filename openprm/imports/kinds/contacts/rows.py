"""Reading a contact row: its draft for the create rules, its idempotency
key and its customer among those the importer may see (CON-1, CON-4)."""

from collections.abc import Mapping
from typing import Any, NamedTuple

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.contacts.catalog import SALUTATION
from openprm.contacts.models import Person
from openprm.contacts.normalize import DEFAULT_PHONE_REGION
from openprm.contacts.rules import ContactDraft, NewContact, contacts_check
from openprm.core.customfields.values import custom_definitions
from openprm.core.errors import DomainError
from openprm.core.lookups.selectors import lookup_spellings
from openprm.core.rules import Errors, Refused
from openprm.core.search import search_key_cached
from openprm.customers.services import account_create
from openprm.imports.kinds.base import ImportContext, MappedRow, ValueWarning
from openprm.imports.kinds.contacts.columns import DRAFT_COLUMNS, ERROR_ORDER, REQUIRED
from openprm.imports.kinds.lenient import Check, checked_leniently, without
from openprm.imports.kinds.refs import ext_key

PERSON_MODEL = "contacts.person"

Customers = list[tuple[MappedRow, int | None, str, Errors]]
"""Each row with its customer's id, the country its phones are read in and
why it has no customer."""


class Parsed(NamedTuple):
    """A row after `ContactKind.prepare`: a tuple, since batches of them
    travel between processes (`imports.pipeline`)."""

    key: str
    contact: NewContact | Refused  # its phone read in the default region
    account_key: str  # the customer's external id key
    account_name: str  # the customer's name key
    warnings: tuple[ValueWarning, ...] = ()  # the values it is accepted without


def _order(field: str) -> int:
    return ERROR_ORDER.index(field) if field in ERROR_ORDER else len(ERROR_ORDER)


def reasons(errors: Errors) -> list[str]:
    """Reject reasons as `field: message`, in the order of the form: the
    fields, then custom fields."""
    return [f"{name}: {message}" for name in sorted(errors, key=_order) for message in errors[name]]


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


def rule_data() -> dict[str, Any]:
    """What the create rules read from the database, read once per import
    (it travels to the preparing process, `imports.pipeline`): the custom
    fields and the salutations."""
    return {
        "custom": custom_definitions(Person.record_type),
        "salutations": lookup_spellings(SALUTATION),
    }


def checker(rules: Mapping[str, Any], regions: dict[int, str] | None = None) -> Check:
    """The create rules of `contact_create` for rows without some fields,
    phones read in the row's region by line (default region otherwise);
    `rules` as `rule_data` gives them."""

    def check(rows: list[MappedRow], dropped: list[frozenset[str]]) -> list[Any]:
        drafts = [
            draft_of(without(row, d), (regions or {}).get(row.line))
            for row, d in zip(rows, dropped, strict=True)
        ]
        return contacts_check(
            drafts, custom_fields=rules["custom"], salutations=rules["salutations"]
        )

    return check


def row_key(row: MappedRow) -> str:
    """Idempotency key: the external id, else the e-mail, else name at customer."""
    if row.data.get("external_id"):
        return ext_key(row.data["external_id"])
    if row.data.get("email"):
        return "email:" + row.data["email"].strip().lower()
    customer = row.data.get("account_external_id") or row.data.get("account", "")
    names = (row.data.get("first_name", ""), row.data.get("last_name", ""))
    name = " ".join(k for k in map(search_key_cached, names) if k)
    return f"name:{search_key_cached(customer)}:{name}"


def parse(rows: list[MappedRow], rules: Mapping[str, Any]) -> None:
    """`contacts_check` for the batch, phones read in the default region;
    a row refused for optional values only is kept without them."""
    checked = checked_leniently(rows, checker(rules), REQUIRED)
    for row, (contact, warnings) in zip(rows, checked, strict=True):
        data = row.data
        row.parsed = Parsed(
            key=row_key(row),
            contact=contact,
            account_key=(
                ext_key(data["account_external_id"]) if data.get("account_external_id") else ""
            ),
            account_name=search_key_cached(data["account"]) if data.get("account") else "",
            warnings=warnings,
        )


def customer_of(
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


def in_customer_country(
    ctx: ImportContext, customers: Customers
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
    checked = checked_leniently(rows, checker(ctx.seen, regions), REQUIRED)
    return {row.line: outcome for row, outcome in zip(rows, checked, strict=True)}


def create_missing(
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
