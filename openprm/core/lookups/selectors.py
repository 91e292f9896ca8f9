"""Reading lookups; every signed-in user may read them."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import NotFound, ValidationFailed
from openprm.core.lookups.models import LookupType, LookupValue
from openprm.core.search import search_key

access.register(LookupType)(access.everyone_signed_in)
access.register(LookupValue)(access.everyone_signed_in)


def lookup_type_list(*, actor: Actor) -> QuerySet[LookupType]:
    return access.visible(LookupType, actor).order_by("code")


def lookup_type_get(*, actor: Actor, code: str) -> LookupType:
    found = access.visible(LookupType, actor).filter(code=code).first()
    if found is None:
        raise NotFound()
    return found


def lookup_value_list(
    *, actor: Actor, type_code: str, active_only: bool = False
) -> QuerySet[LookupValue]:
    values = access.visible(LookupValue, actor).filter(lookup_type__code=type_code)
    if active_only:
        values = values.filter(active=True)
    return values.order_by("position", "code")


def lookup_value_find(type_code: str, code: str) -> LookupValue | None:
    """System read used by rules that validate a submitted code."""
    return (
        access.unscoped(LookupValue)
        .filter(lookup_type__code=type_code, code=code, active=True)
        .first()
    )


def lookup_spellings(type_code: str) -> dict[str, str]:
    """The code of each active value by the `search_key` of its code and
    of its meaning ("mr" and "mr." for MR, "Mr."), for rules that read a
    value written either way in any case."""
    values = access.unscoped(LookupValue).filter(lookup_type__code=type_code, active=True)
    found: dict[str, str] = {}
    for code, meaning in values.order_by("position", "code").values_list("code", "meaning"):
        found.setdefault(search_key(code), code)
        found.setdefault(search_key(meaning), code)
    return found


def lookup_choices(type_code: str) -> list[tuple[str, str]]:
    """Active values as form choices, in their order."""
    return list(
        access.unscoped(LookupValue)
        .filter(lookup_type__code=type_code, active=True)
        .order_by("position", "code")
        .values_list("code", "meaning")
    )


def lookup_type_get_with_values(*, actor: Actor, code: str) -> LookupType:
    found = (
        access.visible(LookupType, actor)
        .filter(code=code)
        .prefetch_related(
            Prefetch(
                "values", queryset=access.visible(LookupValue, actor).order_by("position", "code")
            )
        )
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def lookup_value_get(*, actor: Actor, pk: Any, type_code: str | None = None) -> LookupValue:
    """A visible value, of the lookup type `type_code` when given."""
    values = access.visible(LookupValue, actor).select_related("lookup_type")
    if type_code is not None:
        values = values.filter(lookup_type__code=type_code)
    return access.get_visible(LookupValue, actor, pk, values)


def lookup_type_for_field(*, actor: Actor, code: str | None, field: str) -> LookupType | None:
    """A lookup named in a request body: unknown is a 422 on that field."""
    if not code:
        return None
    try:
        return lookup_type_get(actor=actor, code=code)
    except NotFound:
        raise ValidationFailed(field_errors={field: [_("Unknown lookup.")]}) from None
