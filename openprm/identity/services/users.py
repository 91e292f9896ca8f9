"""Every write on users: created, edited, activated and given a password."""

from collections.abc import Iterable

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_create, record_update
from openprm.identity.errors import IdentityErrorCode
from openprm.identity.events import (
    PasswordChanged,
    RolesChanged,
    TokensRevoked,
)
from openprm.identity.models import AccessToken, Role, User


def _check_password(password: str, user: User | None = None) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationFailed(field_errors={"password": error.messages}) from None


def _roles_fit_user_type(roles: Iterable[Role], user_type: str) -> None:
    partner = user_type == User.UserType.PARTNER
    wrong = [r.name for r in roles if r.for_partners != partner]
    if wrong:
        raise ValidationFailed(
            field_errors={
                "roles": [_("These roles do not fit a user of this type: %s.") % ", ".join(wrong)]
            }
        )


def user_create(
    *,
    actor: Actor,
    username: str,
    password: str | None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    user_type: str = User.UserType.INTERNAL,
    roles: Iterable[Role] = (),
    system: bool = False,
) -> User:
    """Create a sign-in. `system=True` is for the setup commands and the
    partners app (which creates portal users under its own rules)."""
    if not system:
        access.require_create(actor, User)
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed(field_errors={"username": [_("This user name is taken.")]})
    roles = list(roles)
    _roles_fit_user_type(roles, user_type)
    user = User(
        username=username,
        email=email.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        user_type=user_type,
    )
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    with transaction.atomic():
        record_create(actor=actor, instance=user, clean=True)
        user.roles.set(roles)
    return user


def user_update(
    *,
    actor: Actor,
    user: User,
    expected_version: int,
    email: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    roles: Iterable[Role] | None = None,
) -> User:
    access.require(actor, "change", user)
    changes = {
        k: v.strip()
        for k, v in {"email": email, "first_name": first_name, "last_name": last_name}.items()
        if v is not None
    }
    with transaction.atomic():
        user = record_update(
            actor=actor, instance=user, changes=changes, expected_version=expected_version
        )
        if roles is not None:
            roles = list(roles)
            _roles_fit_user_type(roles, user.user_type)
            before = sorted(user.roles.values_list("code", flat=True))
            user.roles.set(roles)
            after = sorted(r.code for r in roles)
            if before != after:
                publish(
                    RolesChanged(actor=actor, record=user, before=tuple(before), after=tuple(after))
                )
    return user


def user_update_self(
    *,
    actor: Actor,
    expected_version: int,
    email: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
) -> User:
    """Every user may correct their own names and e-mail; nothing else about
    themselves (roles, type, activity stay with user administrators)."""
    changes = {
        k: v.strip()
        for k, v in {"email": email, "first_name": first_name, "last_name": last_name}.items()
        if v is not None
    }
    return record_update(
        actor=actor, instance=actor.user, changes=changes, expected_version=expected_version
    )


def user_set_active(*, actor: Actor, user: User, active: bool, system: bool = False) -> User:
    """PLAT-1: a deactivated user can no longer sign in, its open sessions stop
    authenticating and its tokens stop working — all checked per request.
    Deactivation revokes the tokens for good: re-activating the user must not
    revive a token that leaked while it was off, so it creates new ones."""
    if not system:
        access.require(actor, "change", user)
        if user.pk == getattr(actor, "pk", None) and not active:
            raise ValidationFailed(
                _("You cannot deactivate yourself."), code=IdentityErrorCode.CANNOT_DEACTIVATE_SELF
            )
    with transaction.atomic():
        if not active:
            _tokens_revoke_all(actor=actor, user=user)
        return record_update(
            actor=actor, instance=user, changes={"is_active": active}, expected_version=None
        )


def _tokens_revoke_all(*, actor: Actor, user: User) -> None:
    prefixes = list(
        AccessToken.objects.filter(user=user, revoked_at__isnull=True).values_list(
            "prefix", flat=True
        )
    )
    if prefixes:
        AccessToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        publish(TokensRevoked(actor=actor, record=user, prefixes=tuple(prefixes)))


def user_set_password(*, actor: Actor, user: User, password: str) -> User:
    """Users change their own password; administrators may reset anyone's."""
    if user.pk != getattr(actor, "pk", None):
        access.require(actor, "change", user)
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    publish(PasswordChanged(actor=actor, record=user))
    return user
