"""Updating existing accounts from import rows (issue 18, CUS-1).

A row stands for an account by its key (`AccountKind` external id or
name, postal code and country) or, failing that, as the one visible
account the CUS-1 duplicate rule finds for it. Its values are read by the
create rules, leniently as a new row's are, and the fields the row gives
that differ from the account's go to `account_update`. The owner and the
parent are not changed by an update.
"""

from typing import Any

from openprm.core import access
from openprm.core.errors import ValidationFailed
from openprm.core.rules import Refused
from openprm.customers.duplicates import account_duplicates
from openprm.customers.models import Account
from openprm.customers.rules import DRAFT_FIELDS
from openprm.customers.services import account_update
from openprm.imports.kinds.accounts import AccountKind
from openprm.imports.kinds.accounts.columns import REQUIRED
from openprm.imports.kinds.accounts.rows import checker, row_key
from openprm.imports.kinds.base import CUSTOM_PREFIX, ImportContext, ImportKind, MappedRow
from openprm.imports.kinds.lenient import checked_leniently
from openprm.imports.kinds.refs import ACCOUNT_MODEL, keys_to_ids
from openprm.imports.updates import Change, register_updater


def given_fields(row: MappedRow, fields: tuple[str, ...], dropped: set[str]) -> list[str]:
    """The fields the row gives a value, without those it was accepted without."""
    return [f for f in fields if str(row.data.get(f) or "").strip() and f not in dropped]


def custom_changes(
    row: MappedRow, cleaned: dict[str, Any], current: dict[str, Any], dropped: set[str]
) -> dict[str, Any]:
    """The custom field values the row gives that the record does not hold."""
    return {
        name: cleaned.get(name)
        for name, value in row.custom.items()
        if str(value or "").strip()
        and f"{CUSTOM_PREFIX}{name}" not in dropped
        and cleaned.get(name) != current.get(name)
    }


@register_updater("accounts", "prospects")
class AccountUpdater:
    model = ACCOUNT_MODEL

    def __init__(self) -> None:
        self.checked: dict[int, tuple[Any, tuple[Any, ...]]] = {}

    def row_key(self, kind: ImportKind, row: MappedRow) -> str:
        return row_key(row)

    def matches(
        self, ctx: ImportContext, kind: ImportKind, rows: list[MappedRow]
    ) -> dict[int, int]:
        assert isinstance(kind, AccountKind)
        checked = checked_leniently(rows, checker(ctx), REQUIRED)
        self.checked = {row.line: outcome for row, outcome in zip(rows, checked, strict=True)}
        keys = {row.line: self.row_key(kind, row) for row in rows}
        by_key = keys_to_ids(ctx.actor, ACCOUNT_MODEL, keys.values())
        shown = set(
            access.visible(Account, ctx.actor)
            .filter(pk__in=by_key.values())
            .values_list("pk", flat=True)
        )
        found: dict[int, int] = {}
        for row in rows:
            pk = by_key.get(keys[row.line])
            new, _warnings = self.checked[row.line]
            if pk is not None:
                if pk in shown:
                    found[row.line] = pk
            elif not isinstance(new, Refused):
                alike = account_duplicates(
                    actor=ctx.actor, name=new.name, postal_code=new.postal_code, country=new.country
                )
                if len(alike) == 1:
                    found[row.line] = alike[0].pk
        return found

    def update(self, ctx: ImportContext, row: MappedRow, pk: int) -> Change:
        new, warnings = self.checked[row.line]
        if isinstance(new, Refused):
            raise ValidationFailed(field_errors=new.errors)
        dropped = {w.field for w in warnings}
        account = access.get_visible(Account, ctx.actor, pk)
        current = {f: getattr(account, f) for f in DRAFT_FIELDS}
        current["country"] = account.country.code if account.country else ""
        changes = {
            name: getattr(new, name)
            for name in given_fields(row, DRAFT_FIELDS, dropped)
            if getattr(new, name) != current[name]
        }
        custom = custom_changes(row, new.custom, account.custom, dropped)
        if not changes and not custom:
            return Change(False, warnings)
        account_update(
            actor=ctx.actor,
            account=account,
            changes=changes,
            expected_version=account.version,
            custom=custom or None,
        )
        return Change(True, warnings)
