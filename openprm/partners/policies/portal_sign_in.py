"""PRG-13: a partner user signs in only while its organization's portal is
enabled."""

import datetime as dt

from django.utils.translation import gettext as _

from openprm.identity.models import User
from openprm.identity.sign_in import sign_in_gate
from openprm.partners.models import PartnerContact


def portal_refusal(user: User, session_signed_in_at: dt.datetime | None) -> str | None:
    """PRG-13: a partner user signs in, keeps its session and uses its
    tokens only while its organization's portal is enabled; a session
    signed in before the portal was last switched off is over."""
    found = (
        PartnerContact.objects.filter(user_id=user.pk)
        .values_list(
            "partner__portal_enabled", "partner__portal_signed_out_at", "partner__account__name"
        )
        .first()
    )
    if found is None:
        return None
    enabled, signed_out_at, name = found
    if not enabled:
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
