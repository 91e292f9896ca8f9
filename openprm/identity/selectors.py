"""Reading users, roles, resources and tokens, scoped by the access module."""

from typing import Any

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.privileges import MANAGE_USERS, has_privilege
from openprm.identity.models import AccessToken, Privilege, Resource, Role, User


@access.register(User)
def _users(queryset: QuerySet[User], actor: Any) -> QuerySet[User]:
    """User administrators see every user; everyone else only themselves.
    (Partner administrators see their organization's users through the
    partners app's own selectors.)"""
    if has_privilege(actor, MANAGE_USERS):
        return queryset
    return queryset.filter(pk=actor.pk)


@access.register(AccessToken)
def _tokens(queryset: QuerySet[AccessToken], actor: Any) -> QuerySet[AccessToken]:
    """A token is visible to its owner only — not even to administrators."""
    return queryset.filter(user=actor)


access.register(Role)(access.internal_users_only)
access.register(Privilege)(access.internal_users_only)
access.register(Resource)(access.internal_users_only)


def user_list(*, actor: Any, search: str = "", active: bool | None = None) -> QuerySet[User]:
    users = access.visible(User, actor).prefetch_related("roles")
    if search:
        users = users.filter(username__istartswith=search.strip())
    if active is not None:
        users = users.filter(is_active=active)
    return users.order_by("username")


def user_get(*, actor: Any, pk: Any) -> User:
    return access.get_visible(
        User, actor, pk, access.visible(User, actor).prefetch_related("roles")
    )


def role_list(*, actor: Any) -> QuerySet[Role]:
    return access.visible(Role, actor).prefetch_related("privileges").order_by("name")


def role_get(*, actor: Any, pk: Any) -> Role:
    return access.get_visible(Role, actor, pk)


def privilege_list(*, actor: Any) -> QuerySet[Privilege]:
    return access.visible(Privilege, actor).order_by("name")


def token_list(*, actor: Any) -> QuerySet[AccessToken]:
    return access.visible(AccessToken, actor).order_by("-created_at")


def resource_list(*, actor: Any) -> QuerySet[Resource]:
    return access.visible(Resource, actor).select_related("manager", "user").order_by("name")


def resource_get(*, actor: Any, pk: Any) -> Resource:
    return access.get_visible(Resource, actor, pk)


def resource_subordinate_ids(resource_id: int) -> set[int]:
    """Every resource below `resource_id` at any depth (TEAM-4), level by level:
    one query per level of the hierarchy, not per person."""
    found: set[int] = set()
    frontier = {resource_id}
    while frontier:
        frontier = (
            set(
                access.unscoped(Resource)
                .filter(manager_id__in=frontier)
                .values_list("id", flat=True)
            )
            - found
            - {resource_id}
        )
        found |= frontier
    return found
