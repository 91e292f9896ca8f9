"""User-defined saved contact searches (CON-7); the predefined ones are read-only."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from openprm.contacts.filters import criteria_clean
from openprm.contacts.models import SavedSearch
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.records import record_create, record_delete, record_update


def _checked_name(actor: Actor, name: str, exclude_pk: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(field_errors={"name": [_("This field is required.")]})
    taken = SavedSearch.objects.filter(owner_id=actor.pk, name__iexact=name)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationFailed(
            field_errors={"name": [_("You already have a saved search with this name.")]}
        )
    return name


def saved_search_create(*, actor: Actor, name: str, criteria: Mapping[str, Any]) -> SavedSearch:
    """Save the current filters (any filter, custom fields included) under a name."""
    access.require_create(actor, SavedSearch)
    search = SavedSearch(
        owner=actor.user, name=_checked_name(actor, name), criteria=criteria_clean(criteria)
    )
    return record_create(actor=actor, instance=search)


def saved_search_update(
    *, actor: Actor, search: SavedSearch, changes: Mapping[str, Any], expected_version: int | None
) -> SavedSearch:
    search = access.get_visible(SavedSearch, actor, search.pk)
    access.require(actor, "change", search)
    unknown = set(changes) - {"name", "criteria"}
    if unknown:
        raise ValidationFailed(
            field_errors={k: [_("This field cannot be changed.")] for k in sorted(unknown)}
        )
    values = dict(changes)
    if "name" in values:
        values["name"] = _checked_name(actor, values["name"], exclude_pk=search.pk)
    if "criteria" in values:
        values["criteria"] = criteria_clean(values["criteria"] or {})
    return record_update(
        actor=actor, instance=search, changes=values, expected_version=expected_version
    )


def saved_search_delete(*, actor: Actor, search: SavedSearch) -> None:
    search = access.get_visible(SavedSearch, actor, search.pk)
    access.require(actor, "delete", search)
    record_delete(actor=actor, instance=search)
