"""Who may hold a session or use a token beyond being an active user.

A partner user signs in only while its organization's portal is enabled
(PRG-13). Which organization that is, and whether its portal is on, is the
partners app's to say: it hands identity the one function that answers
(`sign_in_gate`) at start-up, as it does for the membership reader. The
gate reads the actor's membership, which the request's pages use too, and
is asked for partner users only, so internal requests pay nothing.

Each session records when it was signed in; switching a portal off ends
every session its users started before, at their next request, even when
the portal is switched on again before they come back.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from openprm.core.actor import Actor

SESSION_SIGNED_IN_AT = "openprm_signed_in_at"
SIGNED_OUT_REASON = "openprm_signed_out_reason"
BEFORE_ANY_SIGN_IN = dt.datetime.min.replace(tzinfo=dt.UTC)

Gate = Callable[[Actor, dt.datetime | None], str | None]
"""The refusal for the actor of a user (None: allowed). The second argument is when the
session asking was signed in, or None for a sign-in or an API token."""

_gate: list[Gate] = []


def sign_in_gate(gate: Gate) -> None:
    """Set the gate (the partners app does, once); a second, different gate
    is a programming error."""
    if _gate and _gate[0] is not gate:
        raise RuntimeError("the sign-in gate is already set")
    _gate[:] = [gate]


def sign_in_refusal(actor: Actor, *, session_signed_in_at: dt.datetime | None = None) -> str | None:
    """Why the actor's user may not sign in or keep its session now, or None."""
    if not _gate or not actor.is_partner:
        return None
    return _gate[0](actor, session_signed_in_at)


def session_signed_in_at(request: HttpRequest) -> dt.datetime:
    """When the request's session was signed in; a session older than this
    record counts as signed in before any switch-off."""
    stamp = request.session.get(SESSION_SIGNED_IN_AT)
    return dt.datetime.fromisoformat(stamp) if stamp else BEFORE_ANY_SIGN_IN


def end_refused_session(request: HttpRequest, actor: Actor) -> bool:
    """Sign out a partner user whose session the gate refuses (True); the
    sign-in page then says why (`signed_out_reason`)."""
    if not actor.is_partner:
        return False
    refusal = sign_in_refusal(actor, session_signed_in_at=session_signed_in_at(request))
    if refusal is None:
        return False
    logout(request)
    request.session[SIGNED_OUT_REASON] = refusal
    return True


def signed_out_reason(request: HttpRequest) -> str | None:
    """Why the last session of this browser was ended, said once."""
    return request.session.pop(SIGNED_OUT_REASON, None)


@receiver(user_logged_in, dispatch_uid="identity_session_signed_in_at")
def _stamp_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_SIGNED_IN_AT] = timezone.now().isoformat()
