"""The one place that decides who sees which rows and who may do what
(DESIGN.md: fail closed).

Each app declares a policy per model (`policies.py`, see `policy.Policy`):
`visible(Model, actor, action)` gives the rows the actor may see — or
change, delete, approve… — and `can(actor, action, obj)` the yes/no for one
record; `require()` raises what a service must raise. Creating has no
record to ask about: `can_create(actor, Model)` and `require_create()`.
A portal dashboard counting its organization's own business asks
`in_partner_reach(Model, actor)`, figures about one partner
`of_partner(Model, actor, partner_id)`: subsets of `visible()`.
Every selector, form choice, API list, export, count, search and button
goes through here. A model without a policy cannot be queried through here
at all, and an anonymous or deactivated actor sees nothing. Records outside
the view scope answer NotFound, exactly like records that do not exist; a
visible record refusing an action answers PermissionRefused (403).

System code that must see everything (migrations, background realignment)
calls `unscoped()`, a name that is easy to grep for in review.
"""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import models
from django.db.models import BooleanField, Exists, Expression, F, OuterRef, Q

from openprm.core.access.policy import (
    CREATE,
    AccessNotConfigured,
    Check,
    Policy,
    ScopePolicy,
)
from openprm.core.actor import Actor
from openprm.core.errors import NotFound, PermissionRefused

M = TypeVar("M", bound=models.Model)
P = TypeVar("P", bound=type[Policy[Any]])
Scope = Callable[[models.QuerySet[Any], Actor], models.QuerySet[Any]]

_policies: dict[type[models.Model], Policy[Any]] = {}
_by_key: ContextVar[bool] = ContextVar("openprm_access_by_key", default=False)

__all__ = [
    "AccessNotConfigured",
    "Policy",
    "RowCondition",
    "can",
    "can_create",
    "in_partner_reach",
    "of_partner",
    "partner_id_seen",
    "partner_reach_q",
    "require",
    "require_create",
    "visible",
]


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
    output_field = BooleanField()  # shared, as Django's Exists does: made once, not per scope

    def __init__(self, sql: str, params: Sequence[Any] = (), **columns: str) -> None:
        super().__init__()
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


def policy(model: type[models.Model]) -> Callable[[P], P]:
    """Class decorator: the app's policy for `model` (one per model)."""

    def decorator(cls: P) -> P:
        _install(model, cls())
        return cls

    return decorator


def register(model: type[models.Model]) -> Callable[[Scope], Scope]:
    """A view-only policy from a scope function: for records nobody acts on
    through here (reference data, rows that follow their parent)."""

    def decorator(scope: Scope) -> Scope:
        _install(model, ScopePolicy(scope))
        return scope

    return decorator


def contributed_check(model: type[models.Model], action: str) -> Callable[[Check], Check]:
    """Decorator: another app's rule for `action` on `model`'s records, where
    the action is that app's business and the record another app's (the
    partners app's managed-partner flag on an account). It becomes the
    policy's `check_<action>`; an action the policy decides already is
    refused, so an app never overrides another's rule."""

    def decorator(check: Check) -> Check:
        found = policy_of(model)
        if action == CREATE or has_rule(model, action):
            raise AccessNotConfigured(f"{model.__name__} already decides {action!r}")
        setattr(found, f"check_{action}", check)
        return check

    return decorator


def _install(model: type[models.Model], found: Policy[Any]) -> None:
    if model in _policies and type(_policies[model]) is not type(found):
        raise AccessNotConfigured(f"{model.__name__} already has a policy")
    _policies[model] = found


def registered_models() -> frozenset[type[models.Model]]:
    return frozenset(_policies)


def policy_of(model: type[models.Model]) -> Policy[Any]:
    try:
        return _policies[model]
    except KeyError:
        raise AccessNotConfigured(f"no access policy registered for {model.__name__}") from None


def visible(model: type[M], actor: Actor, action: str = "view") -> models.QuerySet[M]:
    """Rows of `model` on which `actor` may do `action` (view by default);
    always a subset of the rows it may view."""
    found = policy_of(model)
    rows = found.rows_for(action)
    if rows is None:
        raise AccessNotConfigured(f"{model.__name__} has no row scope for {action!r}")
    queryset = model._default_manager.all()
    if not actor.is_active:
        return queryset.none()
    queryset = found.view(queryset, actor)
    return queryset if action == "view" else rows(queryset, actor)


def refusal(actor: Actor, action: str, obj: models.Model) -> NotFound | PermissionRefused | None:
    """Why `actor` may not do `action` on `obj`: NotFound when it may not
    even see it (asked first, so no privilege is named for a hidden record),
    PermissionRefused when it sees it but may not act; None when it may."""
    model = type(obj)
    found = policy_of(model)
    if action == CREATE:
        raise AccessNotConfigured(
            f"creating a {model.__name__} is asked of the model: use can_create/require_create"
        )
    check, rows = found.check_for(action), found.rows_for(action)
    if check is None and rows is None:
        raise AccessNotConfigured(f"{model.__name__} has no rule for {action!r}")
    with by_primary_key():
        seen = visible(model, actor)
    if not seen.filter(pk=obj.pk).exists():
        return NotFound()
    if rows is not None and action != "view" and not rows(seen, actor).filter(pk=obj.pk).exists():
        return found.refusal(action)
    return check(actor, obj) if check is not None else None


def has_rule(model: type[models.Model], action: str) -> bool:
    """Whether `model`'s policy answers `action` (else `can`, or
    `can_create` for "create", raises AccessNotConfigured)."""
    found = policy_of(model)
    if action == CREATE:
        return found.create_check() is not None
    return found.check_for(action) is not None or found.rows_for(action) is not None


def can(actor: Actor, action: str, obj: models.Model) -> bool:
    """Whether `actor` may do `action` on `obj` — what pages ask before they
    show a button, and what services ask before they act."""
    return refusal(actor, action, obj) is None


def require(actor: Actor, action: str, obj: models.Model) -> None:
    """Raise NotFound or PermissionRefused unless `actor` may do `action` on `obj`."""
    error = refusal(actor, action, obj)
    if error is not None:
        raise error


def create_refusal(actor: Actor, model: type[models.Model]) -> PermissionRefused | None:
    """Why `actor` may not create a `model` record (the policy's
    `check_create`), or None when it may; a signed-out or deactivated actor
    may create nothing."""
    check = policy_of(model).create_check()
    if check is None:
        raise AccessNotConfigured(f"{model.__name__} has no rule for {CREATE!r}")
    if not actor.is_active:
        return PermissionRefused()
    return check(actor)


def can_create(actor: Actor, model: type[models.Model]) -> bool:
    """Whether `actor` may create a `model` record — what a page asks before
    it offers its New button or its create form."""
    return create_refusal(actor, model) is None


def require_create(actor: Actor, model: type[models.Model]) -> None:
    """Raise the PermissionRefused unless `actor` may create a `model` record."""
    error = create_refusal(actor, model)
    if error is not None:
        raise error


def through_visible(model: type[models.Model], actor: Actor, field: str) -> Q:
    """Rows whose `field` (a foreign key to `model`) is a row of `model` the
    actor may see — the scope of a child record (a contact's points, an
    account's notes).

    Checked per row by primary key. `field__in=visible(...)` reads the same,
    but SQLite evaluates it by running the whole scope first: every contact
    of a million, to show one contact's phone numbers (docs/performance.md).
    A null `field` never matches.
    """
    return Q(Exists(visible(model, actor).filter(pk=OuterRef(field))))


def partner_reach_q(actor: Actor, field: str = "partner_id") -> Q:
    """Rows whose `field` (a partner) is one of the organizations whose
    business the portal user sees: its own, and its subsidiaries' where the
    brand owner switched that on for its organization (PRG-13, the Actor's
    `partner_reach`). Nothing for an actor without a partner. A plain
    equality for the usual single organization, so the database reads it by
    index."""
    reach = actor.partner_reach
    if not reach:
        return Q(pk__in=[])
    if len(reach) == 1:
        return Q(**{field: reach[0]})
    return Q(**{f"{field}__in": reach})


def partner_id_seen(actor: Actor, partner_id: int | None) -> int | None:
    """A record's partner id as the actor may learn it (PRG-7): always for
    the brand owner's people; for a portal user only when it is one of the
    organizations `partner_reach_q` lets it see, else None — a deal its
    people only help on must not name the partner selling it."""
    if actor.partner_id is None or partner_id in actor.partner_reach:
        return partner_id
    return None


def in_partner_reach(model: type[M], actor: Actor) -> models.QuerySet[M]:
    """Rows of `model` that are the business of the organizations in the
    portal user's reach (`partner_reach_q` on the field the policy names,
    `Policy.reach_field`): its own deals, not another partner's it sees
    through its people on the team (DEAL-9). What a partner's dashboard
    counts as its business (PRG-8).

    A subset of `visible()` without its other ways of seeing a row, so the
    database reads the partner's rows alone by index: on PostgreSQL, the
    `OR` of the view kept beside `partner_id = X` made the opportunity
    counts read 50,000 rows through the table instead of the index only
    (docs/performance.md). Nothing for an internal or deactivated actor.
    """
    field = _reach_field(model)
    queryset = model._default_manager.all()
    if not actor.is_active or actor.is_internal:
        return queryset.none()
    return queryset.filter(partner_reach_q(actor, field))


def of_partner(model: type[M], actor: Actor, partner_id: int) -> models.QuerySet[M]:
    """The rows of one partner's business that `actor` sees, for figures
    about that partner (its deal analytics): to a portal user, the
    partner's rows when it is in its reach (`in_partner_reach`), never
    another partner's deals it sees through its people on the team; to the
    brand owner's people, the partner's rows among those they see."""
    field = _reach_field(model)
    rows = visible(model, actor) if actor.is_internal else in_partner_reach(model, actor)
    return rows.filter(**{field: partner_id})


def _reach_field(model: type[models.Model]) -> str:
    field = policy_of(model).reach_field
    if field is None:
        raise AccessNotConfigured(f"{model.__name__} names no partner whose business a row is")
    return field


def get_visible(
    model: type[M], actor: Actor, pk: Any, queryset: models.QuerySet[M] | None = None
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


def everyone_signed_in(queryset: models.QuerySet[Any], actor: Actor) -> models.QuerySet[Any]:
    """Scope for reference data (lookups, profile options) every user reads."""
    return queryset


def internal_users_only(queryset: models.QuerySet[Any], actor: Actor) -> models.QuerySet[Any]:
    """Scope for records that no partner (portal) user may see."""
    return queryset.none() if not actor.is_internal else queryset
