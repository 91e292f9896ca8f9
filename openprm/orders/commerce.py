"""What kind of buyer the actor is (ORD-2, ORD-8): an order manager of the
brand owner, a partner's power user or a standard user. Read once per
request and kept on the actor."""

from decimal import Decimal

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.options.selectors import profile_option_value
from openprm.core.privileges import has_privilege
from openprm.orders.catalog import MANAGE_ORDERS, POWER_USER_DISCOUNT
from openprm.partners.models import PartnerContact, PortalUserType


def is_order_manager(actor: Actor) -> bool:
    return actor.is_internal and has_privilege(actor, MANAGE_ORDERS)


def portal_user_type(actor: Actor) -> str | None:
    """The portal commerce type of a partner user (PRG-2), None for others."""
    if not actor.is_partner or actor.pk is None:
        return None
    return actor.remembered(
        "orders.portal_user_type",
        lambda: (
            access.unscoped(PartnerContact)
            .filter(user_id=actor.pk)
            .values_list("portal_user_type", flat=True)
            .first()
        ),
    )


def is_power_user(actor: Actor) -> bool:
    return portal_user_type(actor) == PortalUserType.POWER


def allowed_discount(actor: Actor) -> Decimal:
    """The highest manual discount (%) the actor may give on a line: any for
    an order manager, the profile option's for a power user, none for a
    standard user, who cannot change prices (ORD-8)."""
    if is_order_manager(actor):
        return Decimal(100)
    if is_power_user(actor):
        return Decimal(profile_option_value(POWER_USER_DISCOUNT))
    return Decimal(0)
