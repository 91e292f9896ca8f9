"""Updating existing contacts from import rows (issue 18, CON-2, CON-4).

A row stands for a contact by its key (`ContactKind`: external id, else
e-mail, else name at the customer) or, failing that, as the one visible
contact the CON-2 duplicate rule finds for it: the same e-mail, the same
phone (work, mobile or home) or a similar name at the row's customer. The
person's fields the row gives that differ go to `contact_update`; its
e-mail and phones the contact does not have yet are added by
`contact_point_add`. Customers, addresses and consent flags are left as
they are.
"""

from typing import Any

from openprm.contacts.duplicates import duplicate_candidates
from openprm.contacts.models import ContactPoint, Person
from openprm.contacts.normalize import DEFAULT_PHONE_REGION
from openprm.contacts.rules import NewContact, contacts_check
from openprm.contacts.services.persons import contact_update
from openprm.contacts.services.points import contact_point_add
from openprm.core import access
from openprm.core.errors import ValidationFailed
from openprm.core.rules import Refused
from openprm.imports.account_updates import custom_changes, given_fields
from openprm.imports.kinds.base import ImportContext, ImportKind, MappedRow, ValueWarning
from openprm.imports.kinds.contacts.columns import REQUIRED
from openprm.imports.kinds.contacts.rows import PERSON_MODEL, draft_of
from openprm.imports.kinds.lenient import checked_leniently, without
from openprm.imports.kinds.mailing import row_country
from openprm.imports.kinds.phones import other_phones
from openprm.imports.kinds.refs import ACCOUNT_MODEL, keys_to_ids, visible_accounts
from openprm.imports.updates import Change, register_updater

PERSON_FIELDS = ("salutation", "first_name", "last_name", "kind", "job_title", "is_key_contact")
Checked = tuple[NewContact | Refused, tuple[ValueWarning, ...]]


@register_updater("contacts")
class ContactUpdater:
    model = PERSON_MODEL

    def __init__(self) -> None:
        self.checked: dict[int, Checked] = {}
        self.regions: dict[int, str] = {}

    def row_key(self, kind: ImportKind, row: MappedRow) -> str:
        return row.parsed.key

    def matches(
        self, ctx: ImportContext, kind: ImportKind, rows: list[MappedRow]
    ) -> dict[int, int]:
        customers = self._customers(ctx, rows)
        countries = {line: country for line, (_pk, country) in customers.items()}
        self.regions = {
            row.line: row_country(row) or countries.get(row.line) or DEFAULT_PHONE_REGION
            for row in rows
        }
        self.checked = self._checked(ctx, rows)
        by_key = keys_to_ids(ctx.actor, PERSON_MODEL, (r.parsed.key for r in rows))
        shown = set(
            access.visible(Person, ctx.actor)
            .filter(pk__in=by_key.values(), is_active=True)
            .values_list("pk", flat=True)
        )
        found: dict[int, int] = {}
        for row in rows:
            pk = by_key.get(row.parsed.key)
            contact, _warnings = self.checked[row.line]
            if pk is not None:
                if pk in shown:
                    found[row.line] = pk
                continue
            if isinstance(contact, Refused):
                continue
            phones, _phone_warnings = other_phones(row, self.regions[row.line], contact.phone)
            customer = customers.get(row.line)
            alike = duplicate_candidates(
                actor=ctx.actor,
                first_name=contact.first_name,
                last_name=contact.last_name,
                emails=[contact.email],
                phones=[contact.phone, *(number for _purpose, number in phones)],
                account_ids=[customer[0]] if customer else [],
            )
            if len(alike) == 1:
                found[row.line] = alike[0].person.pk
        return found

    @staticmethod
    def _customers(ctx: ImportContext, rows: list[MappedRow]) -> dict[int, tuple[int, str]]:
        """`{line: (account id, country)}` of the rows naming one visible customer."""
        ext = keys_to_ids(
            ctx.actor, ACCOUNT_MODEL, (r.parsed.account_key for r in rows if r.parsed.account_key)
        )
        by_id, by_name = visible_accounts(
            ctx.actor,
            ids=ext.values(),
            name_keys=(r.parsed.account_name for r in rows if r.parsed.account_name),
        )
        found: dict[int, tuple[int, str]] = {}
        for row in rows:
            if row.parsed.account_key:
                pk = ext.get(row.parsed.account_key)
                if pk in by_id:
                    found[row.line] = (pk, by_id[pk])
            elif len(by_name.get(row.parsed.account_name, [])) == 1:
                found[row.line] = by_name[row.parsed.account_name][0]
        return found

    def _checked(self, ctx: ImportContext, rows: list[MappedRow]) -> dict[int, Checked]:
        """The rows as the kind checked them, those with a phone read again
        in their own or their customer's country, as the kind does."""
        checked = {row.line: (row.parsed.contact, row.parsed.warnings) for row in rows}
        again = [
            r for r in rows if r.data.get("phone") and self.regions[r.line] != DEFAULT_PHONE_REGION
        ]

        def check(batch: list[MappedRow], dropped: list[frozenset[str]]) -> list[Any]:
            drafts = [
                draft_of(without(row, d), self.regions[row.line])
                for row, d in zip(batch, dropped, strict=True)
            ]
            return contacts_check(
                drafts, custom_fields=ctx.seen["custom"], salutations=ctx.seen["salutations"]
            )

        for row, outcome in zip(again, checked_leniently(again, check, REQUIRED), strict=True):
            checked[row.line] = outcome
        return checked

    def update(self, ctx: ImportContext, row: MappedRow, pk: int) -> Change:
        contact, warnings = self.checked[row.line]
        if isinstance(contact, Refused):
            raise ValidationFailed(field_errors=contact.errors)
        dropped = {w.field for w in warnings}
        phones, phone_warnings = other_phones(row, self.regions[row.line], contact.phone)
        warnings = (*warnings, *phone_warnings)
        person = access.get_visible(Person, ctx.actor, pk)
        given = given_fields(row, PERSON_FIELDS, dropped)
        if str(row.data.get("full_name") or "").strip():
            given += [f for f in ("first_name", "last_name") if f not in given]
        changes = {
            name: getattr(contact, name)
            for name in given
            if getattr(contact, name) != getattr(person, name)
        }
        custom = custom_changes(row, contact.custom, person.custom, dropped)
        if custom:
            changes["custom"] = custom
        points = self._new_points(person, contact, phones)
        if not changes and not points:
            return Change(False, warnings)
        if changes:
            person = contact_update(
                actor=ctx.actor, person=person, changes=changes, expected_version=person.version
            )
        for kind, purpose, value in points:
            field = "email" if kind == ContactPoint.Kind.EMAIL else "phone"
            contact_point_add(
                actor=ctx.actor, person=person, kind=kind, purpose=purpose, **{field: value}
            )
        return Change(True, warnings)

    @staticmethod
    def _new_points(
        person: Person, contact: NewContact, phones: list[tuple[str, str]]
    ) -> list[tuple[str, str, str]]:
        """`(kind, purpose, value)` of the row's e-mail and phones the
        contact does not have yet."""
        held = set(
            ContactPoint.objects.filter(person=person).values_list("email", "phone").order_by()
        )
        emails = {email for email, _phone in held if email}
        numbers = {phone for _email, phone in held if phone}
        found: list[tuple[str, str, str]] = []
        if contact.email and contact.email not in emails:
            found.append((ContactPoint.Kind.EMAIL, ContactPoint.Purpose.WORK, contact.email))
        wanted = [(ContactPoint.Purpose.WORK.value, contact.phone), *phones]
        for purpose, number in wanted:
            if number and number not in numbers:
                numbers.add(number)
                found.append((ContactPoint.Kind.PHONE, purpose, number))
        return found
