"""Importing accounts and prospects, with parent links in any row order (IMP-1,
CUS-2, CUS-4, CUS-6).

Rows are checked by the rules of `customers.services.account_create`
itself: `customers.rules.accounts_check` (name, type, address, country,
currency, revenue, industry and size lookups, flags, custom fields) for the
batch, then an active internal owner, a visible parent and no cycle, and the
duplicate rule of `customers.duplicates` (near-identical name at the same
postal code and country, or the same name) against visible accounts and
earlier rows.

Parents may come after their children: the file is scanned once for the keys
it defines, a row is inserted with its parent when this run wrote the parent
before (by external id), and a second pass links the others (an UPDATE of a
row is as costly as its insert). It checks every link of the job: a row
whose parent was rejected, or which closes a cycle, is then removed again
with everything the import wrote for it, so nothing of it remains.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.audit.models import AuditEntry
from openprm.core.errors import PermissionRefused
from openprm.core.lookups.selectors import lookup_choices
from openprm.core.privileges import has_privilege
from openprm.core.rules import Errors, Refused
from openprm.customers.catalog import ACCOUNT_SIZE, INDUSTRY, VIEW_ALL_SALES_DATA
from openprm.customers.duplicates import ascii_upper, duplicate_place, name_score
from openprm.customers.models import Account
from openprm.customers.normalize import search_key
from openprm.customers.rules import DRAFT_FIELDS, AccountDraft, accounts_check
from openprm.customers.services import account_rule_data
from openprm.identity.models import User
from openprm.imports.audit import AuditBatch
from openprm.imports.bulk import Statistics, TableWriter, reserve_ids
from openprm.imports.kinds.base import (
    BatchResult,
    Column,
    ImportContext,
    ImportKind,
    MappedRow,
    ValueWarning,
    register_kind,
)
from openprm.imports.kinds.lenient import Check, checked_leniently, without
from openprm.imports.kinds.refs import (
    ACCOUNT_MODEL,
    EXT_PREFIX,
    ext_key,
    keys_imported,
    keys_to_ids,
)
from openprm.imports.models import ImportKey, RejectedRow, RowWarning
from openprm.imports.readers import read_table

LINK_BATCH = 2000
REQUIRED = frozenset({"name"})
DRAFT_COLUMNS = frozenset(DRAFT_FIELDS)


def cycle_message() -> str:
    return _("This account cannot be its own parent or a parent of its own parent.")


def name_key(name: str) -> str:
    return f"name:{search_key(name)}"


def draft_of(row: MappedRow) -> AccountDraft:
    """A row as the create rules read it: a blank cell is a value not given."""
    given = {name: value for name, value in row.data.items() if value and name in DRAFT_COLUMNS}
    return AccountDraft(**given, custom=row.custom)


def _reasons(errors: Errors) -> list[str]:
    """Reject reasons as `field: message`, custom fields last."""
    return [
        f"{name}: {message}"
        for name in sorted(errors, key=lambda name: name.startswith("custom."))
        for message in errors[name]
    ]


class AccountKind(ImportKind):
    code = "accounts"
    label = gettext_lazy("Accounts")
    record_type = Account.record_type
    fixed_type: str | None = None
    companies = True
    columns = (
        Column("external_id", gettext_lazy("External ID"), ("id", "externalid", "account id")),
        Column("name", gettext_lazy("Name"), ("account name", "company", "organization"), True),
        Column("account_type", gettext_lazy("Type"), ("type", "account type")),
        Column("parent_external_id", gettext_lazy("Parent external ID"), ("parent id",)),
        Column("parent", gettext_lazy("Parent (account name)"), ("parent name", "parent account")),
        Column(
            "owner",
            gettext_lazy("Owner (user name or e-mail)"),
            ("owner username", "account owner", "owner email"),
        ),
        Column("industry", gettext_lazy("Industry")),
        Column("size", gettext_lazy("Size"), ("account size",)),
        Column("annual_revenue", gettext_lazy("Annual revenue"), ("revenue",)),
        Column("currency", gettext_lazy("Currency")),
        Column("named", gettext_lazy("Named")),
        Column("existing", gettext_lazy("Existing")),
        Column("competitor_info", gettext_lazy("Competitor information"), ("competitor",)),
        Column("address_line1", gettext_lazy("Address line 1"), ("address", "street")),
        Column("address_line2", gettext_lazy("Address line 2")),
        Column("city", gettext_lazy("City"), ("town",)),
        Column("region", gettext_lazy("Region / state"), ("state", "province")),
        Column("postal_code", gettext_lazy("Postal code"), ("zip", "zip code", "postcode")),
        Column("country", gettext_lazy("Country"), ("country code",)),
        Column("is_company", gettext_lazy("Is a company (rows of people are left out)")),
    )

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

    @staticmethod
    def _row_key(row: MappedRow) -> str:
        """Idempotency key: the external id, else name + postal code + country."""
        if row.data.get("external_id", "").strip():
            return ext_key(row.data["external_id"])
        place = "|".join(row.data.get(k, "").strip().upper() for k in ("postal_code", "country"))
        return f"nat:{search_key(row.data.get('name', ''))}|{place}"

    @staticmethod
    def _parent_ref(row: MappedRow) -> str:
        if row.data.get("parent_external_id", "").strip():
            return ext_key(row.data["parent_external_id"])
        if row.data.get("parent", "").strip():
            return name_key(row.data["parent"])
        return ""

    def process_batch(self, ctx: ImportContext, rows: list[MappedRow]) -> BatchResult:
        result = BatchResult()
        ctx.seen["statistics"].refresh()
        keys = {row.line: self._row_key(row) for row in rows}
        earlier, own = keys_imported(ctx.actor, ACCOUNT_MODEL, keys.values(), ctx.job)
        owners = self._owners(rows)
        parents_in_db = self._parents_in_db(ctx, rows)
        rows = [row for row in rows if keys[row.line] not in earlier]
        result.skipped += len(keys) - len(rows)
        checked = checked_leniently(rows, self._checker(ctx), REQUIRED)
        cleaned: list[tuple[MappedRow, dict[str, Any]]] = []
        warnings: dict[int, tuple[ValueWarning, ...]] = {}
        for row, (new, row_warnings) in zip(rows, checked, strict=True):
            errors = dict(new.errors) if isinstance(new, Refused) else {}
            owner_id, owner_warning = self._owner(ctx, row, owners, errors)
            warnings[row.line] = row_warnings + owner_warning
            parent_ref = self._parent(ctx, row, parents_in_db, errors)
            if isinstance(new, Refused) or errors:
                result.reject(row, _reasons(errors))
                continue
            clean = {**new._asdict(), "owner_id": owner_id, "parent_ref": parent_ref}
            cleaned.append((row, clean))
        accepted = self._dedupe(ctx, cleaned, keys, own, result)
        self._insert(ctx, accepted, keys)
        result.accepted = len(accepted)
        result.warnings.extend(w for row, _c, _k in accepted for w in warnings[row.line])
        return result

    @staticmethod
    def _checker(ctx: ImportContext) -> Check:
        """The create rules of `account_create` for rows without some fields."""

        def check(rows: list[MappedRow], dropped: list[frozenset[str]]) -> list[Any]:
            drafts = [draft_of(without(row, d)) for row, d in zip(rows, dropped, strict=True)]
            return accounts_check(drafts, data=ctx.seen["rules"])

        return check

    def _owners(self, rows: list[MappedRow]) -> dict[str, int]:
        """Active internal users by user name and by lower-case e-mail (an
        export names owners either way), among the batch's owners."""
        names = {r.data["owner"].strip() for r in rows if r.data.get("owner", "").strip()}
        if not names:
            return {}
        users = User.objects.annotate(email_key=Lower("email")).filter(
            Q(username__in=names) | Q(email_key__in={n.lower() for n in names if "@" in n}),
            is_active=True,
            user_type=User.UserType.INTERNAL,
        )
        found: dict[str, int] = {}
        for username, email, pk in users.values_list("username", "email", "pk"):
            found[username] = pk
            if email:
                found.setdefault(email.lower(), pk)
        return found

    def _parents_in_db(self, ctx: ImportContext, rows: list[MappedRow]) -> set[str]:
        """Parent references of the batch that name a visible existing account."""
        refs = {self._parent_ref(r) for r in rows} - {""} - ctx.seen["file_keys"]
        if not refs:
            return set()
        found = set(
            keys_to_ids(ctx.actor, ACCOUNT_MODEL, (r for r in refs if r.startswith("ext:")))
        )
        names = [r.removeprefix("name:") for r in refs if r.startswith("name:")]
        visible = access.visible(Account, ctx.actor)
        found |= {
            name_key(n)
            for n in visible.filter(name_search__in=names).values_list("name_search", flat=True)
        }
        return found

    @staticmethod
    def _owner(
        ctx: ImportContext, row: MappedRow, owners: dict[str, int], errors: Errors
    ) -> tuple[int | None, tuple[ValueWarning, ...]]:
        """The owner by user name or e-mail (the importer when none is
        given, or none matches: a warning says so), who must be an active
        internal user the importer still sees the account through (CUS-5)."""
        owner_id = getattr(ctx.actor, "pk", None)
        written = row.data.get("owner", "").strip()
        if written:
            found = owners.get(written) or owners.get(written.lower())
            if found is None:
                reason = _("“%s” is no active internal user's name or e-mail: you own it.")
                return owner_id, (ValueWarning(row.line, "owner", written, reason % written),)
            owner_id = found
            if owner_id != ctx.actor.pk and not ctx.seen["see_all"]:
                errors["owner"] = [
                    _("You would no longer be able to see this account; choose another owner.")
                ]
        return owner_id, ()

    def _parent(
        self, ctx: ImportContext, row: MappedRow, parents_in_db: set[str], errors: Errors
    ) -> str:
        """The parent reference, which must name a visible account or a row
        of the file other than this one (CUS-6)."""
        parent_ref = self._parent_ref(row)
        if (
            parent_ref
            and parent_ref not in ctx.seen["file_keys"]
            and parent_ref not in parents_in_db
        ):
            errors["parent"] = [_("Choose an account you can see.")]
        if parent_ref and parent_ref in (self._row_key(row), name_key(row.data.get("name", ""))):
            errors["parent"] = [cycle_message()]
        return parent_ref

    def _dedupe(
        self,
        ctx: ImportContext,
        cleaned: list[tuple[MappedRow, dict[str, Any]]],
        keys: dict[int, str],
        own: set[str],
        result: BatchResult,
    ) -> list[tuple[MappedRow, dict[str, Any], bool]]:
        """The account duplicate rule of `customers.duplicates`, against
        visible accounts (one query) and earlier rows of the file.

        A row whose external id an earlier row of this job imported is that
        record again and is skipped; each accepted row says whether it is
        the first of its key in this job (whose key is then stored)."""
        names = {c["name_search"] for _, c in cleaned}
        # Stored postal codes keep the case they were typed in: ask for the
        # usual spellings of each (an index lookup), compare case-blind.
        postals = {
            spelling
            for _, c in cleaned
            if c["postal_code"] and c["country"]
            for spelling in (
                c["postal_code"],
                ascii_upper(c["postal_code"]),
                c["postal_code"].lower(),
            )
        }
        db_names: set[str] = set()
        db_places: dict[tuple[str, str], list[str]] = defaultdict(list)
        if cleaned:
            # No ordering: sorted, the OR of two IN lists scans a whole index.
            existing = (
                access.visible(Account, ctx.actor).filter(name_search__in=names)
                | access.visible(Account, ctx.actor).filter(postal_code__in=postals)
            ).order_by()
            for name, postal, country in existing.values_list(
                "name_search", "postal_code", "country"
            ):
                db_names.add(name)
                db_place = duplicate_place(postal, str(country))
                if db_place:
                    db_places[db_place].append(name)
        seen_names, seen_places = ctx.seen["names"], ctx.seen["places"]
        accepted = []
        for row, clean in cleaned:
            key = keys[row.line]
            if key in own and key.startswith(EXT_PREFIX):
                result.skipped += 1
                continue
            name = clean["name_search"]
            place = duplicate_place(clean["postal_code"], clean["country"])
            if place:
                pool = db_places.get(place, []) + seen_places.get(place, [])
                duplicate = any(name_score(name, other) for other in pool)
            else:
                duplicate = name in db_names or name in seen_names
            if duplicate:
                result.reject(row, [_("Duplicate: a similar account already exists.")])
                continue
            seen_names.add(name)
            if place:
                seen_places[place].append(name)
            accepted.append((row, clean, key not in own))
            own.add(key)
        return accepted

    def _insert(
        self,
        ctx: ImportContext,
        accepted: list[tuple[MappedRow, dict[str, Any], bool]],
        keys: dict[int, str],
    ) -> None:
        if not accepted:
            return
        ids = reserve_ids(Account, len(accepted))
        audit = AuditBatch(ctx.actor)
        accounts, import_keys = [], []
        inserted: dict[str, int] = ctx.seen["inserted"]
        for (row, clean, new_key), pk in zip(accepted, ids, strict=True):
            parent_ref = clean.pop("parent_ref")
            # A parent written earlier in this run is linked now; `finish`
            # still checks every link of the job for cycles (CUS-6).
            account = {"id": pk, **clean, "parent_id": inserted.get(parent_ref)}
            accounts.append(account)
            if keys[row.line].startswith("ext:"):
                inserted[keys[row.line]] = pk
            snapshot = {
                k: v
                for k, v in account.items()
                if k not in ("id", "name_search") and v not in ("", None)
            }
            snapshot["owner"] = snapshot.pop("owner_id", None)
            if account["parent_id"]:
                snapshot["parent"] = snapshot.pop("parent_id")
            if clean["annual_revenue"] is not None:
                snapshot["annual_revenue"] = str(clean["annual_revenue"])
            snapshot["is_active"] = True
            audit.created(Account, pk, clean["name"], snapshot)
            if new_key:
                import_keys.append(
                    {
                        "model": ACCOUNT_MODEL,
                        "key": keys[row.line],
                        "object_id": pk,
                        "job_id": ctx.job.pk,
                        "user_id": ctx.actor.pk,
                        "line": row.line,
                        "parent_key": parent_ref,
                    }
                )
        TableWriter(Account).insert(accounts)
        TableWriter(ImportKey).insert(import_keys)
        audit.flush()
        ctx.seen["statistics"].grew(Account, len(accounts))
        ctx.seen["statistics"].grew(ImportKey, len(import_keys))

    def finish(self, ctx: ImportContext, result: BatchResult) -> None:
        """Second pass: link the parents not linked on insert, then remove
        rows whose parent was rejected or that close a cycle (CUS-6), with
        their descendants."""
        job_keys = list(
            access.unscoped(ImportKey)
            .filter(job=ctx.job, model=ACCOUNT_MODEL)
            .values_list("object_id", "parent_key", "line", "key")
        )
        pending = [(pk, ref, line) for pk, ref, line, _key in job_keys if ref]
        if not pending:
            return
        by_ext = {key: pk for pk, _ref, _line, key in job_keys if key.startswith("ext:")}
        by_ext.update(
            keys_to_ids(
                ctx.actor,
                ACCOUNT_MODEL,
                (r for _pk, r, _l in pending if r.startswith("ext:") and r not in by_ext),
            )
        )
        names = {r.removeprefix("name:") for _pk, r, _l in pending if r.startswith("name:")}
        by_name: dict[str, list[int]] = defaultdict(list)
        for pk, key in (
            access.visible(Account, ctx.actor)
            .filter(name_search__in=names)
            .values_list("pk", "name_search")
        ):
            by_name[key].append(pk)
        parent_of: dict[int, int] = {}
        failed: dict[int, str] = {}
        for pk, ref, _line in pending:
            if ref.startswith("ext:"):
                target = by_ext.get(ref)
            else:
                matches = by_name.get(ref.removeprefix("name:"), [])
                target = matches[0] if len(matches) == 1 else None
                if len(matches) > 1:
                    failed[pk] = _("Several accounts have the parent's name; use the parent ID.")
                    continue
            if target is None:
                failed[pk] = _("The parent account was not imported.")
            else:
                parent_of[pk] = target
        failed.update(self._cycles(parent_of))
        failed.update(self._orphans(parent_of, failed))
        links = [(parent, pk) for pk, parent in parent_of.items() if pk not in failed]
        for start in range(0, len(links), LINK_BATCH):
            chunk = links[start : start + LINK_BATCH]
            linked = dict(
                access.unscoped(Account)
                .filter(pk__in=[pk for _parent, pk in chunk])
                .values_list("pk", "parent_id")
            )
            chunk = [(parent, pk) for parent, pk in chunk if linked.get(pk) != parent]
            audit = AuditBatch(ctx.actor)
            with transaction.atomic():
                _update_parents(chunk)
                for parent, pk in chunk:
                    audit.updated(Account, pk, "", {"parent": [None, parent]})
                audit.flush()
        if failed:
            self._remove(ctx, failed, {pk: line for pk, _r, line in pending}, result)

    @staticmethod
    def _cycles(parent_of: dict[int, int]) -> dict[int, str]:
        failed: dict[int, str] = {}
        state: dict[int, int] = {}
        for start in parent_of:
            path: list[int] = []
            node: int | None = start
            while node is not None and node in parent_of and state.get(node, 0) == 0:
                state[node] = 1
                path.append(node)
                node = parent_of[node]
            if node is not None and state.get(node) == 1:
                cycle = path[path.index(node) :]
                for member in cycle:
                    failed[member] = cycle_message()
            for member in path:
                state[member] = 2
        return failed

    @staticmethod
    def _orphans(parent_of: dict[int, int], failed: dict[int, str]) -> dict[int, str]:
        """Descendants of removed rows go too: their parent no longer exists."""
        removed = dict(failed)
        changed = True
        while changed:
            changed = False
            for pk, parent in parent_of.items():
                if pk not in removed and parent in removed:
                    removed[pk] = _("The parent account was not imported.")
                    changed = True
        return {pk: reason for pk, reason in removed.items() if pk not in failed}

    @staticmethod
    def _remove(
        ctx: ImportContext, failed: dict[int, str], lines: dict[int, int], result: BatchResult
    ) -> None:
        ids = list(failed)
        wanted = {lines[pk]: pk for pk in ids}
        raw: dict[int, list[str]] = {}
        _header, rows = read_table(ctx.job.file.path, ctx.job.original_name)
        for row in rows:
            if row.line in wanted:
                raw[row.line] = row.values
        content_type = ContentType.objects.get_for_model(Account, for_concrete_model=False)
        with transaction.atomic():
            for start in range(0, len(ids), LINK_BATCH):
                chunk = ids[start : start + LINK_BATCH]
                Account.objects.filter(pk__in=chunk).update(parent=None)
                access.unscoped(AuditEntry).filter(
                    content_type=content_type, object_id__in=[str(pk) for pk in chunk]
                ).delete()
                access.unscoped(ImportKey).filter(model=ACCOUNT_MODEL, object_id__in=chunk).delete()
                dropped, _counts = RowWarning.objects.filter(
                    job=ctx.job, line__in=[lines[pk] for pk in chunk]
                ).delete()
                ctx.job.warning_count -= dropped
                Account.objects.filter(pk__in=chunk).delete()
            RejectedRow.objects.bulk_create(
                RejectedRow(
                    job=ctx.job,
                    line=lines[pk],
                    reasons=[f"parent: {reason}"],
                    values=raw.get(lines[pk], []),
                )
                for pk, reason in failed.items()
            )
        ctx.job.accepted_rows -= len(ids)
        ctx.job.rejected_rows += len(ids)


def _update_parents(pairs: list[tuple[int, int]]) -> None:
    """One statement per chunk: on PostgreSQL an UPDATE joined to the pairs
    as arrays (executemany would be a round trip per row there)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE customers_account AS a SET parent_id = p.parent_id "
                "FROM unnest(%s::bigint[], %s::bigint[]) AS p(parent_id, id) WHERE a.id = p.id",
                [[parent for parent, _pk in pairs], [pk for _parent, pk in pairs]],
            )
            return
        cursor.executemany("UPDATE customers_account SET parent_id = %s WHERE id = %s", pairs)


class ProspectKind(AccountKind):
    code = "prospects"
    label = gettext_lazy("Prospects")
    fixed_type = Account.AccountType.PROSPECT
    columns = tuple(c for c in AccountKind.columns if c.name != "account_type")


register_kind(AccountKind())
register_kind(ProspectKind())
