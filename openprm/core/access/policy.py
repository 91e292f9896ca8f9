"""Policies: who may see and do what on one model's records.

Each app declares one policy per model in its `policies.py`. A policy
answers two questions for an action — `view`, `change`, `delete` or a
named one (`approve`, `revise`, `order`, `claim`…):

- *which rows* (a method named after the action, taking the rows and the
  actor, returning the rows it may act on), for lists, counts and bulk
  work; `view` is required;
- *this record?* (a method `check_<action>(actor, obj)` returning None when
  allowed, or the PermissionRefused to raise), for rules that are not a
  row condition — a privilege, a state, a level computed in Python.

Creating is asked of the model, as there is no record yet:
`check_create(actor)` (`access.can_create`). A record added to or removed
from a parent — a contact of a partner, a preference of a contact point — is
an action of the parent instead (`manage_contacts`, `change`).

An action the policy names in neither form is refused to everyone, and
asking for it is a programming error (AccessNotConfigured): fail closed.

A policy whose records are a partner's business may also name the field
that says whose (`reach_field`): `access.in_partner_reach` then gives a
portal user the rows of the organizations in its reach, a subset of what
it sees, for the counts of its own business.
"""

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused

M = TypeVar("M", bound=models.Model)
CREATE = "create"
"""The one action asked of a model rather than of a record."""
Check = Callable[[Actor, Any], PermissionRefused | None]


class AccessNotConfigured(LookupError):
    """A programming error: a model or an action without a policy."""


class Policy(Generic[M]):
    """Base of every model's policy. Subclasses define `view` and whatever
    other actions their records have."""

    model: ClassVar[type[models.Model]]
    reach_field: ClassVar[str | None] = None
    """The foreign key to the partner whose business a row is, for
    `access.in_partner_reach`; None where the model offers no such rows."""

    def view(self, rows: QuerySet[M], actor: Actor) -> QuerySet[M]:
        raise NotImplementedError

    def rows_for(self, action: str) -> Callable[[QuerySet[M], Actor], QuerySet[M]] | None:
        if action in _RESERVED or action == CREATE or action.startswith(("_", "check_")):
            return None
        found = getattr(self, action, None)
        return found if callable(found) else None

    def check_for(self, action: str) -> Check | None:
        if action == CREATE:
            return None
        found = getattr(self, f"check_{action}", None)
        return found if callable(found) else None

    def create_check(self) -> Callable[[Actor], PermissionRefused | None] | None:
        """The model's `check_create(actor)`, when it has one."""
        found = getattr(self, f"check_{CREATE}", None)
        return found if callable(found) else None

    def actions(self) -> frozenset[str]:
        """Every action this policy decides, for tests and the docs."""
        names = {n.removeprefix("check_") for n in dir(self) if n.startswith("check_")}
        names |= {n for n in dir(self) if self.rows_for(n) is not None}
        return frozenset(names)

    def refusal(self, action: str) -> PermissionRefused:
        """The message when a visible record refuses an action that is a row
        condition; policies give better ones where they can."""
        return PermissionRefused(
            _("You may view this record but not %(action)s it.") % {"action": action},
            code=f"{action}_not_allowed",
        )


_RESERVED = frozenset(dir(Policy)) - {"view"}


class ScopePolicy(Policy[Any]):
    """A view-only policy from a scope function (reference data, child
    records that follow their parent): no other action is allowed."""

    def __init__(self, scope: Callable[[QuerySet[Any], Actor], QuerySet[Any]]) -> None:
        self.scope = scope

    def view(self, rows: QuerySet[Any], actor: Actor) -> QuerySet[Any]:
        return self.scope(rows, actor)

    def rows_for(self, action: str) -> Callable[[QuerySet[Any], Actor], QuerySet[Any]] | None:
        return self.view if action == "view" else None

    def actions(self) -> frozenset[str]:
        return frozenset({"view"})
