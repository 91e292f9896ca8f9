"""The one place that decides who sees which rows (DESIGN.md: fail closed).

Each app registers a scope function per model: `scope(queryset, actor)`
returns the rows the actor may see. Every selector, form choice, API list,
export, count and search starts from `visible()`. A model without a
registered scope cannot be queried through here at all, and an anonymous or
deactivated actor sees nothing. Records outside the scope answer NotFound,
exactly like records that do not exist.

System code that must see everything (migrations, background realignment)
calls `unscoped()`, a name that is easy to grep for in review.
"""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import models
from django.db.models import BooleanField, Exists, Expression, F, OuterRef, Q

from openprm.core.errors import NotFound

M = TypeVar("M", bound=models.Model)
Scope = Callable[[models.QuerySet[Any], Any], models.QuerySet[Any]]

_scopes: dict[type[models.Model], Scope] = {}
_by_key: ContextVar[bool] = ContextVar("openprm_access_by_key", default=False)


class AccessNotConfigured(LookupError):
    """A programming error: a model is queried before its scope is registered."""


class RowCondition(Expression):
    """A visibility condition on the current row, written as SQL.

    The access rules run for every row a list walks, so they are SQL
    fragments that cost microseconds to put into a query; built from nested
    querysets they cost milliseconds of ORM work per request (the API's
    scoped lookups, docs/performance.md). `{name}` placeholders stand for
    columns of the row — `RowCondition("{owner} = %s", [me], owner="owner_id")`
    — and are filled in with the row's table alias, which Django changes
    when the query becomes a subquery. Values always go in `params`.
    """

    conditional = True

    def __init__(self, sql: str, params: Sequence[Any] = (), **columns: str) -> None:
        super().__init__(output_field=BooleanField())
        self.sql = sql
        self.params = tuple(params)
        self.names = tuple(columns)
        self.columns: list[Any] = [F(column) for column in columns.values()]

    def get_source_expressions(self) -> list[Any]:
        return self.columns

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.columns = list(exprs)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        sql = self.sql
        for name, column in zip(self.names, self.columns, strict=True):
            column_sql, _params = compiler.compile(column)
            sql = sql.replace("{" + name + "}", column_sql)
        return f"({sql})", list(self.params)


def register(model: type[models.Model]) -> Callable[[Scope], Scope]:
    def decorator(scope: Scope) -> Scope:
        _scopes[model] = scope
        return scope

    return decorator


def registered_models() -> frozenset[type[models.Model]]:
    return frozenset(_scopes)


def is_active_actor(actor: Any) -> bool:
    return bool(
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and getattr(actor, "is_active", False)
    )


def visible(model: type[M], actor: Any) -> models.QuerySet[M]:
    """Rows of `model` that `actor` may see."""
    try:
        scope = _scopes[model]
    except KeyError:
        raise AccessNotConfigured(f"no access scope registered for {model.__name__}") from None
    queryset = model._default_manager.all()
    if not is_active_actor(actor):
        return queryset.none()
    return scope(queryset, actor)


def through_visible(model: type[models.Model], actor: Any, field: str) -> Q:
    """Rows whose `field` (a foreign key to `model`) is a row of `model` the
    actor may see — the scope of a child record (a contact's points, an
    account's notes).

    Checked per row by primary key. `field__in=visible(...)` reads the same,
    but SQLite evaluates it by running the whole scope first: every contact
    of a million, to show one contact's phone numbers (docs/performance.md).
    A null `field` never matches.
    """
    return Q(Exists(visible(model, actor).filter(pk=OuterRef(field))))


def get_visible(
    model: type[M], actor: Any, pk: Any, queryset: models.QuerySet[M] | None = None
) -> M:
    """One visible row, or NotFound — the same answer as for a missing row."""
    if queryset is None:
        with by_primary_key():
            queryset = visible(model, actor)
    base = queryset
    try:
        return base.get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound() from None


@contextmanager
def by_primary_key() -> Iterator[None]:
    """Scopes built inside are for a few rows looked up by primary key
    (`get_visible`, candidates of a duplicate check): scopes that choose
    between ways of finding many rows take the one that checks each row."""
    marker = _by_key.set(True)
    try:
        yield
    finally:
        _by_key.reset(marker)


def by_primary_key_only() -> bool:
    return _by_key.get()


def unscoped(model: type[M]) -> models.QuerySet[M]:
    """Every row, for system code only (never for a request on behalf of a user)."""
    return model._default_manager.all()


def everyone_signed_in(queryset: models.QuerySet[Any], actor: Any) -> models.QuerySet[Any]:
    """Scope for reference data (lookups, profile options) every user reads."""
    return queryset


def internal_users_only(queryset: models.QuerySet[Any], actor: Any) -> models.QuerySet[Any]:
    """Scope for records that no partner (portal) user may see."""
    return queryset.none() if getattr(actor, "is_partner_user", True) else queryset
