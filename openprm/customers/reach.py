"""An actor's account reach (TEAM-5, CUS-9): which accounts it sees and
edits, and its access level on one — the SQL every account and contact
list, count and search runs, in one module.

Other apps widen reach by registering a named grant — a function of the
actor returning an `AccountSql` condition on one account row, or None (teams:
"team", "manager"; territories: "territory"; partners: "partner") — and
contribute access levels (`register_level_source`). This module never
imports them, so imports keep going downward; the account policy
(customers.policies) reads it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db import connection
from django.db.models import Q

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.privileges import has_privilege
from openprm.customers.catalog import VIEW_ALL_SALES_DATA
from openprm.customers.levels import EDITING_LEVELS, AccessLevel, highest
from openprm.customers.models import Account


@dataclass(frozen=True)
class AccountSql:
    """Accounts an actor reaches, in two equivalent SQL forms.

    `sql` is a condition on one account row (see `access.RowCondition`):
    `{id}` and `{owner}` stand for the row's id and owner columns, `{type}`
    for its account type; values go in `params`. It is checked for every
    account — or every contact, through its relationships — a list walks in
    sort order, which is fast while the actor sees a good share of them.
    `ids` selects the same accounts' ids straight from the granting rows
    (index lookups), for actors who see few: the list then starts from those
    (`reach_is_small`). A grant without `ids` keeps every list walking.
    Written by hand because the ORM spent more building these conditions
    than the database spent running them.
    """

    sql: str
    params: tuple[Any, ...] = ()
    ids: str | None = None
    ids_params: tuple[Any, ...] = ()

    def __or__(self, other: "AccountSql") -> "AccountSql":
        ids = None
        if self.ids is not None and other.ids is not None:
            ids = f"{self.ids} UNION ALL {other.ids}"
        return AccountSql(
            f"({self.sql}) OR ({other.sql})",
            self.params + other.params,
            ids,
            self.ids_params + other.ids_params,
        )

    def on(self, row: str) -> tuple[str, tuple[Any, ...]]:
        """The condition on the account table aliased `row` in a hand-written query."""
        sql = self.sql.replace("{id}", f"{row}.id").replace("{owner}", f"{row}.owner_id")
        return sql.replace("{type}", f"{row}.account_type"), self.params

    def q(self) -> Q:
        """The condition on the rows of an Account queryset."""
        return Q(
            access.RowCondition(
                self.sql, self.params, id="pk", owner="owner_id", type="account_type"
            )
        )


def marks(values: tuple[Any, ...]) -> str:
    """Placeholders for an `IN (…)` of `values` in an AccountSql."""
    return ", ".join(["%s"] * len(values))


AccountGrant = Callable[[Actor], AccountSql | None]
LevelSource = Callable[[Actor, Account], Iterable[str]]

_grants: dict[str, AccountGrant] = {}
_edit_grants: dict[str, AccountGrant] = {}
_level_sources: dict[str, LevelSource] = {}

_ACCOUNTS = Account._meta.db_table
NOTHING_SQL = AccountSql("1 = 0", ids=f"SELECT id FROM {_ACCOUNTS} WHERE 1 = 0")  # noqa: S608
SMALL_REACH = 1000
_REACH_MEMO = "customers.small_reach"


def register_account_grant(name: str, grant: AccountGrant) -> None:
    """Let another app give actors access to accounts (TEAM-2, TER-*, PRG-7):
    `grant(actor)` answers the accounts it gives, or None for none."""
    _grants[name] = grant


def register_account_edit_grant(name: str, grant: AccountGrant) -> None:
    """Let another app give actors the right to edit accounts they can see
    (TEAM-2: Edit and Full team members)."""
    _edit_grants[name] = grant


def account_grant_names() -> frozenset[str]:
    return frozenset(_grants)


def _union(grants: Iterable[AccountGrant], actor: Actor, owner: bool) -> AccountSql:
    terms = [term for grant in grants if (term := grant(actor)) is not None]
    if owner:
        owned = f"SELECT id FROM {_ACCOUNTS} WHERE owner_id = %s"  # noqa: S608
        terms.insert(0, AccountSql("{owner} = %s", (actor.pk,), owned, (actor.pk,)))
    if not terms:
        return NOTHING_SQL
    return reduce(or_, terms)


def reach_is_small(actor: Actor, condition: AccountSql) -> bool:
    """Whether the accounts `condition` gives number at most SMALL_REACH
    granting rows, counted by index and at most that far; decided once per
    actor object (a request), since both forms answer the same rows. A
    lookup of rows by primary key checks those rows (no count)."""
    if condition.ids is None or access.by_primary_key_only():
        return False
    ids, params = condition.ids, condition.ids_params

    def count() -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM ({ids}) reach "  # noqa: S608
                f"LIMIT {SMALL_REACH + 1}) counted",
                params,
            )
            return cursor.fetchone()[0] <= SMALL_REACH

    return actor.remembered(_REACH_MEMO, count)


def account_grant_sql(actor: Actor, names: Iterable[str] | None = None) -> AccountSql:
    """Union of the named grants (all when `names` is None) for `actor`."""
    wanted = _grants.values() if names is None else [_grants[n] for n in names if n in _grants]
    return _union(wanted, actor, owner=False)


def account_grant_q(actor: Actor, names: Iterable[str] | None = None) -> Q:
    """`account_grant_sql` on Account rows; the contacts app uses it for
    "My Team and Territory Contacts" (CON-7)."""
    return account_grant_sql(actor, names).q()


def _sees_all(actor: Actor) -> bool:
    return actor.is_internal and has_privilege(actor, VIEW_ALL_SALES_DATA)


def account_access_sql(actor: Actor) -> AccountSql | None:
    """The accounts `actor` may see; None means every active account. Internal
    users see what they own, partner users only what a grant gives them."""
    if _sees_all(actor):
        return None
    return _union(_grants.values(), actor, owner=actor.is_internal)


def account_access_q(actor: Actor) -> Q | None:
    condition = account_access_sql(actor)
    return None if condition is None else condition.q()


def account_edit_sql(actor: Actor) -> AccountSql | None:
    """The visible accounts `actor` may edit; None means every one. Sales data
    administrators and the owner may edit (TEAM-2); other apps add more
    through `register_account_edit_grant`."""
    if _sees_all(actor):
        return None
    return _union(_edit_grants.values(), actor, owner=actor.is_internal)


def account_edit_q(actor: Actor) -> Q | None:
    condition = account_edit_sql(actor)
    return None if condition is None else condition.q()


def register_level_source(name: str, source: LevelSource) -> None:
    """Let another app contribute access levels on an account (teams: team
    memberships; territories: the default level of an assigned territory).
    Every source counts; the highest level wins (TEAM-1)."""
    _level_sources[name] = source


def account_access_level(actor: Actor, account: Account) -> str | None:
    """The actor's level on `account`: "full", "edit", "view" or None (TEAM-1,
    TEAM-2, CON-11). Owners and users who see all sales data have Full; an
    edit grant gives at least Edit; the registered sources add theirs;
    seeing the account gives View."""
    if not actor.is_internal:
        return None
    with access.by_primary_key():
        seen = access.visible(Account, actor).filter(pk=account.pk)
    if not seen.exists():
        return None
    if account.owner_id == actor.pk or has_privilege(actor, VIEW_ALL_SALES_DATA):
        return AccessLevel.FULL
    levels = [level for source in _level_sources.values() for level in source(actor, account)]
    if AccessLevel.FULL not in levels:
        edit = account_edit_q(actor)
        if edit is None or Account.objects.filter(pk=account.pk).filter(edit).exists():
            levels.append(AccessLevel.EDIT)
    return str(highest(levels) or AccessLevel.VIEW)


def edits_any(actor: Actor, accounts: list[Account]) -> bool:
    """Whether `account_access_level` would give Edit or Full on at least
    one of `accounts` (TEAM-2: editing a contact of several customers),
    asked for all of them at once: the owner from the rows, then one query
    for the visible accounts the edit grants cover; only an actor those
    leave out asks the level sources, account by account."""
    if not actor.is_internal or not accounts:
        return False
    if has_privilege(actor, VIEW_ALL_SALES_DATA) or any(a.owner_id == actor.pk for a in accounts):
        return True
    with access.by_primary_key():
        seen = access.visible(Account, actor).filter(pk__in=[a.pk for a in accounts])
    edit = account_edit_q(actor)
    if edit is None or seen.filter(edit).exists():
        return True
    visible = set(seen.values_list("pk", flat=True))
    return any(
        level in EDITING_LEVELS
        for account in accounts
        if account.pk in visible
        for source in _level_sources.values()
        for level in source(actor, account)
    )
