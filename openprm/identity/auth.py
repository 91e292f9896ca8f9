"""API authentication: personal access tokens (Bearer) and the UI session.

Both check that the user is active on every request (PLAT-1), so deactivating
a user cuts off its tokens at once.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection
from django.db.models.expressions import Col
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer

from openprm.core.actor import Actor, Resources
from openprm.identity.actors import actor_for
from openprm.identity.models import AccessToken, Privilege, Resource, Role, User
from openprm.identity.sign_in import sign_in_refusal
from openprm.identity.tokens import token_digest

LAST_USED_PRECISION = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class _TokenUserStatement:
    sql: str
    attnames: tuple[str, ...]
    converters: tuple[tuple[int, tuple[Callable[..., Any], ...], Col], ...]


@cache
def _token_user_statement(vendor: str) -> _TokenUserStatement:
    """One statement per request for the token, its active user, the user's
    privilege codes (PLAT-1, PLAT-2) and its own resource with whether anyone
    reports to it (TEAM-4: the hierarchy is read only for managers).

    Every API request runs it, so it is written and its column converters
    looked up once per process rather than by the ORM on every request (the
    ORM's token, user and privilege queries cost more than the contact
    lookup itself; issue 6). Names come from the models' metadata; the
    converters depend on the settings only.
    """
    fields = User._meta.concrete_fields
    user, token = User._meta.db_table, AccessToken._meta.db_table
    user_roles = User.roles.through._meta.db_table
    role_privileges = Role.privileges.through._meta.db_table
    aggregate = "string_agg" if vendor == "postgresql" else "group_concat"
    codes = (
        f"SELECT {aggregate}(p.code, ',') FROM {Privilege._meta.db_table} p "  # noqa: S608  names from _meta
        f"JOIN {role_privileges} rp ON rp.privilege_id = p.id "
        f"JOIN {user_roles} ur ON ur.role_id = rp.role_id WHERE ur.user_id = u.id"
    )
    resources = Resource._meta.db_table
    own = f"SELECT r.id FROM {resources} r WHERE r.user_id = u.id"  # noqa: S608
    reports = (
        f"SELECT 1 FROM {resources} r JOIN {resources} boss ON r.manager_id = boss.id "  # noqa: S608
        "WHERE boss.user_id = u.id"
    )
    columns = ", ".join(f"u.{connection.ops.quote_name(f.column)}" for f in fields)
    sql = (
        f"SELECT {columns}, t.id, "  # noqa: S608  names from _meta
        "(t.last_used_at IS NULL OR t.last_used_at < %s), "
        f"({codes}), ({own}), EXISTS ({reports}) "
        f"FROM {token} t JOIN {user} u ON u.id = t.user_id "
        "WHERE t.digest = %s AND t.revoked_at IS NULL "
        "AND (t.expires_at IS NULL OR t.expires_at > %s) AND u.is_active"
    )
    converters = []
    for index, field in enumerate(fields):
        column = field.get_col(user)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((index, tuple(found), column))
    return _TokenUserStatement(sql, tuple(f.attname for f in fields), tuple(converters))


def _token_actor(token: str, now: dt.datetime) -> tuple[Actor, int, bool] | None:
    """The actor of a usable token, the token's id, and whether its
    `last_used_at` is older than LAST_USED_PRECISION."""
    statement = _token_user_statement(connection.vendor)
    adapt = connection.ops.adapt_datetimefield_value
    params = [adapt(now - LAST_USED_PRECISION), token_digest(token), adapt(now)]
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row[: len(statement.attnames)])
    for index, converters, column in statement.converters:
        for converter in converters:
            values[index] = converter(values[index], column, connection)
    user = User.from_db(connection.alias, statement.attnames, values)
    token_id, stale, codes, own_resource, has_reports = row[len(statement.attnames) :]
    actor = actor_for(
        user,
        privileges=frozenset(codes.split(",") if codes else ()),
        resources=None if has_reports else Resources(own_resource, (), ()),
    )
    return actor, token_id, bool(stale)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        """The token's user when the token is neither revoked nor expired and
        the user is active, read fresh on every request (no cache across
        requests: a deactivated user's token fails on the very next one), and
        a partner user's only while its organization's portal is on (PRG-13)."""
        now = timezone.now()
        found = _token_actor(token, now)
        if found is None:
            return None
        actor, token_id, stale = found
        if sign_in_refusal(actor) is not None:
            return None
        if stale:
            AccessToken.objects.filter(pk=token_id).update(last_used_at=now)
        request.user = actor.user
        request.actor = actor  # type: ignore[attr-defined]
        return actor


class SessionAuth(APIKeyCookie):
    """The browser's session, with Django's CSRF check on unsafe methods."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Actor | None:
        """The actor the session middleware built (identity.middleware)."""
        actor: Actor | None = getattr(request, "actor", None)
        return actor if actor is not None and actor.is_active else None
