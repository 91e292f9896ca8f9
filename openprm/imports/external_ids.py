"""The external id a record was imported under, for API clients that map
their own ids back (issue 18).

An import remembers each record's key per importing user (`ImportKey`: an
id in that user's source system), so the id shown is the caller's own: the
external id of the caller's import that created or matched the record, or
none. Lists read it with the page (a subquery on the key's index); a single
record with one query.
"""

from typing import Any

from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Substr

from openprm.core import access
from openprm.core.actor import Actor
from openprm.imports.kinds.refs import EXT_PREFIX
from openprm.imports.models import ImportKey

_MISSING = object()


def _keys(model: type[Model], actor: Actor) -> QuerySet[ImportKey]:
    return (
        access.unscoped(ImportKey)
        .filter(model=model._meta.label_lower, user_id=actor.pk, key__startswith=EXT_PREFIX)
        .order_by("pk")
    )


def with_external_id(queryset: QuerySet[Any], actor: Actor, field: str = "pk") -> QuerySet[Any]:
    """`queryset` with `external_id`: the caller's external id of the record
    `field` names."""
    keys = _keys(queryset.model, actor).filter(object_id=OuterRef(field))
    ext = keys.annotate(ext=Substr("key", len(EXT_PREFIX) + 1)).values("ext")[:1]
    return queryset.annotate(external_id=Subquery(ext))


def external_id_of(record: Model, context: Any) -> str | None:
    """A schema resolver's value: the annotation when the list read it,
    else the caller's key of this one record."""
    found = getattr(record, "external_id", _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    request = (context or {}).get("request")
    actor = getattr(request, "actor", None)
    if actor is None or not actor.pk:
        return None
    key = _keys(type(record), actor).filter(object_id=record.pk).values_list("key", flat=True)
    first = key.first()
    return first.removeprefix(EXT_PREFIX) if first else None
