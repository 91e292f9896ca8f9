"""Who sees users, roles, privileges, resources and tokens, and who
administers them: registered at start-up like every app's policies, so no
identity query runs unscoped.

Administering users, roles and resources — creating them, editing them, a
user's page, activity and password reset — needs Manage Users and Roles
(PLAT-1, PLAT-2). Everyone corrects their own names and password through
their profile and the invitation link, which are not administration."""

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege, missing_privilege
from openprm.identity.catalog import MANAGE_USERS
from openprm.identity.models import AccessToken, Privilege, Resource, Role, User


def _administrator(actor: Actor) -> PermissionRefused | None:
    return missing_privilege(actor, MANAGE_USERS)


@access.policy(User)
class UserPolicy(access.Policy[User]):
    """User administrators see every user; everyone else only themselves.
    (Partner administrators see their organization's users through the
    partners app's own selectors.) Changing a user — and its administration
    page, whose every button changes it — needs Manage Users, even one's own."""

    def view(self, rows: QuerySet[User], actor: Actor) -> QuerySet[User]:
        if has_privilege(actor, MANAGE_USERS):
            return rows
        return rows.filter(pk=actor.pk)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return _administrator(actor)

    def check_change(self, actor: Actor, user: User) -> PermissionRefused | None:
        return _administrator(actor)


@access.register(AccessToken)
def _tokens(queryset: QuerySet[AccessToken], actor: Actor) -> QuerySet[AccessToken]:
    """A token is visible to its owner only — not even to administrators."""
    return queryset.filter(user_id=actor.pk)


@access.policy(Role)
class RolePolicy(access.Policy[Role]):
    """Every internal user reads the roles; changing a role's privileges
    needs Manage Users (PLAT-2)."""

    def view(self, rows: QuerySet[Role], actor: Actor) -> QuerySet[Role]:
        return access.internal_users_only(rows, actor)

    def check_change(self, actor: Actor, role: Role) -> PermissionRefused | None:
        return _administrator(actor)


@access.policy(Resource)
class ResourcePolicy(access.Policy[Resource]):
    """Every internal user reads the resources (team and territory pickers);
    creating one or changing it — its manager, TEAM-4 — needs Manage Users."""

    def view(self, rows: QuerySet[Resource], actor: Actor) -> QuerySet[Resource]:
        return access.internal_users_only(rows, actor)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return _administrator(actor)

    def check_change(self, actor: Actor, resource: Resource) -> PermissionRefused | None:
        return _administrator(actor)


access.register(Privilege)(access.internal_users_only)
