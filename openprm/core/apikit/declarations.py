"""What a reading API operation works on, declared on its handler the way
the generic views declare `model` and `action` on a page.

`@reads(Model)` says the operation reads rows of `Model`: one record when
its path names it (the path's last parameter), else a list scoped by the
record's access policy. `privilege` names the privilege the operation needs
besides (PLAT-2). The declaration changes nothing at run time — selectors
and services decide, and handlers never ask the access module — but the
route matrix derives the operation's rows from it and so checks that they
decide as declared: a record the caller may not see answers 404, a list
answers every signed-in caller, and a missing privilege 403.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models

H = TypeVar("H", bound=Callable[..., Any])
ATTRIBUTE = "openprm_reads"


@dataclass(frozen=True)
class Reads:
    model: type[models.Model]
    privilege: str | None = None


def reads(model: type[models.Model], *, privilege: str | None = None) -> Callable[[H], H]:
    """Declares that the handler reads `model` (put it right under the
    router's decorator)."""

    def decorator(handler: H) -> H:
        setattr(handler, ATTRIBUTE, Reads(model, privilege))
        return handler

    return decorator


def declared_reads(handler: Callable[..., Any]) -> Reads | None:
    found = getattr(handler, ATTRIBUTE, None)
    return found if isinstance(found, Reads) else None
