"""Building the typed Actor (core.actor): from a signed-in user, from the
API token statement, or from a user id in a background task.

The partner a portal user belongs to is recorded by the partners app, which
sits above identity; it hands identity the functions that read a user's
membership (its partner-contact row) and, from that row, the subsidiaries
its users see (`partner_reach_reader`, PRG-13), at start-up, so imports keep
going downward.
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from openprm.core.actor import ANONYMOUS, Actor, Resources, install_builder
from openprm.identity.hierarchy import resources_of
from openprm.identity.models import Privilege, User

MembershipReader = Callable[[int], Any]
ReachReader = Callable[[Any], tuple[int, ...]]

_readers: list[tuple[MembershipReader, ReachReader]] = []


def partner_reach_reader(membership: MembershipReader, reach: ReachReader) -> None:
    """Set how a portal user's membership is read (from its user id) and
    how the organizations it sees follow from that row — its own first,
    then its subsidiaries' where switched on (PRG-13); the partners app
    does, once. A second, different pair is a programming error."""
    if _readers and _readers[0] != (membership, reach):
        raise RuntimeError("the partner reach reader is already set")
    _readers[:] = [(membership, reach)]


def _membership_of(user_id: int) -> Any:
    return _readers[0][0](user_id) if _readers else None


def _reach_of(membership: Any) -> tuple[int, ...]:
    return _readers[0][1](membership) if _readers else ()


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
    actor = Actor(
        user=user,
        privileges=privileges_of(user) if privileges is None else privileges,
        load_resources=(
            partial(resources_of, user.pk) if resources is None else (lambda: resources)
        ),
        load_membership=partial(_membership_of, user.pk),
        load_partner_reach=lambda: _reach_of(actor.membership),
    )
    return actor


def actor_for_user_id(user_id: int) -> Actor:
    """The actor of a background task started by `user_id` (its creator);
    a deleted user is nobody, and sees nothing."""
    return actor_for(User.objects.filter(pk=user_id).first())


install_builder(actor_for)
