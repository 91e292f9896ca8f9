"""JSON API for the caller, users, roles, privileges, resources and tokens
(PLAT-1, PLAT-2). Handlers parse, call a selector or service, and render."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.identity import selectors, services, tables
from openprm.identity.catalog import MANAGE_USERS
from openprm.identity.filters import UserFilter
from openprm.identity.models import AccessToken, Privilege, Resource, Role, User
from openprm.identity.schemas import (
    MeOut,
    MeUpdateIn,
    PasswordIn,
    PrivilegeOut,
    ResourceCreateIn,
    ResourceOut,
    ResourceUpdateIn,
    RoleOut,
    RolePrivilegesIn,
    TokenCreatedOut,
    TokenCreateIn,
    TokenOut,
    UserCreateIn,
    UserOut,
    UserUpdateIn,
)

router = Router(tags=["identity"])


@router.get("/me", response=MeOut)
@reads(User)
def me_get(request: HttpRequest) -> User:
    return selectors.user_get(actor=request.actor, pk=request.actor.pk)


@router.patch("/me", response=MeOut)
def me_update(request: HttpRequest, payload: MeUpdateIn) -> User:
    services.user_update_self(
        actor=request.actor,
        expected_version=payload.version,
        **payload.model_dump(exclude={"version"}),
    )
    return selectors.user_get(actor=request.actor, pk=request.actor.pk)


@router.get("/users", response=list[UserOut])
@reads(User, privilege=MANAGE_USERS)
@paginate(PagePagination)
def user_list(
    request: HttpRequest,
    filters: Query[UserFilter],
    sort: sort_choices(tables.USERS.sortable) = tables.USERS.default_sort,
) -> Any:
    """PLAT-2: needs Manage Users and Roles; sort by username, name, email,
    type, active or last_login (prefix `-` for descending)."""
    return tables.USERS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.post("/users", response={201: UserOut})
def user_create(request: HttpRequest, payload: UserCreateIn) -> Status[User]:
    roles = selectors.roles_by_codes(actor=request.actor, codes=payload.roles)
    user = services.user_create(
        actor=request.actor, **payload.model_dump(exclude={"roles"}), roles=roles
    )
    return Status(201, selectors.user_get(actor=request.actor, pk=user.pk))


@router.get("/users/{user_id}", response=UserOut)
@reads(User, privilege=MANAGE_USERS)
def user_detail(request: HttpRequest, user_id: RecordId) -> User:
    return selectors.user_directory_get(actor=request.actor, pk=user_id)


@router.patch("/users/{user_id}", response=UserOut)
def user_update(request: HttpRequest, user_id: RecordId, payload: UserUpdateIn) -> User:
    user = selectors.user_directory_get(actor=request.actor, pk=user_id)
    roles = (
        None
        if payload.roles is None
        else selectors.roles_by_codes(actor=request.actor, codes=payload.roles)
    )
    services.user_update(
        actor=request.actor,
        user=user,
        expected_version=payload.version,
        roles=roles,
        **payload.model_dump(exclude={"version", "roles"}),
    )
    return selectors.user_get(actor=request.actor, pk=user_id)


def _set_active(request: HttpRequest, user_id: RecordId, active: bool) -> User:
    user = selectors.user_directory_get(actor=request.actor, pk=user_id)
    services.user_set_active(actor=request.actor, user=user, active=active)
    return selectors.user_get(actor=request.actor, pk=user_id)


@router.post("/users/{user_id}/deactivate", response=UserOut)
def user_deactivate(request: HttpRequest, user_id: RecordId) -> User:
    """PLAT-1: the user's sessions and tokens stop working at once."""
    return _set_active(request, user_id, active=False)


@router.post("/users/{user_id}/activate", response=UserOut)
def user_activate(request: HttpRequest, user_id: RecordId) -> User:
    return _set_active(request, user_id, active=True)


@router.post("/users/{user_id}/password", response={204: None})
def user_password(request: HttpRequest, user_id: RecordId, payload: PasswordIn) -> Status[None]:
    user = selectors.user_directory_get(actor=request.actor, pk=user_id)
    services.user_set_password(actor=request.actor, user=user, password=payload.password)
    return Status(204, None)


@router.get("/roles", response=list[RoleOut])
@reads(Role)
@paginate(PagePagination)
def role_list(request: HttpRequest) -> Any:
    return tables.ROLES.rows(actor=request.actor, query=request.GET)


@router.get("/roles/{role_id}", response=RoleOut)
@reads(Role)
def role_detail(request: HttpRequest, role_id: RecordId) -> Role:
    return selectors.role_get_detailed(actor=request.actor, pk=role_id)


@router.put("/roles/{role_id}/privileges", response=RoleOut)
def role_privileges(request: HttpRequest, role_id: RecordId, payload: RolePrivilegesIn) -> Role:
    role = selectors.role_get(actor=request.actor, pk=role_id)
    privileges = selectors.privileges_by_codes(actor=request.actor, codes=payload.privileges)
    services.role_set_privileges(
        actor=request.actor, role=role, privileges=privileges, expected_version=payload.version
    )
    return selectors.role_get_detailed(actor=request.actor, pk=role_id)


@router.get("/privileges", response=list[PrivilegeOut])
@reads(Privilege)
@paginate(PagePagination)
def privilege_list(request: HttpRequest) -> Any:
    return selectors.privilege_list(actor=request.actor)


@router.get("/tokens", response=list[TokenOut])
@reads(AccessToken)
@paginate(PagePagination)
def token_list(request: HttpRequest) -> Any:
    return selectors.token_list(actor=request.actor)


@router.post("/tokens", response={201: TokenCreatedOut})
def token_create(request: HttpRequest, payload: TokenCreateIn) -> Status[dict[str, Any]]:
    """PLAT-1: the plaintext is in this response only; the server keeps a digest."""
    token, plaintext = services.token_create(actor=request.actor, **payload.model_dump())
    return Status(201, {**TokenOut.from_orm(token).model_dump(), "token": plaintext})


@router.delete("/tokens/{token_id}", response={204: None})
def token_revoke(request: HttpRequest, token_id: RecordId) -> Status[None]:
    token: AccessToken = selectors.token_get(actor=request.actor, pk=token_id)
    services.token_revoke(actor=request.actor, token=token)
    return Status(204, None)


@router.get("/resources", response=list[ResourceOut])
@reads(Resource)
@paginate(PagePagination)
def resource_list(
    request: HttpRequest,
    sort: sort_choices(tables.RESOURCES.sortable) = tables.RESOURCES.default_sort,
) -> Any:
    """Sort by name, title, email or manager (prefix `-` for descending)."""
    return tables.RESOURCES.rows(actor=request.actor, query=request.GET, sort=sort)


@router.post("/resources", response={201: ResourceOut})
def resource_create(request: HttpRequest, payload: ResourceCreateIn) -> Status[Resource]:
    actor = request.actor
    resource = services.resource_create(
        actor=actor,
        **payload.model_dump(exclude={"user_id", "manager_id"}),
        user=selectors.user_by_id(actor=actor, pk=payload.user_id, field="user_id"),
        manager=selectors.resource_by_id(actor=actor, pk=payload.manager_id, field="manager_id"),
    )
    return Status(201, resource)


@router.patch("/resources/{resource_id}", response=ResourceOut)
def resource_update(
    request: HttpRequest, resource_id: RecordId, payload: ResourceUpdateIn
) -> Resource:
    """A `manager_id` of null clears the manager; an absent one keeps it."""
    actor = request.actor
    resource = selectors.resource_get(actor=actor, pk=resource_id)
    changes = payload.model_dump(exclude={"version", "manager_id"}, exclude_none=True)
    if "manager_id" in payload.model_fields_set:
        changes["manager"] = selectors.resource_by_id(
            actor=actor, pk=payload.manager_id, field="manager_id"
        )
    return services.resource_update(
        actor=actor, resource=resource, changes=changes, expected_version=payload.version
    )
