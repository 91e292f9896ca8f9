"""Who sees users, roles, privileges, resources and tokens: registered at
start-up like every app's policies, so no identity query runs unscoped."""

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.privileges import has_privilege
from openprm.identity.catalog import MANAGE_USERS
from openprm.identity.models import AccessToken, Privilege, Resource, Role, User


@access.register(User)
def _users(queryset: QuerySet[User], actor: Actor) -> QuerySet[User]:
    """User administrators see every user; everyone else only themselves.
    (Partner administrators see their organization's users through the
    partners app's own selectors.)"""
    if has_privilege(actor, MANAGE_USERS):
        return queryset
    return queryset.filter(pk=actor.pk)


@access.register(AccessToken)
def _tokens(queryset: QuerySet[AccessToken], actor: Actor) -> QuerySet[AccessToken]:
    """A token is visible to its owner only — not even to administrators."""
    return queryset.filter(user_id=actor.pk)


access.register(Role)(access.internal_users_only)
access.register(Privilege)(access.internal_users_only)
access.register(Resource)(access.internal_users_only)
