"""A user's favorite contacts (CON-6) and saved searches (CON-7)."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from openprm.contacts.errors import ContactErrorCode
from openprm.contacts.models import Favorite, SavedSearch
from openprm.contacts.policies.edit_rules import internal_only
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused


@access.register(Favorite)
def _favorites(queryset: QuerySet[Favorite], actor: Actor) -> QuerySet[Favorite]:
    """CON-6: a user's favorites are theirs alone."""
    return queryset.filter(user_id=actor.pk) if actor.is_internal else queryset.none()


@access.policy(SavedSearch)
class SavedSearchPolicy(access.Policy[SavedSearch]):
    """CON-7: the predefined searches and the actor's own; nobody changes or
    deletes a predefined one."""

    def view(self, rows: QuerySet[SavedSearch], actor: Actor) -> QuerySet[SavedSearch]:
        if not actor.is_internal:
            return rows.none()
        return rows.filter(Q(code__isnull=False) | Q(owner_id=actor.pk))

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return internal_only(actor)

    def check_change(self, actor: Actor, search: SavedSearch) -> PermissionRefused | None:
        if not search.predefined:
            return None
        return PermissionRefused(
            _("“%(name)s” is a predefined saved search: nobody can change or delete it.")
            % {"name": search.name},
            code=ContactErrorCode.SAVED_SEARCH_PREDEFINED,
        )

    def check_delete(self, actor: Actor, search: SavedSearch) -> PermissionRefused | None:
        return self.check_change(actor, search)
