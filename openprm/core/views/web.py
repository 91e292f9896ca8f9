"""Glue between domain errors and HTML pages, shared by every app's views.

Services raise typed errors (core.errors); a page shows them the way a user
expects: a refused privilege as the 403 page naming the privilege (PLAT-2),
an invisible record as the 404 page, field errors next to the fields and a
stale version with the newer values (PLAT-6).
"""

from collections.abc import Callable, Mapping
from functools import wraps
from types import TracebackType
from typing import Any, Self, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from ninja import FilterSchema

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, DomainError, NotFound, PermissionRefused, StaleVersion

View = Callable[..., HttpResponse]
F = TypeVar("F", bound=FilterSchema)
CUSTOM_ERROR_PREFIX = "custom."
CUSTOM_FIELD_PREFIX = "custom__"
EXPORT_FORMATS = ("csv", "xlsx")
EXPORT_CHUNK = 2000


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


def permitted(actor: Actor, obj: models.Model, *actions: str) -> dict[str, bool]:
    """The buttons a page may offer on `obj`: each action the access policy
    allows (never recomputed in a view)."""
    return {action: access.can(actor, action, obj) for action in actions}


def permitted_create(actor: Actor, model: type[models.Model]) -> bool:
    """Whether a page may offer to create a `model` record (its New button):
    the access policy's create rule."""
    return access.can_create(actor, model)


def scope_choices(form: forms.Form, actor: Actor) -> None:
    """A generated form offers only the records the actor may see: each
    choice of another record (a ModelForm's foreign key) is narrowed to
    the actor's visible rows, so no page lists names its user may not
    read, nor accepts one posted by hand."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
            seen = access.visible(field.queryset.model, actor).values("pk")
            field.queryset = field.queryset.filter(pk__in=seen)


def require_create(actor: Actor, model: type[models.Model]) -> None:
    """A create form is the 403 page to whoever may not create its record,
    before it shows: a form that every save refuses is no use to anyone."""
    access.require_create(actor, model)


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


class FormSave:
    """One service call made for a bound form; a refusal stays on the form.

    Every create and edit page wrapped its service call the same way: with
    `stale`, a StaleVersion shows the stored values (PLAT-6); an error of a
    `catch` type goes next to the fields; only a call that raised nothing
    (`ok`) redirects. With `refusals_to_page` a PermissionRefused passes on to
    html_errors (the 403 page) instead of landing on the form, and so does
    every error outside `catch`. A Conflict that found similar records
    (CON-2, CUS-1) leaves them in `candidates`, the form ready to create
    anyway::

        save = FormSave(form, stale=True)
        if request.method == "POST" and form.is_valid():
            with save:
                services.thing_update(...)
            if save.ok:
                return redirect(...)
        return render(..., {"form": form, "stale": save.stale})
    """

    def __init__(
        self,
        form: forms.Form,
        *,
        catch: tuple[type[DomainError], ...] = (DomainError,),
        stale: bool = False,
        refusals_to_page: bool = False,
    ) -> None:
        self.form = form
        self.catch = catch
        self.keeps_stale = stale
        self.refusals_to_page = refusals_to_page
        self.ok = False
        self.stale: dict[str, Any] | None = None
        self.candidates: list[dict[str, Any]] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if error is None:
            self.ok = True
            return False
        if self.keeps_stale and isinstance(error, StaleVersion):
            self.stale = stale_values(self.form, error)
            return True
        if self.refusals_to_page and isinstance(error, PermissionRefused):
            return False
        if isinstance(error, Conflict) and "candidates" in error.extra:
            self.candidates = duplicate_candidates(self.form, error)
            return True
        if isinstance(error, self.catch):
            form_add_domain_error(self.form, error)
            return True
        return False


def duplicate_candidates(form: forms.Form, error: Conflict) -> list[dict[str, Any]]:
    """CON-2 (and the accounts' and partners' duplicate check): the similar
    records a create found. The form comes back with `confirm_duplicates`
    ticked, so sending it again creates anyway."""
    form.data = form.data.copy()
    form.data["confirm_duplicates"] = "on"
    form.add_error(None, error.message)
    return error.extra.get("candidates", [])
