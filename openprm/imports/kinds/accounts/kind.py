"""The account and prospect import kinds: a batch's checks and writing, in
the order the rules need them (the package's docstring tells the rules)."""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.lookups.selectors import lookup_choices
from openprm.core.privileges import has_privilege
from openprm.core.rules import Refused
from openprm.customers.catalog import ACCOUNT_SIZE, INDUSTRY, VIEW_ALL_SALES_DATA
from openprm.customers.models import Account
from openprm.customers.services import account_rule_data
from openprm.imports.bulk import Statistics
from openprm.imports.kinds.accounts.columns import COLUMNS, REQUIRED
from openprm.imports.kinds.accounts.duplicates import dedupe
from openprm.imports.kinds.accounts.parents import link_parents
from openprm.imports.kinds.accounts.rows import (
    checker,
    name_key,
    owner_of,
    owners_named,
    parent_of,
    parents_in_db,
    reasons,
    row_key,
)
from openprm.imports.kinds.accounts.writing import insert
from openprm.imports.kinds.base import (
    BatchResult,
    ImportContext,
    ImportKind,
    MappedRow,
    ValueWarning,
    register_kind,
)
from openprm.imports.kinds.lenient import checked_leniently
from openprm.imports.kinds.refs import ACCOUNT_MODEL, ext_key, keys_imported
from openprm.imports.models import ImportKey


class AccountKind(ImportKind):
    code = "accounts"
    label = gettext_lazy("Accounts")
    record_type = Account.record_type
    fixed_type: str | None = None
    companies = True
    columns = COLUMNS

    def check_actor(self, actor: Actor) -> None:
        if not actor.is_internal:
            raise PermissionRefused(_("Only internal users can manage accounts here."))

    def choices(self) -> dict[str, list[tuple[str, str]]]:
        found = {
            "industry": lookup_choices(INDUSTRY),
            "size": lookup_choices(ACCOUNT_SIZE),
        }
        if self.fixed_type is None:
            found["account_type"] = [(v, str(label)) for v, label in Account.AccountType.choices]
        return found

    def recognizer(self) -> Callable[[str, str], bool]:
        """Industry and size as `account_create` reads them: code, label or
        (a size) a head count within a size's range."""
        data = account_rule_data()
        by_label = super().recognizer()
        lookups = {"industry": INDUSTRY, "size": ACCOUNT_SIZE}

        def recognized(field: str, value: str) -> bool:
            if field in lookups:
                code = data.lookup_code(lookups[field], value)
                return code in data.lookups.get(lookups[field], ())
            return by_label(field, value)

        return recognized

    def start(self, ctx: ImportContext) -> None:
        ctx.seen.update(
            {
                "rules": account_rule_data(self.fixed_type),
                "file_keys": set(),
                "names": set(),
                "places": defaultdict(list),
                "see_all": has_privilege(ctx.actor, VIEW_ALL_SALES_DATA),
                "statistics": Statistics((ImportKey, Account)),
                "inserted": {},
            }
        )

    def scan(self, ctx: ImportContext, row: MappedRow) -> None:
        if row.data.get("external_id", "").strip():
            ctx.seen["file_keys"].add(ext_key(row.data["external_id"]))
        if row.data.get("name", "").strip():
            ctx.seen["file_keys"].add(name_key(row.data["name"]))

    def process_batch(self, ctx: ImportContext, rows: list[MappedRow]) -> BatchResult:
        result = BatchResult()
        ctx.seen["statistics"].refresh()
        keys = {row.line: row_key(row) for row in rows}
        earlier, own = keys_imported(ctx.actor, ACCOUNT_MODEL, keys.values(), ctx.job)
        owners = owners_named(rows)
        in_db = parents_in_db(ctx, rows)
        rows = [row for row in rows if keys[row.line] not in earlier]
        result.skipped += len(keys) - len(rows)
        checked = checked_leniently(rows, checker(ctx), REQUIRED)
        cleaned: list[tuple[MappedRow, dict[str, Any]]] = []
        warnings: dict[int, tuple[ValueWarning, ...]] = {}
        for row, (new, row_warnings) in zip(rows, checked, strict=True):
            errors = dict(new.errors) if isinstance(new, Refused) else {}
            owner_id, owner_warning = owner_of(ctx, row, owners, errors)
            warnings[row.line] = row_warnings + owner_warning
            parent_ref = parent_of(ctx, row, in_db, errors)
            if isinstance(new, Refused) or errors:
                result.reject(row, reasons(errors))
                continue
            clean = {**new._asdict(), "owner_id": owner_id, "parent_ref": parent_ref}
            cleaned.append((row, clean))
        accepted = dedupe(ctx, cleaned, keys, own, result)
        insert(ctx, accepted, keys)
        result.accepted = len(accepted)
        result.warnings.extend(w for row, _c, _k in accepted for w in warnings[row.line])
        return result

    def finish(self, ctx: ImportContext, result: BatchResult) -> None:
        link_parents(ctx, result)


class ProspectKind(AccountKind):
    code = "prospects"
    label = gettext_lazy("Prospects")
    fixed_type = Account.AccountType.PROSPECT
    columns = tuple(c for c in AccountKind.columns if c.name != "account_type")


register_kind(AccountKind())
register_kind(ProspectKind())
