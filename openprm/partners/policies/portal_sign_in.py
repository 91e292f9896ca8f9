"""PRG-13: a partner user signs in only while its organization's portal is
enabled."""

import datetime as dt

from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.identity.sign_in import sign_in_gate
from openprm.partners.policies.membership import membership


def portal_refusal(actor: Actor, session_signed_in_at: dt.datetime | None) -> str | None:
    """PRG-13: a partner user signs in, keeps its session and uses its
    tokens only while its organization's portal is enabled; a session
    signed in before the portal was last switched off is over. Read from
    the actor's membership, which its pages use too."""
    own = membership(actor)
    if own is None:
        return None
    signed_out_at, name = own.partner.portal_signed_out_at, own.partner.account.name
    if not own.partner.portal_enabled:
        return _(
            "The partner portal is switched off for %(name)s. "
            "Ask your channel manager to switch it on again."
        ) % {"name": name}
    if (
        session_signed_in_at is not None
        and signed_out_at is not None
        and session_signed_in_at < signed_out_at
    ):
        return _(
            "You were signed out when the partner portal was switched off for %(name)s. "
            "Sign in again."
        ) % {"name": name}
    return None


sign_in_gate(portal_refusal)
