"""Creating and revoking API tokens."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.events import publish
from openprm.identity.events import (
    TokenCreated,
    TokenRevoked,
)
from openprm.identity.models import AccessToken
from openprm.identity.tokens import token_generate


def token_create(
    *, actor: Actor, name: str, expires_in_days: int | None = None
) -> tuple[AccessToken, str]:
    """A user creates its own tokens; the plaintext is returned once only."""
    name = name.strip()
    if not name:
        raise ValidationFailed(field_errors={"name": [_("Give the token a name.")]})
    if expires_in_days is not None and not 1 <= expires_in_days <= 3650:
        raise ValidationFailed(field_errors={"expires_in_days": [_("Choose 1 to 3650 days.")]})
    plaintext, prefix, digest = token_generate()
    token = AccessToken(
        user=actor.user,
        name=name,
        prefix=prefix,
        digest=digest,
        expires_at=(
            timezone.now() + dt.timedelta(days=expires_in_days) if expires_in_days else None
        ),
    )
    token.save()
    publish(TokenCreated(actor=actor, record=actor.user, name=name, prefix=prefix))
    return token, plaintext


def token_revoke(*, actor: Actor, token: AccessToken) -> AccessToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        publish(TokenRevoked(actor=actor, record=token.user, prefix=token.prefix))
    return token
