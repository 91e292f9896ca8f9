"""Who is acting: the one typed, frozen description of the caller that every
service, selector and access decision takes.

It is built once per request (the session middleware or the API's token
check, identity.actors) and from a user id in background tasks, so a
request never asks twice who its caller is, and nothing is cached on the
`User` object. Facts that cost a query and that many requests never need —
the people below a manager, a portal user's partner-contact row (its
membership) and the subsidiaries it sees, whether its account reach is
small — are read on first use and kept on the actor for the rest of its
request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class User(Protocol):
    """What the actor reads of the sign-in identity (identity.models.User);
    core names no app, so it states the shape it needs."""

    pk: Any
    is_active: bool
    username: str

    @property
    def is_partner_user(self) -> bool: ...

    @property
    def display_name(self) -> str: ...


@dataclass(frozen=True)
class Resources:
    """The actor's own resource (None without one), every resource below it
    at any depth, and the users of those resources (TEAM-4)."""

    own: int | None
    below: tuple[int, ...]
    users_below: tuple[int, ...]


NO_RESOURCES = Resources(None, (), ())


@dataclass(frozen=True, eq=False)
class Actor:
    """The caller: an internal user, a partner (portal) user, or nobody.

    `user` is the sign-in identity, for the record fields that name a user
    (owner, author, created by). Identity equality: two actors are the same
    caller only if they are the same object.
    """

    user: User | None
    privileges: frozenset[str] = frozenset()
    load_resources: Callable[[], Resources] = field(
        default=lambda: NO_RESOURCES, repr=False, compare=False
    )
    load_membership: Callable[[], Any] = field(default=lambda: None, repr=False, compare=False)
    load_partner_reach: Callable[[], tuple[int, ...]] = field(
        default=tuple, repr=False, compare=False
    )
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def is_active(self) -> bool:
        """Signed in and not deactivated: only such an actor sees anything."""
        return self.user is not None and self.user.is_active

    @property
    def pk(self) -> int | None:
        """The user's id, which access rules compare with owner and member columns."""
        return None if self.user is None else self.user.pk

    id = pk

    @property
    def is_partner(self) -> bool:
        """A partner (portal) user; its partner is `partner_id`."""
        return self.user is not None and self.user.is_partner_user

    @property
    def is_internal(self) -> bool:
        """An active user of the brand owner's staff."""
        return self.is_active and not self.is_partner

    @property
    def username(self) -> str:
        return "" if self.user is None else self.user.username

    @property
    def display_name(self) -> str:
        return "" if self.user is None else self.user.display_name

    def has_privilege(self, code: str) -> bool:
        return self.is_active and code in self.privileges

    @cached_property
    def resources(self) -> Resources:
        return self.load_resources() if self.is_internal else NO_RESOURCES

    @property
    def resource_id(self) -> int | None:
        return self.resources.own

    @cached_property
    def membership(self) -> Any:
        """PRG-7: a portal user's own partner-contact row, with its partner,
        the partner's account and that account's owner (the channel
        manager), its role and its person — read in one statement, once per
        request, so the partner reach, the portal pages and the access rules
        that ask who the user is in its organization share it. None for
        everyone else. (The partners app, above core, reads the row.)"""
        return self.load_membership() if self.is_active and self.is_partner else None

    @cached_property
    def partner_reach(self) -> tuple[int, ...]:
        """PRG-7, PRG-13: the organizations whose business a portal user
        sees — its own first, then its subsidiaries' where the brand owner
        switched that on for its organization; empty for everyone else.
        Read from its membership, never from a request parameter. Acting
        (changing, answering, creating) is for `partner_id` alone."""
        return self.load_partner_reach() if self.is_active and self.is_partner else ()

    @property
    def partner_id(self) -> int | None:
        """The partner organization of a portal user."""
        reach = self.partner_reach
        return reach[0] if reach else None

    def remembered(self, key: str, compute: Callable[[], T]) -> T:
        """A fact derived from the actor (its account reach) computed once for
        the request this actor serves."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


ANONYMOUS = Actor(user=None)


_builder: list[Callable[[Any], Actor]] = []


def install_builder(builder: Callable[[Any], Actor]) -> None:
    """The identity app reads users, privileges and resources, above core;
    it installs the one function that builds an actor from a user, for
    core's own background work (export jobs)."""
    _builder[:] = [builder]


def actor_of(user: Any) -> Actor:
    """The actor of `user`, for code in core that only holds a user."""
    if not _builder:
        raise RuntimeError("no actor builder installed (is openprm.identity installed?)")
    return _builder[0](user)


SYSTEM = Actor(user=None)
"""The set-up commands and demo data acting with `system=True` services:
it sees nothing through the access policies, and its audit entries say
"system"."""
