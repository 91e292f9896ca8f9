"""Generic editing pages: create, edit, delete and named actions.

They keep what users lost when each app wrote its own: a refused save stays
on the form next to its fields, a stale edit shows the stored values
(PLAT-6) and keeps the user's input, and a create form asks the model's
create rule before it shows.
"""

import copy
from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from openprm.core.errors import DomainError, PermissionRefused, StaleVersion
from openprm.core.tables import Label
from openprm.core.views import defaults
from openprm.core.views.generic import Page
from openprm.core.views.web import FormSave, form_add_domain_error, require_create, scope_choices

STALE = gettext_lazy("This record changed meanwhile; review it and try again.")


class RecordForm(Page):
    """Create (no `pk`) or edit a record with a form and one service call.

    A create page that declares its `model` and the action "create" is the
    403 page to whoever the model's create rule refuses. A refused save
    stays on the form, next to its fields; a stale edit shows the stored
    values (PLAT-6) and keeps the user's input; only a save that raised
    nothing redirects, with `success_message`. With
    `refusals_to_page` a refusal of access is the 403 page instead of an
    error on the form.

    Without a `form_class`, the form is a ModelForm of the model's
    `fields`; an edit's form carries the record's version (PLAT-6) in
    `cleaned_data["version"]`."""

    form_class: ClassVar[type[forms.Form] | None] = None
    fields: ClassVar[Sequence[str]] = ()
    context_object_name: ClassVar[str] = "object"
    title: ClassVar[Label] = ""
    success_message: ClassVar[Label] = ""
    refusals_to_page: ClassVar[bool] = False

    def record(self, pk: int) -> models.Model:
        """The record to edit, through the service that refuses whoever may
        not change it."""
        raise NotImplementedError

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {}

    def make_form(self, data: Any, record: Any) -> forms.Form:
        """The declared `form_class`, or a ModelForm of `fields`, which
        validates a copy of the record: the service still compares the
        changes against the record as read."""
        if self.form_class is not None:
            return self.form_class(data, **self.form_kwargs(record))
        if self.model is None or not self.fields:
            raise TypeError(f"{type(self).__name__}: declare form_class, or model and fields")
        form_class = defaults.model_form(self.model, self.fields, edit=record is not None)
        kwargs: dict[str, Any] = {}
        if record is not None:
            kwargs = {"instance": copy.copy(record), "initial": {"version": record.version}}
        form = form_class(data, **{**kwargs, **self.form_kwargs(record)})
        scope_choices(form, self.actor)
        return form

    def apply(self, form: Any, record: Any) -> Any:
        raise NotImplementedError

    def success_url(self, saved: Any) -> str:
        return saved.get_absolute_url()  # type: ignore[no-any-return]

    def extra_context(self, form: Any, record: Any) -> dict[str, Any]:
        return {}

    def form_save(self, form: Any) -> FormSave:
        """Where a refused save lands: on the form, a stale edit showing the
        stored values (PLAT-6). A page that answers a refusal of access with
        the 403 page says `refusals_to_page`."""
        return FormSave(form, stale=True, refusals_to_page=self.refusals_to_page)

    def answer(self, form: Any, record: Any, save: FormSave) -> HttpResponse:
        context = {
            "form": form,
            "stale": save.stale,
            "candidates": save.candidates,
            "title": self.title,
            **({self.context_object_name: record, "object": record} if record else {}),
            **self.extra_context(form, record),
        }
        if not self.template_name:
            context.update(self.default_context(record, context))
        return render(self.request, self.template_name or defaults.FORM, context)

    def default_context(self, record: Any, context: dict[str, Any]) -> dict[str, Any]:
        """The default page's title and the way back."""
        return defaults.form_page(self, record, context)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "POST"):
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        return self.post(request, pk)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        if pk is None and self.model is not None and self.action == "create":
            require_create(self.actor, self.model)
        record = self.record(pk) if pk is not None else None
        data = request.POST if request.method == "POST" else None
        form = self.make_form(data, record)
        save = self.form_save(form)
        if data is not None and form.is_valid():
            with save:
                saved = self.apply(form, record)
            if save.ok:
                if self.success_message:
                    messages.success(request, str(self.success_message) % {"name": saved})
                return redirect(self.success_url(saved))
        return self.answer(form, record, save)


def refusal_text(error: DomainError) -> str:
    """The error's message followed by its field errors: a button has no
    field to show them next to."""
    details = [message for messages in error.field_errors.values() for message in messages]
    return " ".join([error.message, *details]) if details else error.message


class RecordAction(Page):
    """A button on a record's page: POST runs the service, GET is not
    allowed. The outcome is a message on the record's page: a refusal of
    the rules (not of access: that is the 403 page, unless
    `refusals_to_page` is off) instead of the success. With a `form_class`
    (say, the record's version) an invalid form means the page was out of
    date. `success_message` may name the record (`%(name)s`)."""

    http_method_names: ClassVar[list[str]] = ["post"]  # type: ignore[misc]
    form_class: ClassVar[type[forms.Form] | None] = None
    success_message: ClassVar[Label] = ""
    invalid_message: ClassVar[Label] = gettext_lazy(
        "This page was out of date: it has been reloaded, try again."
    )
    refusals_to_page: ClassVar[bool] = True
    refusal_details: ClassVar[bool] = False

    def record(self, pk: int) -> models.Model:
        raise NotImplementedError

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {}

    def perform(self, record: Any, form: Any) -> Any:
        raise NotImplementedError

    def success_url(self, record: Any) -> str:
        return record.get_absolute_url()  # type: ignore[no-any-return]

    def refused_url(self, record: Any) -> str:
        """Where a refused or out-of-date action lands."""
        return self.success_url(record)

    def refusal(self, error: DomainError) -> str:
        """What a refusal says on the page; with `refusal_details`, each
        field's problem too."""
        return refusal_text(error) if self.refusal_details else error.message

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = self.record(pk)
        form = None
        if self.form_class is not None:
            form = self.form_class(request.POST, request.FILES, **self.form_kwargs(record))
        if form is not None and not form.is_valid():
            messages.error(request, str(self.invalid_message))
            return redirect(self.refused_url(record))
        try:
            self.perform(record, form)
        except DomainError as error:
            if isinstance(error, PermissionRefused) and self.refusals_to_page:
                raise
            messages.error(request, self.refusal(error))
            return redirect(self.refused_url(record))
        if self.success_message:
            messages.success(request, str(self.success_message) % {"name": record})
        return redirect(self.success_url(record))


class RecordDelete(Page):
    """CUS-9 style delete: a confirmation page carrying the version, then
    the service's delete. A stale version goes back to the record's page; a
    refusal of the rules stays on the confirmation."""

    action: ClassVar[str] = "delete"
    form_class: ClassVar[type[forms.Form]]
    context_object_name: ClassVar[str] = "object"
    success_message: ClassVar[Label] = ""
    stale_message: ClassVar[Label] = ""

    def record(self, pk: int) -> models.Model:
        raise NotImplementedError

    def remove(self, record: Any, version: int) -> None:
        raise NotImplementedError

    def success_url(self, record: Any) -> str:
        raise NotImplementedError

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.post(request, pk)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = self.record(pk)
        data = request.POST if request.method == "POST" else None
        form = self.form_class(data, initial={"version": getattr(record, "version", None)})
        if data is not None and form.is_valid():
            try:
                self.remove(record, form.cleaned_data["version"])
            except StaleVersion:
                messages.error(request, str(self.stale_message or STALE))
                return redirect(record.get_absolute_url())  # type: ignore[attr-defined]
            except PermissionRefused:
                raise
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, str(self.success_message) % {"name": record})
                return redirect(self.success_url(record))
        context = {self.context_object_name: record, "object": record, "form": form}
        return render(request, self.template_name, context)
