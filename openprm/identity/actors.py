"""Building the typed Actor (core.actor): from a signed-in user, from the
API token statement, or from a user id in a background task.

The partner a portal user belongs to is recorded by the partners app, which
sits above identity; it hands identity the one function that reads it
(`partner_membership_reader`) at start-up, and the one that reads which
organizations its users see (`partner_reach_reader`, PRG-13), so imports keep going downward.
"""

from collections.abc import Callable
from functools import partial

from openprm.core.actor import ANONYMOUS, Actor, Resources, install_builder
from openprm.identity.hierarchy import resources_of
from openprm.identity.models import Privilege, User

PartnerReader = Callable[[int], int | None]
ReachReader = Callable[[int], tuple[int, ...]]

_partner_reader: list[PartnerReader] = []
_reach_reader: list[ReachReader] = []


def partner_membership_reader(reader: PartnerReader) -> None:
    """Set how the partner id of a portal user is read (the partners app does,
    once). A second, different reader is a programming error."""
    if _partner_reader and _partner_reader[0] is not reader:
        raise RuntimeError("the partner membership reader is already set")
    _partner_reader[:] = [reader]


def partner_reach_reader(reader: ReachReader) -> None:
    """Set how the organizations a partner's users see are read (PRG-13: its
    own and, where switched on, its subsidiaries'); the partners app does,
    once."""
    if _reach_reader and _reach_reader[0] is not reader:
        raise RuntimeError("the partner reach reader is already set")
    _reach_reader[:] = [reader]


def _reach_of(partner_id: int) -> tuple[int, ...]:
    if not _reach_reader:
        return (partner_id,)
    return _reach_reader[0](partner_id)


def _partner_of(user_id: int) -> int | None:
    if not _partner_reader:
        return None
    return _partner_reader[0](user_id)


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
        load_partner_id=partial(_partner_of, user.pk),
        load_partner_reach=_reach_of,
    )


def actor_for_user_id(user_id: int) -> Actor:
    """The actor of a background task started by `user_id` (its creator);
    a deleted user is nobody, and sees nothing."""
    return actor_for(User.objects.filter(pk=user_id).first())


install_builder(actor_for)
