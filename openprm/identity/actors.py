"""Building the typed Actor (core.actor): from a signed-in user, from the
API token statement, or from a user id in a background task.

The partner a portal user belongs to is recorded by the partners app, which
sits above identity; it hands identity the one function that reads it, with
the subsidiaries its users see (`partner_reach_reader`, PRG-13), at
start-up, so imports keep going downward.
"""

from collections.abc import Callable
from functools import partial

from openprm.core.actor import ANONYMOUS, Actor, Resources, install_builder
from openprm.identity.hierarchy import resources_of
from openprm.identity.models import Privilege, User

ReachReader = Callable[[int], tuple[int, ...]]

_reach_reader: list[ReachReader] = []


def partner_reach_reader(reader: ReachReader) -> None:
    """Set how the organizations a portal user sees are read — its own
    first, then its subsidiaries' where switched on (PRG-13); the partners
    app does, once. A second, different reader is a programming error."""
    if _reach_reader and _reach_reader[0] is not reader:
        raise RuntimeError("the partner reach reader is already set")
    _reach_reader[:] = [reader]


def _reach_of(user_id: int) -> tuple[int, ...]:
    if not _reach_reader:
        return ()
    return _reach_reader[0](user_id)


def privileges_of(user: User) -> frozenset[str]:
    if not user.is_active:
        return frozenset()
    return frozenset(Privilege.objects.filter(roles__users=user).values_list("code", flat=True))


def actor_for(
    user: User | None,
    *,
    privileges: frozenset[str] | None = None,
    resources: Resources | None = None,
) -> Actor:
    """The actor of `user` (anonymous for None or a user not signed in).
    What the caller already read (the token statement reads privileges and,
    for a user nobody reports to, the resources) is not read again."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    return Actor(
        user=user,
        privileges=privileges_of(user) if privileges is None else privileges,
        load_resources=(
            partial(resources_of, user.pk) if resources is None else (lambda: resources)
        ),
        load_partner_reach=partial(_reach_of, user.pk),
    )


def actor_for_user_id(user_id: int) -> Actor:
    """The actor of a background task started by `user_id` (its creator);
    a deleted user is nobody, and sees nothing."""
    return actor_for(User.objects.filter(pk=user_id).first())


install_builder(actor_for)
