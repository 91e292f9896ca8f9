"""What the shared default pages show when a view names no template.

A new app's list, record and form pages were three templates copied from
another app and edited: the same header, table, filters and buttons, each
copy drifting. A view of core/views/generic.py that sets no
`template_name` renders `core/default_list.html`, `core/default_detail.html`
or `core/default_form.html` with what this module works out from the view's
declarations: its model, its list spec, its `fields` and its `actions`. An
app writes its own template when its page is more than that.

Addresses follow the URL names of the existing apps, in the namespace of
the page being shown: `<model>_list`, `<model>_create`, `<model>_edit` (the
action "change"), `<model>_delete` and `<model>_<action>`. A name the app
did not declare is simply not offered.
"""

import datetime as dt
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.forms import modelform_factory
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from openprm.core.tables import Column, Label, ListSpec
from openprm.core.tabs import record_tabs
from openprm.core.views.web import permitted_create

LIST = "core/default_list.html"
DETAIL = "core/default_detail.html"
FORM = "core/default_form.html"
ACTION_LABELS: dict[str, Label] = {"change": _("Edit"), "delete": _("Delete")}
ACTION_ICONS = {"change": "pencil", "delete": "trash"}
NOT_SHOWN = ("id", "version")


def named_url(request: HttpRequest, model: type[models.Model], name: str, *args: Any) -> str:
    """The address of the page `<model>_<name>` in the shown page's
    namespace, or "" when the app has no such page."""
    match = request.resolver_match
    namespace = f"{match.namespace}:" if match is not None and match.namespace else ""
    try:
        return reverse(f"{namespace}{model._meta.model_name}_{name}", args=args)
    except NoReverseMatch:
        return ""


def plural(model: type[models.Model]) -> str:
    return capfirst(str(model._meta.verbose_name_plural))


@dataclass(frozen=True)
class Filter:
    """One filter of a list's FilterSchema, as the filter bar draws it."""

    name: str
    label: Label
    kind: str  # "text", "date", "number" or "choice"
    choices: Sequence[tuple[str, Label]] = ()

    @classmethod
    def of_records(cls, name: str, label: Label, records: Iterable[tuple[Any, Label]]) -> "Filter":
        """A filter picking one of `records` (id, name), whose ids the query
        carries as text."""
        return cls(name, label, "choice", [(str(pk), shown) for pk, shown in records])


def _kind(annotation: Any) -> tuple[str, Sequence[tuple[str, Label]]]:
    """How a filter's type is entered: a closed set (a Literal, or a model's
    choices with their translated labels) as a choice, a date as a
    date, a number as a number, anything else as text."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _kind(args[0])
    if typing.get_origin(annotation) is typing.Annotated:
        return _kind(args[0])
    if annotation is bool:
        return "choice", (("true", _("Yes")), ("false", _("No")))
    if typing.get_origin(annotation) is typing.Literal:
        return "choice", [(str(a), capfirst(str(a).replace("_", " "))) for a in args]
    if isinstance(annotation, type) and issubclass(annotation, models.Choices):
        return "choice", [(str(value), label) for value, label in annotation.choices]
    if annotation in (dt.date, dt.datetime):
        return "date", ()
    if annotation is int:
        return "number", ()
    return "text", ()


def list_filters(spec: ListSpec) -> list[Filter]:
    """The filter bar of `spec`: one input per filter of its FilterSchema;
    a field's `title` labels it (`q` reads "Search")."""
    if spec.filters is None:
        return []
    found = []
    for name, info in spec.filters.model_fields.items():
        label = info.title or (_("Search") if name == "q" else capfirst(name.replace("_", " ")))
        kind, choices = _kind(info.annotation)
        found.append(Filter(name, label, kind, choices))
    return found


@dataclass(frozen=True)
class Shown:
    """One fact of a record's Details tab."""

    label: Label
    value: Any
    url: str = ""


def _field_fact(record: models.Model, name: str) -> Shown:
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if getattr(field, "choices", None):
        value = getattr(record, f"get_{name}_display")()
    url = ""
    if isinstance(value, models.Model) and hasattr(value, "get_absolute_url"):
        url = value.get_absolute_url()
    return Shown(capfirst(str(getattr(field, "verbose_name", name))), value, url)


def _column_fact(record: models.Model, column: Column) -> Shown:
    url = column.link(record) if column.link is not None else ""
    return Shown(column.label, column.read(record), "" if url == record_url(record) else url)


def record_url(record: models.Model) -> str:
    return record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""


def record_facts(record: models.Model, fields: Sequence[str], spec: ListSpec | None) -> list[Shown]:
    """The Details tab: the declared `fields`, else the shown columns of
    the list spec, else every concrete field the user can read."""
    if fields:
        return [_field_fact(record, name) for name in fields]
    if spec is not None:
        return [_column_fact(record, column) for column in spec.shown_columns]
    return [
        _field_fact(record, field.name)
        for field in record._meta.concrete_fields
        if field.name not in NOT_SHOWN
    ]


@dataclass(frozen=True)
class Button:
    """An action on a record's page. A change or a delete opens its page;
    any other action is a button posting the record's version."""

    action: str
    label: Label
    url: str
    icon: str
    post: bool
    primary: bool
    danger: bool


def record_buttons(
    request: HttpRequest,
    record: models.Model,
    can: dict[str, bool],
    labels: dict[str, Label],
) -> list[Button]:
    """The buttons of the actions the policy allows (`can`) whose page the
    app declares; the first named action is the primary one."""
    found = []
    for action, allowed in can.items():
        name = "edit" if action == "change" else action
        url = named_url(request, type(record), name, record.pk) if allowed else ""
        if not url:
            continue
        label = labels.get(action) or ACTION_LABELS.get(action) or capfirst(action)
        post = action not in ("change", "delete")
        primary = post and not any(b.primary for b in found)
        icon = ACTION_ICONS.get(action, "player-play")
        found.append(Button(action, label, url, icon, post, primary, action == "delete"))
    return found


def model_form(model: type[models.Model], fields: Sequence[str], edit: bool) -> type[forms.Form]:
    """A ModelForm of `fields`; an edit carries the version it started from
    (PLAT-6: a missing version is a field error, never the current one)."""
    attrs: dict[str, Any] = {}
    if edit and any(f.name == "version" for f in model._meta.concrete_fields):
        attrs["version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    base = type("DeclaredForm", (forms.ModelForm,), attrs)
    return modelform_factory(model, form=base, fields=list(fields))


def list_page(view: Any, context: dict[str, Any]) -> dict[str, Any]:
    """A RecordList's default page: its title, filter bar and New button
    (to whoever the model's create rule allows)."""
    model = view.model
    if model is not None and "can_create" not in context:
        context["can_create"] = permitted_create(view.actor, model)
    create = model is not None and context["can_create"]
    return {
        "title": view.title or (plural(model) if model is not None else ""),
        "filter_fields": view.filter_bar(),
        "create_url": named_url(view.request, model, "create") if create else "",
        "empty_text": view.empty_text,
    }


def record_page(view: Any, record: models.Model, context: dict[str, Any]) -> dict[str, Any]:
    """A RecordDetail's default page: the record's facts, its tab bar (with
    the tabs other apps add) and its buttons."""
    return {
        "facts": record_facts(record, view.fields, view.spec),
        "show_tabs": len(view.tabs) + len(record_tabs(record)) > 1,
        "kind": capfirst(str(record._meta.verbose_name)),
        "list_url": named_url(view.request, type(record), "list"),
        "buttons": record_buttons(view.request, record, context["can"], dict(view.action_labels)),
    }


def form_page(view: Any, record: models.Model | None, context: dict[str, Any]) -> dict[str, Any]:
    """A RecordForm's default page: its title and the way back, to the
    record, or to the list a new record comes from."""
    model = view.model
    if model is None:
        return {}
    name = str(model._meta.verbose_name)
    title = context["title"] or (
        gettext("Edit %(name)s") % {"name": record}
        if record
        else gettext("New %(name)s") % {"name": name}
    )
    list_url = named_url(view.request, model, "list")
    return {
        "title": title,
        "list_url": list_url,
        "list_label": plural(model),
        "back_url": (record_url(record) if record else "") or list_url,
    }
