"""Users with the seeded roles, for every test package."""

import itertools
from collections.abc import Iterable
from typing import Any

from openprm.core.actor import Actor
from openprm.identity.actors import actor_for
from openprm.identity.models import Role, User

_sequence = itertools.count(1)


def make_user(
    *roles: str,
    username: str | None = None,
    user_type: str = User.UserType.INTERNAL,
    password: str | None = None,
    **fields: Any,
) -> User:
    """A user holding the roles with these codes (see identity/catalog.py).

    Without a password the user can only be signed in with force_login, which
    keeps the suite fast while Argon2 stays the real hasher.
    """
    user = User(username=username or f"user{next(_sequence)}", user_type=user_type, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.roles.set(Role.objects.filter(code__in=roles))
    return user


def role_codes(user: User) -> Iterable[str]:
    return sorted(user.roles.values_list("code", flat=True))


def as_actor(user: User | Actor) -> Actor:
    """The actor a request of `user` would have (read afresh: a test that
    changes a user's roles sees them on the next call)."""
    return user if isinstance(user, Actor) else actor_for(user)
