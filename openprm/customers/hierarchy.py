"""Customer hierarchy queries (CUS-6) as recursive CTEs.

A hierarchy may hold tens of thousands of accounts under one root, so the
subtree is found by one recursive query (SQLite and PostgreSQL both support
`WITH RECURSIVE` inside a subquery) instead of a query per node. `UNION`
(not `UNION ALL`) stops at any cycle left by bad imported data.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from openprm.customers.models import Account

DESCENDANTS_SQL = (
    "WITH RECURSIVE tree(id) AS ("
    "SELECT a.id FROM customers_account a WHERE a.parent_id = %s "
    "UNION SELECT a.id FROM customers_account a JOIN tree t ON a.parent_id = t.id"
    ") SELECT id FROM tree"
)
ACTIVE_DESCENDANTS_SQL = (
    "WITH RECURSIVE tree(id) AS ("
    "SELECT a.id FROM customers_account a WHERE a.parent_id = %s AND a.is_active = %s "
    "UNION SELECT a.id FROM customers_account a JOIN tree t ON a.parent_id = t.id "
    "WHERE a.is_active = %s"
    ") SELECT id FROM tree"
)
ANCESTORS_SQL = (
    "WITH RECURSIVE up(id, parent_id, depth) AS ("
    "SELECT a.id, a.parent_id, 0 FROM customers_account a WHERE a.id = %s "
    "UNION SELECT a.id, a.parent_id, up.depth + 1 FROM customers_account a "
    "JOIN up ON a.id = up.parent_id WHERE up.depth < 1000"
    ") SELECT id FROM up WHERE depth > 0 ORDER BY depth"
)


def descendants_sql(root_id: int, *, active_only: bool) -> RawSQL:
    """Ids of every account below `root_id`, as a subquery for `pk__in`."""
    if active_only:
        return RawSQL(ACTIVE_DESCENDANTS_SQL, [root_id, True, True])  # noqa: S611  constant SQL
    return RawSQL(DESCENDANTS_SQL, [root_id])  # noqa: S611  constant SQL


def ancestor_ids(account_id: int) -> list[int]:
    """Ids from the direct parent up to the root, nearest first."""
    with connection.cursor() as cursor:
        cursor.execute(ANCESTORS_SQL, [account_id])
        return [row[0] for row in cursor.fetchall()]


def is_descendant_or_self(candidate_id: int, account_id: int) -> bool:
    """True when `candidate_id` is `account_id` or below it: making it the
    parent of `account_id` would close a cycle (CUS-6)."""
    if candidate_id == account_id:
        return True
    return Account._base_manager.filter(
        Q(pk=candidate_id) & Q(pk__in=descendants_sql(account_id, active_only=False))
    ).exists()


@dataclass
class HierarchyNode:
    """One account of a hierarchy with its subsidiaries' rolled-up revenue."""

    id: int
    name: str
    account_type: str
    parent_id: int | None
    annual_revenue: Decimal | None
    currency: str
    depth: int = 0
    rolled_up_revenue: Decimal = Decimal(0)
    children: list["HierarchyNode"] = field(default_factory=list)

    @property
    def type_label(self) -> str:
        return str(Account.AccountType(self.account_type).label)


NODE_FIELDS = ("id", "name", "account_type", "parent_id", "annual_revenue", "currency")


def build_tree(
    root: Account, rows: list[dict[str, Any]]
) -> tuple[HierarchyNode, list[HierarchyNode]]:
    """Link `rows` (the visible subtree) under `root`, compute depths and
    rolled-up revenue; return the root node and all nodes in pre-order.

    A row whose parent is not visible is left out with its own subtree: the
    actor cannot see how it hangs under the root.
    """
    nodes = {row["id"]: HierarchyNode(**row) for row in rows}
    top = HierarchyNode(**{name: getattr(root, name) for name in NODE_FIELDS})
    nodes[top.id] = top
    for node in nodes.values():
        parent = nodes.get(node.parent_id) if node is not top else None
        if parent is not None:
            parent.children.append(node)
    for node in nodes.values():
        node.children.sort(key=lambda child: (child.name.casefold(), child.id))
    ordered: list[HierarchyNode] = []
    stack = [top]
    while stack:
        node = stack.pop()
        ordered.append(node)
        for child in reversed(node.children):
            child.depth = node.depth + 1
            stack.append(child)
    for node in reversed(ordered):
        node.rolled_up_revenue = (node.annual_revenue or Decimal(0)) + sum(
            (child.rolled_up_revenue for child in node.children), Decimal(0)
        )
    return top, ordered
