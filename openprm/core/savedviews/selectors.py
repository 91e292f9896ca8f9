"""Reading one's saved views; nobody reads another user's."""

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.savedviews.models import SavedView


@access.register(SavedView)
def _own(rows: QuerySet[SavedView], actor: Actor) -> QuerySet[SavedView]:
    return rows.filter(owner_id=actor.pk)


def saved_view_list(*, actor: Actor, list_name: str = "") -> QuerySet[SavedView]:
    rows = access.visible(SavedView, actor)
    return rows.filter(list_name=list_name) if list_name else rows


def saved_view_get(*, actor: Actor, pk: int) -> SavedView:
    return access.get_visible(SavedView, actor, pk)
