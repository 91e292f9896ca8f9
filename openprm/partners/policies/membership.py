"""A portal user's own partner contact record (PRG-7) and whether it is
its organization's partner administrator (PRG-2)."""

from openprm.core.actor import Actor
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.partners.models import PartnerContact


def membership(actor: Actor) -> PartnerContact | None:
    """The active portal user's own partner contact record (the Actor's
    `membership`, read once per request); None for internal users and users
    without one."""
    found: PartnerContact | None = actor.membership
    return found


def is_partner_administrator_of(actor: Actor, partner_id: int) -> bool:
    """PRG-2: the actor is the partner administrator of `partner_id` itself
    (not of its parent: a parent's administrator does not manage the
    subsidiaries' users)."""
    own = membership(actor)
    return (
        own is not None
        and own.partner_id == partner_id
        and own.role is not None
        and own.role.code == PARTNER_ADMINISTRATOR
    )
