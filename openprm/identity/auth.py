"""API authentication: personal access tokens (Bearer) and the UI session.

Both check that the user is active on every request (PLAT-1), so deactivating
a user cuts off its tokens at once.
"""

import datetime as dt
from functools import cache
from typing import Any

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer

from openprm.identity.models import AccessToken, Privilege, Role, User
from openprm.identity.tokens import token_digest

LAST_USED_PRECISION = dt.timedelta(minutes=1)


@cache
def _token_user_sql(vendor: str) -> str:
    """One statement per request for the token, its active user and the
    user's privilege codes (PLAT-1, PLAT-2).

    Every API request runs it, so it is written once here rather than
    compiled by the ORM each time (three ORM queries cost more than the rest
    of a contact lookup; issue 6). Names come from the models' metadata.
    """
    user, token, privilege = User._meta.db_table, AccessToken._meta.db_table, Privilege._meta
    user_roles = User.roles.through._meta.db_table
    role_privileges = Role.privileges.through._meta.db_table
    aggregate = "string_agg" if vendor == "postgresql" else "group_concat"
    codes = (
        f"SELECT {aggregate}(p.code, ',') FROM {privilege.db_table} p "  # noqa: S608  names from _meta
        f"JOIN {role_privileges} rp ON rp.privilege_id = p.id "
        f"JOIN {user_roles} ur ON ur.role_id = rp.role_id WHERE ur.user_id = u.id"
    )
    return (
        "SELECT u.*, t.id AS token_id, "  # noqa: S608  names from _meta
        "(t.last_used_at IS NULL OR t.last_used_at < %s) AS token_touch, "
        f"({codes}) AS token_privileges "
        f"FROM {token} t JOIN {user} u ON u.id = t.user_id "
        "WHERE t.digest = %s AND t.revoked_at IS NULL "
        "AND (t.expires_at IS NULL OR t.expires_at > %s) AND u.is_active"
    )


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        """The token's user when the token is neither revoked nor expired and
        the user is active, read fresh on every request (no cache across
        requests: a deactivated user's token fails on the very next one)."""
        now = timezone.now()
        adapt = connection.ops.adapt_datetimefield_value
        params = [adapt(now - LAST_USED_PRECISION), token_digest(token), adapt(now)]
        found = list(User.objects.raw(_token_user_sql(connection.vendor), params))
        if not found:
            return None
        user = found[0]
        codes = user.token_privileges
        user.__dict__["privilege_codes"] = frozenset(codes.split(",") if codes else ())
        if user.token_touch:
            AccessToken.objects.filter(pk=user.token_id).update(last_used_at=now)
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session, with Django's CSRF check on unsafe methods."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None
