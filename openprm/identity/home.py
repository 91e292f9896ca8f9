"""The identity app's block of the administrator's home page (core.home):
who can sign in (PLAT-1)."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from openprm.core.actor import Actor
from openprm.identity.models import User
from openprm.identity.selectors import user_directory

RECENT = 5


def users_health(*, actor: Actor) -> dict[str, Any]:
    """Active internal and partner users, deactivated users, active users
    who never signed in, and the latest sign-ins; refused without Manage
    Users (the user list's own rule)."""
    users = user_directory(actor=actor)
    internal = Q(user_type=User.UserType.INTERNAL)
    counts = users.order_by().aggregate(
        internal=Count("pk", filter=Q(is_active=True) & internal),
        partner=Count("pk", filter=Q(is_active=True) & ~internal),
        inactive=Count("pk", filter=Q(is_active=False)),
        never=Count("pk", filter=Q(is_active=True, last_login__isnull=True)),
    )
    listed = reverse("identity:user_list")
    return {
        **counts,
        "recent": list(
            users.prefetch_related(None)
            .filter(last_login__isnull=False)
            .order_by("-last_login")[:RECENT]
        ),
        "list_url": listed,
        "inactive_url": f"{listed}?active=false",
        "partner_url": f"{listed}?user_type=partner&active=true",
        "internal_url": f"{listed}?user_type=internal&active=true",
    }
