"""Identity's rows of the access matrices that no declaration gives
(tests/access/cases.py): the profile and tokens, and the API's writes of
users, roles and resources (PLAT-1, PLAT-2, TEAM-4); and what its lists
show. The pages of one user, role or resource declare their record and
action, so their rows are derived."""

from django.urls import reverse

from openprm.core.catalog import collected
from openprm.core.testing.matrix import html_rows, json_items
from openprm.identity.models import Resource, User
from tests import privileges as p
from tests.access.cases import EVERYONE, INTERNAL, OWNER, Case, holders, of, version
from tests.access.lists import Expect, Listed, ListsOf, exports
from tests.access.world import World

NOBODY = of("nobody", "user")
SEES_NOBODY = (p.MANAGE_USERS, OWNER)
"""A user record: the user and whoever manages users."""
ROLE = of("salesperson", "role")
VIEW_RESOURCE = of("view", "resource")

PAGES = {
    "identity:profile": [Case("get", allowed=EVERYONE)],
    "identity:token_create": [Case("post", allowed=EVERYONE)],
    "identity:token_revoke": [
        Case("post", of("nobody", "token"), allowed=OWNER, sees=OWNER, ok=302)
    ],
}

A = "/api/v1"
OPERATIONS = {
    f"PATCH {A}/me": [
        Case(
            "patch",
            allowed=EVERYONE,
            body=lambda w: {"version": 1, "first_name": "Renamed"},
        )
    ],
    f"POST {A}/users": [
        Case(
            "post",
            allowed=p.MANAGE_USERS,
            ok=201,
            body={"username": "matrix-new", "roles": []},
        )
    ],
    **{
        f"{method.upper()} {A}/users/{{user_id}}{suffix}": [
            Case(method, NOBODY, allowed=p.MANAGE_USERS, sees=SEES_NOBODY, ok=ok, body=body)
        ]
        for method, suffix, ok, body in (
            ("patch", "", 200, version(User, "nobody", "user", first_name="X")),
            ("post", "/deactivate", 200, None),
            ("post", "/activate", 200, None),
            ("post", "/password", 204, {"password": "Correct-Horse-42-matrix"}),
        )
    },
    f"PUT {A}/roles/{{role_id}}/privileges": [
        Case(
            "put",
            ROLE,
            allowed=p.MANAGE_USERS,
            sees=INTERNAL,
            body=lambda w: {"version": w.users["nobody"].roles.get().version, "privileges": []},
        )
    ],
    f"POST {A}/tokens": [Case("post", allowed=EVERYONE, ok=201, body={"name": "new"})],
    f"DELETE {A}/tokens/{{token_id}}": [
        Case("delete", of("nobody", "token"), allowed=OWNER, sees=OWNER, ok=204)
    ],
    f"POST {A}/resources": [
        Case("post", allowed=p.MANAGE_USERS, ok=201, body={"name": "Matrix resource"})
    ],
    f"PATCH {A}/resources/{{resource_id}}": [
        Case(
            "patch",
            VIEW_RESOURCE,
            allowed=p.MANAGE_USERS,
            sees=INTERNAL,
            body=lambda w: {"version": w.users["view"].resource.version, "title": "Boss"},
        )
    ],
}


# Lists ------------------------------------------------------------------------------


def user_admins(found: set[str]) -> Expect:
    """PLAT-2: the user administration lists are for Manage Users only (else
    403, or 404 to a partner user on a page)."""
    return lambda world, actor: found if actor in holders(world, p.MANAGE_USERS) else None


def internal_users(found: set[str]) -> Expect:
    """Roles and resources are the brand owner's: a partner user's list is empty."""
    return lambda world, actor: found if actor in INTERNAL else set()


def users(world: World) -> list[Listed]:
    """Every user of the world, internal and partner."""
    page = reverse("identity:user_list")
    ids = user_admins({str(user.pk) for user in world.users.values()})
    names = user_admins({user.username for user in world.users.values()})
    return [
        Listed("/api/v1/users", json_items("username"), names),
        Listed(page, html_rows(r"/account/users/(\d+)/"), ids),
        *exports(page, "User name", names),
    ]


def roles(world: World) -> list[Listed]:
    """Every role the apps declare."""
    codes = set(collected().roles)
    return [
        Listed("/api/v1/roles", json_items("code"), internal_users(codes)),
        Listed(reverse("identity:role_list"), html_rows(r"role-(.+)"), user_admins(codes)),
    ]


def resources(world: World) -> list[Listed]:
    """TEAM-4, PC-2: the internal resources and the partners' resources,
    each of a user of the world."""
    page = reverse("identity:resource_list")
    found = world.records_of(Resource)
    ids = {str(pks[-1]) for pks in found.values()}
    users = {world.users[record].username for record in found}
    return [
        Listed("/api/v1/resources", json_items(), internal_users(ids)),
        Listed(page, html_rows(r"resource-(\d+)"), user_admins(ids)),
        *exports(page, "User", user_admins(users)),
    ]


LISTS: dict[str, ListsOf] = {
    "identity.users": users,
    "identity.roles": roles,
    "identity.resources": resources,
}
