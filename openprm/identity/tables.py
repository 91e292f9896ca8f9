"""The user, role and resource lists (PLAT-1, PLAT-2, TEAM-4): what each
shows, exports, sorts and filters by, declared once for the page, the files,
the background export and the API."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query
from openprm.identity import selectors
from openprm.identity.filters import UserFilter
from openprm.identity.models import Resource, Role, User


def _users(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[User]:
    return selectors.user_directory(actor=actor, filters=filters)


def _role_names(user: User) -> str:
    return ", ".join(r.name for r in user.roles.all())


USERS = ListSpec(
    name="identity.users",
    select=_users,
    columns=(
        Column(
            "username",
            _("User name"),
            sort="username",
            link=lambda u: reverse("identity:user_detail", kwargs={"pk": u.pk}),
        ),
        Column("name", _("Name"), lambda u: u.get_full_name(), sort="last_name", exported=False),
        Column("first_name", _("First name"), shown=False),
        Column("last_name", _("Last name"), shown=False),
        Column("email", _("E-mail"), sort="email"),
        Column("type", _("Type"), lambda u: u.get_user_type_display(), sort="user_type"),
        Column("is_active", _("Active"), shown=False),
        Column("roles", _("Roles"), _role_names, cell="identity/cells/roles.html"),
        Column(
            "active",
            _("Status"),
            sort="is_active",
            cell="identity/cells/user_status.html",
            exported=False,
        ),
        Column(
            "last_login",
            _("Last sign-in"),
            sort="last_login",
            cell="identity/cells/last_login.html",
        ),
    ),
    filters=UserFilter,
    default_sort="username",
    filename="users",
    chunk_size=500,
)


def _roles(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Role]:
    return selectors.role_list(actor=actor)


ROLES = ListSpec(
    name="identity.roles",
    select=_roles,
    columns=(
        Column("role", _("Role"), cell="identity/cells/role.html"),
        Column("kind", _("Kind"), lambda r: r.get_kind_display()),
        Column("for", _("For"), cell="identity/cells/role_for.html"),
        Column("privileges", _("Privileges"), cell="identity/cells/role_privileges.html"),
        Column("edit", "", cell="identity/cells/role_edit.html"),
    ),
    sorts={"name": ("name",)},
    default_sort="name",
    row_key=lambda r: f"role-{r.code}",
)


def _resources(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Resource]:
    return selectors.resource_list(actor=actor)


RESOURCES = ListSpec(
    name="identity.resources",
    select=_resources,
    columns=(
        Column("name", _("Name"), sort="name", cell="identity/cells/resource_name.html"),
        Column("title", _("Job title"), sort="title"),
        Column("email", _("E-mail"), sort="email"),
        Column(
            "user",
            _("User"),
            lambda r: r.user.username if r.user else "",
            cell="identity/cells/resource_user.html",
        ),
        Column(
            "manager",
            _("Manager"),
            lambda r: r.manager.name if r.manager else "",
            sort="manager__name",
        ),
        Column("is_partner_resource", _("Partner resource"), shown=False),
        Column("active", _("Active"), shown=False),
        Column("set_manager", "", cell="identity/cells/set_manager.html", exported=False),
    ),
    default_sort="name",
    filename="resources",
    row_key=lambda r: f"resource-{r.pk}",
)
