"""Reads of partners: lists, pickers, one partner and its hierarchy."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    OuterRef,
    QuerySet,
    Subquery,
)

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.values import custom_filter
from openprm.customers.hierarchy import HierarchyNode
from openprm.customers.models import Account
from openprm.customers.selectors import account_hierarchy
from openprm.partners.catalog import PARTNER_RECORD_TYPE
from openprm.partners.filters import PartnerFilter
from openprm.partners.models import (
    PartnerProfile,
)


def partner_list(
    *,
    actor: Actor,
    filters: PartnerFilter | None = None,
    custom: Mapping[str, Any] | None = None,
) -> QuerySet[PartnerProfile]:
    """PA-2: managed partners only (type Partner and flag Yes), with what a
    list shows fetched in the same query; `parent_name` only when the actor
    sees the parent (PA-5, TEAM-5: a portal user sees its own organization).
    The parent is looked up by key, row by row, so its scope is built for
    that rather than for listing the actor's whole reach."""
    with access.by_primary_key():
        parents = access.visible(Account, actor).filter(pk=OuterRef("account__parent_id"))
    partners = (
        access.visible(PartnerProfile, actor)
        .filter(managed_partner=True, account__account_type=Account.AccountType.PARTNER)
        .select_related("account", "account__owner")
        .annotate(
            contact_count=Count("contacts", distinct=True),
            parent_name=Subquery(parents.order_by().values("name")[:1]),
        )
    )
    if filters is not None:
        partners = filters.filter(partners)
    if custom:
        partners = custom_filter(
            partners, PARTNER_RECORD_TYPE, custom, columns={"account": "account__custom"}
        )
    return partners


def managed_partners(*, actor: Actor) -> QuerySet[PartnerProfile]:
    """PA-2: the visible managed partners with their accounts, without the
    list's counts (for pages that show a few)."""
    return (
        access.visible(PartnerProfile, actor)
        .filter(managed_partner=True, account__account_type=Account.AccountType.PARTNER)
        .select_related("account")
    )


def partner_name_search(*, actor: Actor, q: str) -> QuerySet[PartnerProfile]:
    """Visible managed partners whose name starts with `q`, in name order:
    the partner list's search (an index range on the account's normalized
    name). A portal user finds only its own organization (PRG-7)."""
    return (
        managed_partners(actor=actor)
        .filter(PartnerFilter(q=q).get_filter_expression())
        .order_by("account__name_search", "pk")
    )


def partner_get(*, actor: Actor, pk: Any) -> PartnerProfile:
    return access.get_visible(
        PartnerProfile,
        actor,
        pk,
        partner_list(actor=actor),
    )


def partner_get_to(*, actor: Actor, pk: Any, action: str) -> PartnerProfile:
    """The partner for a page that does `action` on it (edit it, add a
    contact): 404 when invisible, 403 when the actor may see it but not do
    that — the page itself, not only its save."""
    partner = partner_get(actor=actor, pk=pk)
    access.require(actor, action, partner)
    return partner


def account_get_to_mark_managed(*, actor: Actor, account_id: Any) -> Account:
    """PA-2: the account whose managed-partner flag a page sets: 404 when
    invisible, 403 when the actor may not set it."""
    account = access.get_visible(Account, actor, account_id)
    access.require(actor, "mark_managed_partner", account)
    return account


def partner_for_account(*, actor: Actor, account_id: Any) -> PartnerProfile | None:
    """The account's partner profile, managed or not (PA-2 account screens)."""
    return (
        access.visible(PartnerProfile, actor)
        .select_related("account")
        .filter(account_id=account_id)
        .first()
    )


@dataclass
class PartnerHierarchy:
    """PA-5: the account hierarchy around a partner, partners marked."""

    ancestors: list[Account]
    nodes: list[HierarchyNode]
    partner_account_ids: set[int]


def partner_hierarchy(*, actor: Actor, partner: PartnerProfile) -> PartnerHierarchy:
    """PA-5: partners form hierarchies through the account parent; the tree
    is the visible account subtree from the topmost visible ancestor."""
    partner = partner_get(actor=actor, pk=partner.pk)
    top_tree = account_hierarchy(actor=actor, account=partner.account)
    top = top_tree.ancestors[0] if top_tree.ancestors else partner.account
    tree = top_tree if top.pk == partner.account_id else account_hierarchy(actor=actor, account=top)
    ids = {node.id for node in tree.nodes}
    partner_ids = set(
        partner_list(actor=actor).filter(account_id__in=ids).values_list("account_id", flat=True)
    )
    return PartnerHierarchy(
        ancestors=top_tree.ancestors, nodes=tree.nodes, partner_account_ids=partner_ids
    )
