"""The external id a record was imported under, for API clients that map
their own ids back (issue 18).

An import remembers each record's key per importing user (`ImportKey`: an
id in that user's source system), so the id shown is the caller's own: the
external id of the caller's import that created or matched the record, or
none. Lists read it with the page (a subquery on the key's index); a single
record with one fixed statement (EXTERNAL_ID_SQL), written once, so the
API's record reads pay no query building for it: whatever the record's
model, the same text runs with the model's label as a parameter, read from
the (model, object_id, user) index.
"""

from typing import Any

from django.db import connection
from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Substr

from openprm.core import access
from openprm.core.actor import Actor
from openprm.imports.kinds.refs import EXT_PREFIX
from openprm.imports.models import ImportKey

_MISSING = object()
KEYS = ImportKey._meta.db_table
EXTERNAL_ID_SQL = (
    f"SELECT SUBSTR(key, {len(EXT_PREFIX) + 1}) FROM {KEYS} "  # noqa: S608  names from _meta
    "WHERE model = %s AND object_id = %s AND user_id = %s "
    f"AND SUBSTR(key, 1, {len(EXT_PREFIX)}) = %s ORDER BY id LIMIT 1"
)


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
    with connection.cursor() as cursor:
        cursor.execute(EXTERNAL_ID_SQL, [record._meta.label_lower, record.pk, actor.pk, EXT_PREFIX])
        row = cursor.fetchone()
    return row[0] if row else None
