"""Reading orders and assets, always through the access scope."""

from typing import Any

from django.db.models import QuerySet

from openprm.catalog import selectors as catalog_selectors
from openprm.catalog.models import ProductType
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import NotFound
from openprm.customers.models import Account
from openprm.orders.models import Asset, AssetEvent, AssetStatus, Order, OrderLine
from openprm.partners.models import PartnerProfile

# A filter's drop-down lists this many names at most; `?customer=<id>` reaches the rest.
PICKER_SIZE = 200


def order_list(*, actor: Actor) -> QuerySet[Order]:
    return access.visible(Order, actor).select_related("customer", "partner__account")


def customer_choices(*, actor: Actor) -> list[tuple[int, str]]:
    """The orders list's Customer filter: the customers of the orders the
    actor sees, of those the accounts it may see, by name."""
    ordered = order_list(actor=actor).values("customer_id")
    return list(
        access.visible(Account, actor)
        .filter(pk__in=ordered)
        .order_by("name", "pk")
        .values_list("pk", "name")[:PICKER_SIZE]
    )


def partner_choices(*, actor: Actor) -> list[tuple[int, str]]:
    """The orders list's Partner filter: the partners of the orders the
    actor sees, of those the partners it may see, by name."""
    ordered = order_list(actor=actor).values("partner_id")
    return list(
        access.visible(PartnerProfile, actor)
        .filter(pk__in=ordered)
        .order_by("account__name", "pk")
        .values_list("pk", "account__name")[:PICKER_SIZE]
    )


def order_get(*, actor: Actor, pk: Any) -> Order:
    return access.get_visible(Order, actor, pk, order_list(actor=actor))


def revisions_of(*, actor: Actor, order: Order) -> QuerySet[Order]:
    """Every revision of the order's number, the first first."""
    return order_list(actor=actor).filter(number=order.number).order_by("revision")


def lines_of(*, actor: Actor, order: Order) -> list[OrderLine]:
    """The lines in their order, parents before their parts."""
    return list(
        access.visible(OrderLine, actor)
        .filter(order=order)
        .select_related("product", "asset")
        .order_by("position", "pk")
    )


def asset_list(*, actor: Actor) -> QuerySet[Asset]:
    return access.visible(Asset, actor).select_related("product", "customer")


def asset_get(*, actor: Actor, pk: Any) -> Asset:
    return access.get_visible(Asset, actor, pk, asset_list(actor=actor))


def asset_to_change(*, actor: Actor, pk: Any) -> Asset:
    """An asset the actor may see (404 otherwise) and change (ORD-9: power
    users and order managers; 403 otherwise), for the Modify form."""
    asset = asset_get(actor=actor, pk=pk)
    access.require(actor, "change", asset)
    return asset


def option_products_of(*, actor: Actor, asset: Asset) -> list[int]:
    """The options installed under the asset, as product ids."""
    return list(
        asset_list(actor=actor)
        .filter(parent=asset, status=AssetStatus.ACTIVE, product__type=ProductType.OPTION)
        .values_list("product_id", flat=True)
    )


def option_choices(*, actor: Actor, asset: Asset) -> list[tuple[int, str]]:
    """The options the asset's product takes (id, name), by name."""
    links = catalog_selectors.options_of(actor=actor, product=asset.product)
    return list(
        links.order_by("option__name", "option_id").values_list("option_id", "option__name")
    )


def history_of(*, actor: Actor, asset: Asset) -> QuerySet[AssetEvent]:
    return (
        access.visible(AssetEvent, actor)
        .filter(asset=asset)
        .select_related("line__order")
        .order_by("pk")
    )


def with_depth(lines: list[OrderLine]) -> list[tuple[OrderLine, int]]:
    """Each line with how deep it sits in its bundle (0: a line of its own),
    for pages that indent a plan's lines and each line's options."""
    depth: dict[int, int] = {}
    for line in lines:
        depth[line.pk] = depth.get(line.parent_id, -1) + 1 if line.parent_id else 0
    return [(line, depth[line.pk]) for line in lines]


def own_account(*, actor: Actor) -> Account:
    """A partner user's own organization's account (404 for anyone else)."""
    if not actor.is_partner or actor.partner_id is None:
        raise NotFound()
    partner = access.get_visible(PartnerProfile, actor, actor.partner_id)
    return access.get_visible(Account, actor, partner.account_id)
