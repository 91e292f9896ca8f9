"""Every read of accounts and their children, scoped by customers.access."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.values import custom_filter
from openprm.core.privileges import require_privilege
from openprm.customers.catalog import RESTORE_SALES_PARTY
from openprm.customers.filters import AccountFilter, BillingAccountFilter, LegalEntityFilter
from openprm.customers.hierarchy import (
    NODE_FIELDS,
    HierarchyNode,
    ancestor_ids,
    build_tree,
    descendants_sql,
)
from openprm.customers.models import Account, BillingAccount, LegalEntity, Note
from openprm.customers.normalize import search_key
from openprm.identity.models import User


def with_parent_name(accounts: QuerySet[Account], actor: Actor) -> QuerySet[Account]:
    """`parent_name`: the parent's name when the actor sees the parent, else
    None — a row must not name an account the actor cannot see (TEAM-5)."""
    parents = access.visible(Account, actor).filter(pk=OuterRef("parent_id"))
    return accounts.annotate(parent_name=Subquery(parents.order_by().values("name")[:1]))


def account_list(
    *,
    actor: Actor,
    filters: AccountFilter | None = None,
    custom: Mapping[str, Any] | None = None,
) -> QuerySet[Account]:
    """Visible active accounts of every type (CUS-11), with the related rows
    a list shows fetched in the same query."""
    accounts = with_parent_name(
        access.visible(Account, actor).select_related("owner", "legal_entity"), actor
    )
    if filters is not None:
        accounts = filters.filter(accounts)
    if custom:
        accounts = custom_filter(accounts, Account.record_type, custom)
    return accounts


def customer_overview(
    *, actor: Actor, filters: AccountFilter | None = None, custom: Mapping[str, Any] | None = None
) -> QuerySet[Account]:
    """CUS-11: the customers overview lists accounts of type Customer only."""
    return account_list(actor=actor, filters=filters, custom=custom).filter(
        account_type=Account.AccountType.CUSTOMER
    )


def account_get(*, actor: Actor, pk: Any) -> Account:
    accounts = access.visible(Account, actor).select_related("owner", "legal_entity")
    return access.get_visible(Account, actor, pk, with_parent_name(accounts, actor))


def account_name_search(*, actor: Actor, q: str) -> QuerySet[Account]:
    """Visible active accounts of every type whose name starts with `q`
    (CUS-11, CUS-9, TEAM-5), in name order: the account list's own search,
    an index range on the normalized name."""
    return (
        access.visible(Account, actor)
        .filter(AccountFilter(q=q).get_filter_expression())
        .order_by("name_search", "pk")
    )


def account_pick(*, actor: Actor, q: str, limit: int = 20) -> list[Account]:
    """Accounts offered by a picker: visible, active, by name prefix (CUS-9,
    TEAM-5); nothing for an empty search."""
    if not search_key(q or ""):
        return []
    return list(account_name_search(actor=actor, q=q)[:limit])


def accounts_owned(*, actor: Actor) -> QuerySet[Account]:
    """The visible accounts the actor owns (CUS-5), newest first."""
    return access.visible(Account, actor).filter(owner_id=actor.pk).order_by("-pk")


def account_pick_label(*, actor: Actor, pk: Any) -> str | None:
    """The name a picker shows for a chosen id, only when visible."""
    return access.visible(Account, actor).filter(pk=pk).values_list("name", flat=True).first()


@dataclass
class Hierarchy:
    """CUS-6: the path above an account and its visible subtree in pre-order."""

    ancestors: list[Account]
    root: HierarchyNode
    nodes: list[HierarchyNode]


def account_hierarchy(*, actor: Actor, account: Account) -> Hierarchy:
    """Two queries for the whole subtree whatever its size: one recursive CTE
    (as a subquery) filtered by the access scope, plus one for the ancestors."""
    account = access.get_visible(Account, actor, account.pk)
    rows = list(
        access.visible(Account, actor)
        .filter(pk__in=descendants_sql(account.pk, active_only=True))
        .values(*NODE_FIELDS)
    )
    root, nodes = build_tree(account, rows)
    above = ancestor_ids(account.pk)
    visible_above = access.visible(Account, actor).in_bulk(above)
    ancestors = [visible_above[pk] for pk in reversed(above) if pk in visible_above]
    return Hierarchy(ancestors=ancestors, root=root, nodes=nodes)


def deleted_account_list(*, actor: Actor, q: str = "") -> QuerySet[Account]:
    """CUS-9 system view: soft-deleted accounts, for Restore Sales Party only."""
    require_privilege(actor, RESTORE_SALES_PARTY)
    deleted = access.unscoped(Account).filter(is_active=False).select_related("deleted_by")
    if q:
        deleted = AccountFilter(q=q).filter(deleted)
    return deleted.order_by("-deleted_at", "-pk")


def note_list(*, actor: Actor, account: Account) -> QuerySet[Note]:
    """CUS-9: a deleted account's notes are not visible (the scope says so)."""
    return access.visible(Note, actor).filter(account_id=account.pk).select_related("author")


def billing_account_list(
    *, actor: Actor, filters: BillingAccountFilter | None = None
) -> QuerySet[BillingAccount]:
    billing = access.visible(BillingAccount, actor).select_related("account")
    return filters.filter(billing) if filters is not None else billing


def billing_account_get(*, actor: Actor, pk: Any) -> BillingAccount:
    return access.get_visible(BillingAccount, actor, pk)


def legal_entity_list(
    *, actor: Actor, filters: LegalEntityFilter | None = None
) -> QuerySet[LegalEntity]:
    entities = access.visible(LegalEntity, actor)
    return filters.filter(entities) if filters is not None else entities


def legal_entity_get(*, actor: Actor, pk: Any) -> LegalEntity:
    return access.get_visible(LegalEntity, actor, pk)


def owner_choices() -> QuerySet[User]:
    """Active internal users an account can be assigned to (CUS-5). Names of
    colleagues are reference data every internal user may pick from."""
    return (
        access.unscoped(User)
        .filter(Q(is_active=True) & Q(user_type=User.UserType.INTERNAL))
        .order_by("username")
    )
