"""Lookup pages (PLAT-4): types, their ordered values with tags, and the
values' add / edit / delete. Adding a value works inline with HTMX and as a
plain form post."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openprm.core.catalog import MANAGE_LOOKUPS
from openprm.core.errors import DomainError, PermissionRefused
from openprm.core.forms import LookupValueCreateForm, LookupValueEditForm, tags_from_text
from openprm.core.lookups.models import LookupType, LookupValue
from openprm.core.lookups.selectors import lookup_type_get, lookup_value_get, lookup_value_list
from openprm.core.lookups.services import (
    lookup_value_create,
    lookup_value_delete,
    lookup_value_update,
)
from openprm.core.lookups.tables import LOOKUP_TYPES
from openprm.core.privileges import require_privilege
from openprm.core.views.generic import RecordList
from openprm.core.views.web import FormSave, html_errors


class LookupList(RecordList):
    """PLAT-4: the lookup types with the number of their values."""

    model = LookupType
    privilege = MANAGE_LOOKUPS
    spec = LOOKUP_TYPES
    template_name = "core/lookup_list.html"


def _lookup_page(
    request: HttpRequest, lookup_type: LookupType, form: LookupValueCreateForm, status: int = 200
) -> HttpResponse:
    template = "core/lookup_detail.html"
    if request.htmx:
        template += "#values-panel"
    context = {
        "lookup_type": lookup_type,
        "values": lookup_value_list(actor=request.actor, type_code=lookup_type.code),
        "form": form,
    }
    return render(request, template, context, status=status)


@html_errors
def lookup_detail(request: HttpRequest, code: str) -> HttpResponse:
    require_privilege(request.actor, MANAGE_LOOKUPS)
    lookup_type = lookup_type_get(actor=request.actor, code=code)
    return _lookup_page(request, lookup_type, LookupValueCreateForm())


@require_POST
@html_errors
def lookup_value_add(request: HttpRequest, code: str) -> HttpResponse:
    lookup_type = lookup_type_get(actor=request.actor, code=code)
    form = LookupValueCreateForm(request.POST)
    if form.is_valid():
        with FormSave(form, refusals_to_page=True) as save:
            value = lookup_value_create(
                actor=request.actor,
                lookup_type=lookup_type,
                code=form.cleaned_data["code"],
                meaning=form.cleaned_data["meaning"],
                position=form.cleaned_data["position"],
                tags=tags_from_text(form.cleaned_data["tags"]),
            )
        if save.ok:
            messages.success(request, _("Value “%s” added.") % value.meaning)
            if request.htmx:
                return _lookup_page(request, lookup_type, LookupValueCreateForm())
            return redirect("core:lookup_detail", code=lookup_type.code)
    return _lookup_page(request, lookup_type, form, status=200 if request.htmx else 422)


def _value_of(request: HttpRequest, code: str, pk: int) -> LookupValue:
    return lookup_value_get(actor=request.actor, pk=pk, type_code=code)


@html_errors
def lookup_value_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    require_privilege(request.actor, MANAGE_LOOKUPS)
    value = _value_of(request, code, pk)
    stale = None
    if request.method == "POST":
        form = LookupValueEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            with FormSave(form, stale=True) as save:
                lookup_value_update(
                    actor=request.actor,
                    value=value,
                    changes={
                        "meaning": data["meaning"],
                        "position": data["position"],
                        "tags": tags_from_text(data["tags"]),
                        "active": data["active"],
                    },
                    expected_version=data["version"],
                )
            if save.ok:
                messages.success(request, _("Value “%s” saved.") % value.meaning)
                return redirect("core:lookup_detail", code=code)
            stale = save.stale
    else:
        form = LookupValueEditForm(
            initial={
                "meaning": value.meaning,
                "position": value.position,
                "tags": ", ".join(value.tags),
                "active": value.active,
                "version": value.version,
            }
        )
    return render(
        request, "core/lookup_value_edit.html", {"value": value, "form": form, "stale": stale}
    )


@require_POST
@html_errors
def lookup_value_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    value = _value_of(request, code, pk)
    try:
        lookup_value_delete(actor=request.actor, value=value)
    except PermissionRefused:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Value “%s” deleted.") % value.meaning)
    return redirect("core:lookup_detail", code=code)
