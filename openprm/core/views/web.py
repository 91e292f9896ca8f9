"""Glue between domain errors and HTML pages, shared by every app's views.

Services raise typed errors (core.errors); a page shows them the way a user
expects: a refused privilege as the 403 page naming the privilege (PLAT-2),
an invisible record as the 404 page, field errors next to the fields and a
stale version with the newer values (PLAT-6).
"""

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import FilterSchema
from pydantic import ValidationError

from openprm.core.errors import DomainError, NotFound, PermissionRefused, StaleVersion

View = Callable[..., HttpResponse]
F = TypeVar("F", bound=FilterSchema)
CUSTOM_ERROR_PREFIX = "custom."
CUSTOM_FIELD_PREFIX = "custom__"


def html_errors(view: View) -> View:
    """NotFound becomes the 404 page and PermissionRefused the 403 page, whose
    text is the error's message (it names the missing privilege)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(error.message) from None
        except PermissionRefused as error:
            raise PermissionDenied(error.message) from None

    return wrapper


def form_add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Field errors go next to their field (`custom.x` next to `custom__x`);
    anything else, and an error without fields, goes on top of the form."""
    if not error.field_errors:
        form.add_error(None, error.message)
        return
    for name, messages in error.field_errors.items():
        field = name
        if name.startswith(CUSTOM_ERROR_PREFIX):
            field = CUSTOM_FIELD_PREFIX + name.removeprefix(CUSTOM_ERROR_PREFIX)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def stale_values(form: forms.Form, error: StaleVersion) -> dict[str, Any]:
    """PLAT-6: the stored values of the fields on the form, by their labels.

    The form keeps the user's input but its hidden `version` moves to the
    stored one, so saving again overwrites knowingly instead of silently.
    """
    current: Mapping[str, Any] = error.extra.get("current", {})
    form.data = form.data.copy()
    form.data["version"] = current.get("version")
    shown: dict[str, Any] = {}
    for name, field in form.fields.items():
        key = name
        if name.startswith(CUSTOM_FIELD_PREFIX):
            key = name.removeprefix(CUSTOM_FIELD_PREFIX)
            value = (current.get("custom") or {}).get(key)
        elif name == "version" or name not in current:
            continue
        else:
            value = current[name]
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        shown[str(field.label or name)] = value
    return shown


def filters_from(request: HttpRequest, schema: type[F]) -> tuple[F, bool]:
    """The list's FilterSchema read from the query string; invalid input
    filters nothing and is reported (second value) instead of failing."""
    values = {k: v for k, v in request.GET.items() if k in schema.model_fields and v != ""}
    try:
        return schema(**values), True
    except ValidationError:
        return schema(), False
