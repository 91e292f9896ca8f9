"""Who sees which accounts (TEAM-5, CUS-9): the account scope and its grants.

Other apps widen visibility by registering a named grant — a function of the
actor returning a Q over Account (teams: "team", "manager"; territories:
"territory"; partners: "partner"). This module never imports them, so imports
keep going downward.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q, QuerySet

from openprm.core import access
from openprm.core.privileges import VIEW_ALL_SALES_DATA, has_privilege
from openprm.customers.models import Account, BillingAccount, LegalEntity, Note

AccountGrant = Callable[[Any], Q]
AccessLevelResolver = Callable[[Any, Account], str | None]

_grants: dict[str, AccountGrant] = {}
_edit_grants: dict[str, AccountGrant] = {}
_level_resolvers: list[AccessLevelResolver] = []

NOTHING = Q(pk__in=[])


def register_account_grant(name: str, grant: AccountGrant) -> None:
    """Let another app give actors access to accounts (TEAM-2, TER-*, PRG-7)."""
    _grants[name] = grant


def register_account_edit_grant(name: str, grant: AccountGrant) -> None:
    """Let another app give actors the right to edit accounts they can see
    (TEAM-2: Edit and Full team members)."""
    _edit_grants[name] = grant


def account_grant_names() -> frozenset[str]:
    return frozenset(_grants)


def account_grant_q(actor: Any, names: Iterable[str] | None = None) -> Q:
    """Union of the named grants (all when `names` is None) for `actor`.

    The contacts app uses it for "My Team and Territory Contacts" (CON-7).
    """
    wanted = _grants if names is None else {n: _grants[n] for n in names if n in _grants}
    combined = NOTHING
    for grant in wanted.values():
        combined |= grant(actor)
    return combined


def account_access_q(actor: Any) -> Q | None:
    """The Q of accounts `actor` may see; None means every active account."""
    is_internal = not getattr(actor, "is_partner_user", True)
    if is_internal and has_privilege(actor, VIEW_ALL_SALES_DATA):
        return None
    condition = account_grant_q(actor)
    if is_internal:
        condition |= Q(owner_id=actor.pk)
    return condition


def account_edit_q(actor: Any) -> Q | None:
    """The Q of visible accounts `actor` may edit; None means every one.

    Sales data administrators and the owner may edit (TEAM-2); other apps add
    more through `register_account_edit_grant`.
    """
    is_internal = not getattr(actor, "is_partner_user", True)
    if is_internal and has_privilege(actor, VIEW_ALL_SALES_DATA):
        return None
    condition = NOTHING
    for grant in _edit_grants.values():
        condition |= grant(actor)
    if is_internal:
        condition |= Q(owner_id=actor.pk)
    return condition


def register_access_level_resolver(resolver: AccessLevelResolver) -> None:
    """Let the teams app decide access levels (TEAM-1, TEAM-2); the latest wins."""
    _level_resolvers[:] = [resolver]


def account_access_level(actor: Any, account: Account) -> str | None:
    """The actor's level on `account`: "full", "edit", "view" or None (TEAM-2,
    CON-11). Delegates to the registered resolver; without one, the owner and
    users who see all sales data have Full, an edit grant gives Edit, seeing
    the account gives View."""
    if _level_resolvers:
        return _level_resolvers[0](actor, account)
    if not access.is_active_actor(actor) or getattr(actor, "is_partner_user", True):
        return None
    visible = access.visible(Account, actor).filter(pk=account.pk)
    if not visible.exists():
        return None
    if account.owner_id == actor.pk or has_privilege(actor, VIEW_ALL_SALES_DATA):
        return "full"
    edit = account_edit_q(actor)
    if edit is None or visible.filter(edit).exists():
        return "edit"
    return "view"


@access.register(Account)
def _accounts(queryset: QuerySet[Account], actor: Any) -> QuerySet[Account]:
    """Active accounts only (CUS-9), then what the actor's role, ownership and
    the registered grants give (TEAM-5). Partner users see only what a grant
    gives them."""
    queryset = queryset.filter(is_active=True)
    condition = account_access_q(actor)
    return queryset if condition is None else queryset.filter(condition)


@access.register(BillingAccount)
def _billing_accounts(queryset: QuerySet[BillingAccount], actor: Any) -> QuerySet[BillingAccount]:
    """CUS-8: a billing account is visible with its account."""
    return queryset.filter(account__in=access.visible(Account, actor))


@access.register(Note)
def _notes(queryset: QuerySet[Note], actor: Any) -> QuerySet[Note]:
    """CUS-9: notes of a deleted or invisible account cannot be viewed."""
    return queryset.filter(account__in=access.visible(Account, actor))


access.register(LegalEntity)(access.internal_users_only)
