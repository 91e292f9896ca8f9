"""Reading an account row: its draft for the create rules, its idempotency
key, its owner (CUS-5) and its parent reference (CUS-6)."""

from typing import Any

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.rules import Errors
from openprm.core.search import search_key_cached
from openprm.customers.models import Account
from openprm.customers.rules import AccountDraft, accounts_check
from openprm.identity.models import User
from openprm.imports.kinds.accounts.columns import DRAFT_COLUMNS
from openprm.imports.kinds.base import ImportContext, MappedRow, ValueWarning
from openprm.imports.kinds.lenient import Check, without
from openprm.imports.kinds.refs import ACCOUNT_MODEL, ext_key, keys_to_ids


def cycle_message() -> str:
    return _("This account cannot be its own parent or a parent of its own parent.")


def name_key(name: str) -> str:
    """A row's name key, read for each row by the scan, its parent check
    and its idempotency key: keyed once per distinct name."""
    return f"name:{search_key_cached(name)}"


def draft_of(row: MappedRow) -> AccountDraft:
    """A row as the create rules read it: a blank cell is a value not given."""
    given = {name: value for name, value in row.data.items() if value and name in DRAFT_COLUMNS}
    return AccountDraft(**given, custom=row.custom)


def reasons(errors: Errors) -> list[str]:
    """Reject reasons as `field: message`, custom fields last."""
    return [
        f"{name}: {message}"
        for name in sorted(errors, key=lambda name: name.startswith("custom."))
        for message in errors[name]
    ]


def checker(ctx: ImportContext) -> Check:
    """The create rules of `account_create` for rows without some fields."""

    def check(rows: list[MappedRow], dropped: list[frozenset[str]]) -> list[Any]:
        drafts = [draft_of(without(row, d)) for row, d in zip(rows, dropped, strict=True)]
        return accounts_check(drafts, data=ctx.seen["rules"])

    return check


def row_key(row: MappedRow) -> str:
    """Idempotency key: the external id, else name + postal code + country."""
    if row.data.get("external_id", "").strip():
        return ext_key(row.data["external_id"])
    place = "|".join(row.data.get(k, "").strip().upper() for k in ("postal_code", "country"))
    return f"nat:{search_key_cached(row.data.get('name', ''))}|{place}"


def parent_ref(row: MappedRow) -> str:
    if row.data.get("parent_external_id", "").strip():
        return ext_key(row.data["parent_external_id"])
    if row.data.get("parent", "").strip():
        return name_key(row.data["parent"])
    return ""


def owners_named(rows: list[MappedRow]) -> dict[str, int]:
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


def parents_in_db(ctx: ImportContext, rows: list[MappedRow]) -> set[str]:
    """Parent references of the batch that name a visible existing account."""
    refs = {parent_ref(r) for r in rows} - {""} - ctx.seen["file_keys"]
    if not refs:
        return set()
    found = set(keys_to_ids(ctx.actor, ACCOUNT_MODEL, (r for r in refs if r.startswith("ext:"))))
    names = [r.removeprefix("name:") for r in refs if r.startswith("name:")]
    visible = access.visible(Account, ctx.actor)
    found |= {
        name_key(n)
        for n in visible.filter(name_search__in=names).values_list("name_search", flat=True)
    }
    return found


def owner_of(
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


def parent_of(ctx: ImportContext, row: MappedRow, parents_in_db: set[str], errors: Errors) -> str:
    """The parent reference, which must name a visible account or a row
    of the file other than this one (CUS-6)."""
    ref = parent_ref(row)
    if ref and ref not in ctx.seen["file_keys"] and ref not in parents_in_db:
        errors["parent"] = [_("Choose an account you can see.")]
    if ref and ref in (row_key(row), name_key(row.data.get("name", ""))):
        errors["parent"] = [cycle_message()]
    return ref
