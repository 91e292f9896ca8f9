"""Saving and removing one's views of a list.

A view keeps only what the list understands — its filters and its sort —
so a view saved from a page that also carried a page number, an export or a
stray parameter opens the list the way the user saw it, not a stale page.
"""

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.savedviews.models import MAX_QUERY, SavedView
from openprm.core.savedviews.selectors import saved_view_get, saved_view_list
from openprm.core.tables import LISTS, ListSpec

MAX_VIEWS_PER_LIST = 20


def view_query(spec: ListSpec, query: str) -> str:
    """`query` reduced to the spec's filters (non-empty) and a sort it has."""
    given = QueryDict(query)
    kept = QueryDict(mutable=True)
    fields = spec.filters.model_fields if spec.filters is not None else {}
    for key in sorted(fields):
        values = [value for value in given.getlist(key) if value != ""]
        if values:
            kept.setlist(key, values)
    sort = given.get("sort", "")
    if sort and spec.sort_of(sort) == sort:
        kept["sort"] = sort
    return kept.urlencode()


def saved_view_create(*, actor: Actor, list_name: str, name: str, query: str) -> SavedView:
    spec = LISTS.get(list_name)
    if spec is None:
        raise ValidationFailed(field_errors={"list_name": [_("There is no such list.")]})
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Name the view.")]
    elif len(name) > SavedView._meta.get_field("name").max_length:
        errors["name"] = [_("Keep the name under 60 characters.")]
    kept = view_query(spec, query)
    if not kept:
        errors["query"] = [_("Filter or sort the list first; this view shows the whole list.")]
    elif len(kept) > MAX_QUERY:
        errors["query"] = [_("These filters are too long to save.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    if saved_view_list(actor=actor, list_name=list_name).count() >= MAX_VIEWS_PER_LIST:
        raise ValidationFailed(
            field_errors={"name": [_("You have 20 views of this list; remove one first.")]}
        )
    try:
        with transaction.atomic():
            return SavedView.objects.create(
                owner_id=actor.pk, list_name=list_name, name=name, query=kept
            )
    except IntegrityError as error:
        raise ValidationFailed(
            field_errors={"name": [_("You already have a view with this name.")]}
        ) from error


def saved_view_delete(*, actor: Actor, pk: int) -> None:
    """Only one's own view (another's is not found)."""
    saved_view_get(actor=actor, pk=pk).delete()
