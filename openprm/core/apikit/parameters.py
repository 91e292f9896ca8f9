"""Query parameters an operation does not declare are refused, and so is a
NUL character in any query or path parameter.

Ninja reads the parameters it knows and drops the rest, so a typo
(`?acount=4`) or a filter the list does not have answered 200 with the
unfiltered list, as if the client's condition had been applied. Every
operation now answers 422 naming the unknown parameter, as unknown body
fields already are. What is known comes from the operation's own query
schema (its filters, `sort`, pagination's `page`, `page_size` and
`with_count`), plus `custom.<name>` where its filter schema declares
`custom_field_filters` (PLAT-7).

A NUL character is no part of any name, code or search term, and PostgreSQL
cannot hold one in a string: `?q=%00` used to end in a 500 there. Bodies are
checked by `types.Input`.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.operation import Operation

from openprm.core.apikit.handlers import CUSTOM_PARAM


def declared_query(operation: Operation) -> tuple[frozenset[str], bool]:
    """The query parameter names of `operation`, and whether it also takes
    `custom.<name>` filters."""
    names: set[str] = set()
    custom = False
    for model in operation.models:
        if model.__ninja_param_source__ != "query":
            continue
        names.update(model.__ninja_flatten_map__)
        custom = custom or any(
            getattr(field.annotation, "custom_field_filters", False)
            for field in model.model_fields.values()
        )
    return frozenset(names), custom


def refuse_unusable_parameters(view_func: Callable[..., Any]) -> Callable[..., Any]:
    """NUL characters, then undeclared names. An operation decorator
    (`api.add_decorator(..., mode="operation")`):
    it runs after authentication and parameter validation, before the
    handler. `_ninja_operation` is the operation ninja registered the
    function with; its parameter models are those the request is read with."""
    names, custom = declared_query(view_func._ninja_operation)  # type: ignore[attr-defined]
    listed = ", ".join(sorted(names))

    @wraps(view_func)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with_nul = [
            *(key for key, values in request.GET.lists() if _has_nul(key, *values)),
            *(key for key, value in kwargs.items() if isinstance(value, str) and "\x00" in value),
        ]
        if with_nul:
            raise ValidationError(
                [
                    {
                        "loc": ("query", key),
                        "msg": str(ProhibitNullCharactersValidator.message),
                        "type": "null_character",
                    }
                    for key in dict.fromkeys(with_nul)
                ]
            )
        unknown = [
            key
            for key in request.GET
            if key not in names and not (custom and key.startswith(CUSTOM_PARAM))
        ]
        if unknown:
            known = listed or _("none")
            raise ValidationError(
                [
                    {
                        "loc": ("query", key),
                        "msg": _("Unknown parameter. This operation takes: %s.") % known,
                        "type": "unknown_parameter",
                    }
                    for key in unknown
                ]
            )
        return view_func(request, *args, **kwargs)

    return checked


def _has_nul(*texts: str) -> bool:
    return any("\x00" in text for text in texts)
