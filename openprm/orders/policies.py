"""Who sees and works orders and assets (ORD-2, ORD-3, ORD-5, ORD-9).

The brand owner's order managers (Manage Orders) see every order and asset
and report fulfilment. A partner user sees the orders and assets of its own
organization only (404 for any other); every partner user places and
submits orders, a power user also revises them and changes installed
assets (ORD-2). Fulfilment is the order managers' (in the UI, or a
fulfilment system through the API with such a user's token).
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import missing_privilege
from openprm.orders.catalog import MANAGE_ORDERS
from openprm.orders.commerce import is_order_manager, is_power_user
from openprm.orders.models import Asset, AssetEvent, Order, OrderLine


def _scope(rows: QuerySet, actor: Actor, field: str = "partner_id") -> QuerySet:
    if is_order_manager(actor):
        return rows
    if actor.is_partner and actor.partner_id is not None:
        return rows.filter(**{field: actor.partner_id})
    return rows.none()


def _power_or_manager(actor: Actor) -> PermissionRefused | None:
    """ORD-2: revising and changing installed service is for power users."""
    if is_order_manager(actor) or is_power_user(actor):
        return None
    if actor.is_partner:
        return PermissionRefused(
            _("Power user: only a power user may do this; you are a standard user.")
        )
    return missing_privilege(actor, MANAGE_ORDERS)


@access.policy(Order)
class OrderPolicy(access.Policy[Order]):
    def view(self, rows: QuerySet[Order], actor: Actor) -> QuerySet[Order]:
        return _scope(rows, actor)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        """A partner user orders for its organization; internally, Manage Orders."""
        if actor.is_partner and actor.partner_id is not None:
            return None
        return missing_privilege(actor, MANAGE_ORDERS)

    def check_change(self, actor: Actor, order: Order) -> PermissionRefused | None:
        """Editing the lines of a pending order, submitting and cancelling it."""
        return None

    def check_revise(self, actor: Actor, order: Order) -> PermissionRefused | None:
        return _power_or_manager(actor)

    def check_fulfil(self, actor: Actor, order: Order) -> PermissionRefused | None:
        return missing_privilege(actor, MANAGE_ORDERS)


@access.policy(OrderLine)
class OrderLinePolicy(access.Policy[OrderLine]):
    """Seen with its order."""

    def view(self, rows: QuerySet[OrderLine], actor: Actor) -> QuerySet[OrderLine]:
        return _scope(rows, actor, "order__partner_id")


@access.policy(Asset)
class AssetPolicy(access.Policy[Asset]):
    def view(self, rows: QuerySet[Asset], actor: Actor) -> QuerySet[Asset]:
        return _scope(rows, actor)

    def check_change(self, actor: Actor, asset: Asset) -> PermissionRefused | None:
        """ORD-9: a modify or disconnect order on the asset."""
        return _power_or_manager(actor)


@access.policy(AssetEvent)
class AssetEventPolicy(access.Policy[AssetEvent]):
    """Seen with its asset."""

    def view(self, rows: QuerySet[AssetEvent], actor: Actor) -> QuerySet[AssetEvent]:
        return _scope(rows, actor, "asset__partner_id")
