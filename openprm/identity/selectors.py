"""Reading users, roles, resources and tokens, scoped by the access module."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import NotFound, ValidationFailed
from openprm.core.privileges import require_privilege
from openprm.identity.catalog import MANAGE_USERS
from openprm.identity.models import AccessToken, Privilege, Resource, Role, User


def user_list(*, actor: Actor, search: str = "", active: bool | None = None) -> QuerySet[User]:
    users = access.visible(User, actor).prefetch_related("roles")
    if search:
        users = users.filter(username__istartswith=search.strip())
    if active is not None:
        users = users.filter(is_active=active)
    return users.order_by("username")


def user_get(*, actor: Actor, pk: Any) -> User:
    return access.get_visible(
        User, actor, pk, access.visible(User, actor).prefetch_related("roles")
    )


def role_list(*, actor: Actor) -> QuerySet[Role]:
    return access.visible(Role, actor).prefetch_related("privileges").order_by("name")


def role_get(*, actor: Actor, pk: Any) -> Role:
    return access.get_visible(Role, actor, pk)


def privilege_list(*, actor: Actor) -> QuerySet[Privilege]:
    return access.visible(Privilege, actor).order_by("name")


def token_list(*, actor: Actor) -> QuerySet[AccessToken]:
    return access.visible(AccessToken, actor).order_by("-created_at")


def resource_list(*, actor: Actor) -> QuerySet[Resource]:
    return access.visible(Resource, actor).select_related("manager", "user").order_by("name")


def resource_get(*, actor: Actor, pk: Any) -> Resource:
    return access.get_visible(Resource, actor, pk)


def resource_get_for_edit(*, actor: Actor, pk: Any) -> Resource:
    """The resource for its manager form: 404 when invisible, 403 naming
    Manage Users when the actor may read but not change it."""
    resource = resource_get(actor=actor, pk=pk)
    access.require(actor, "change", resource)
    return resource


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


def user_directory(*, actor: Actor, filters: Any = None) -> QuerySet[User]:
    """The user administration list: refused with 403 naming Manage Users
    (PLAT-2) rather than silently narrowed to the caller."""
    require_privilege(actor, MANAGE_USERS)
    users = access.visible(User, actor).prefetch_related("roles")
    if filters is not None:
        users = filters.filter(users)
    return users.order_by("username")


def user_directory_get(*, actor: Actor, pk: Any) -> User:
    """A user for its administration pages: one the actor may not see
    (another organization's, or anyone but themselves without Manage Users)
    is 404 before the privilege is named; the 403 is for a user it can see
    but may not change (itself)."""
    user = user_get(actor=actor, pk=pk)
    access.require(actor, "change", user)
    return user


def role_get_detailed(*, actor: Actor, pk: Any) -> Role:
    return access.get_visible(
        Role, actor, pk, access.visible(Role, actor).prefetch_related("privileges")
    )


def role_get_for_edit(*, actor: Actor, pk: Any) -> Role:
    """The role for its privileges form: 404 when invisible, 403 naming
    Manage Users when the actor may read but not change it."""
    role = role_get_detailed(actor=actor, pk=pk)
    access.require(actor, "change", role)
    return role


def token_get(*, actor: Actor, pk: Any) -> AccessToken:
    return access.get_visible(AccessToken, actor, pk)


def roles_by_codes(*, actor: Actor, codes: list[str]) -> list[Role]:
    """Roles named by code; an unknown code is a field error, not a silent drop."""
    found = {r.code: r for r in access.visible(Role, actor).filter(code__in=codes)}
    missing = sorted(set(codes) - set(found))
    if missing:
        raise ValidationFailed(
            field_errors={"roles": [_("Unknown role: %s.") % ", ".join(missing)]}
        )
    return [found[c] for c in dict.fromkeys(codes)]


def privileges_by_codes(*, actor: Actor, codes: list[str]) -> list[Privilege]:
    found = {p.code: p for p in access.visible(Privilege, actor).filter(code__in=codes)}
    missing = sorted(set(codes) - set(found))
    if missing:
        raise ValidationFailed(
            field_errors={"privileges": [_("Unknown privilege: %s.") % ", ".join(missing)]}
        )
    return [found[c] for c in dict.fromkeys(codes)]


def resource_by_id(*, actor: Actor, pk: int | None, field: str) -> Resource | None:
    """A resource referenced from a request body: invisible or missing is a
    field error (422) on that field."""
    if pk is None:
        return None
    try:
        return resource_get(actor=actor, pk=pk)
    except NotFound:
        raise ValidationFailed(field_errors={field: [_("Unknown resource.")]}) from None


def user_by_id(*, actor: Actor, pk: int | None, field: str) -> User | None:
    if pk is None:
        return None
    try:
        return user_get(actor=actor, pk=pk)
    except NotFound:
        raise ValidationFailed(field_errors={field: [_("Unknown user.")]}) from None


def user_active_token_count(*, actor: Actor, user: User) -> int:
    """How many usable-looking tokens a visible user holds: administrators see
    the count (to judge API access) but never the tokens themselves."""
    counted = (
        access.visible(User, actor)
        .filter(pk=user.pk)
        .annotate(tokens=Count("access_tokens", filter=Q(access_tokens__revoked_at__isnull=True)))
        .values_list("tokens", flat=True)
        .first()
    )
    return counted or 0
