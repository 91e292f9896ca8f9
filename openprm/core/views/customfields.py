"""Custom field pages (PLAT-7): definitions grouped by record type, where each
type also lists the fields it inherits from the types above it."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openprm.core.catalog import MANAGE_CUSTOM_FIELDS
from openprm.core.customfields.models import CustomField
from openprm.core.customfields.registry import lineage, record_type_get, record_types
from openprm.core.customfields.selectors import custom_field_get
from openprm.core.customfields.services import (
    custom_field_create,
    custom_field_delete,
    custom_field_update,
)
from openprm.core.customfields.tables import CUSTOM_FIELDS
from openprm.core.errors import DomainError, PermissionRefused
from openprm.core.forms import CustomFieldCreateForm, CustomFieldEditForm
from openprm.core.lookups.selectors import lookup_type_list
from openprm.core.privileges import require_privilege
from openprm.core.views.generic import Page
from openprm.core.views.web import FormSave, html_errors


def _grouped(fields: list[CustomField]) -> list[dict[str, Any]]:
    groups = []
    for record_type in record_types():
        chain = lineage(record_type.code)
        applying = [f for f in fields if f.record_type in chain]
        applying.sort(key=lambda f: (-chain.index(f.record_type), f.position, f.name))
        groups.append(
            {
                "record_type": record_type,
                "fields": [
                    {
                        "field": f,
                        "inherited_from": (
                            record_type_get(f.record_type).label
                            if f.record_type != record_type.code
                            else None
                        ),
                    }
                    for f in applying
                ],
            }
        )
    return groups


class CustomFieldList(Page):
    """PLAT-7: every record type with the fields that apply to it."""

    model = CustomField
    privilege = MANAGE_CUSTOM_FIELDS
    template_name = "core/custom_field_list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        fields = list(CUSTOM_FIELDS.rows(actor=self.actor, query=request.GET))
        return render(request, self.template_name, {"groups": _grouped(fields)})


@html_errors
def custom_field_create_view(request: HttpRequest) -> HttpResponse:
    require_privilege(request.actor, MANAGE_CUSTOM_FIELDS)
    lookup_types = lookup_type_list(actor=request.actor)
    if request.method == "POST":
        form = CustomFieldCreateForm(request.POST, lookup_types=lookup_types)
        if form.is_valid():
            with FormSave(form) as save:
                field = custom_field_create(actor=request.actor, **form.cleaned_data)
            if save.ok:
                messages.success(request, _("Custom field “%s” created.") % field.label)
                return redirect("core:custom_field_list")
    else:
        form = CustomFieldCreateForm(
            initial={"record_type": request.GET.get("record_type", "")}, lookup_types=lookup_types
        )
    return render(request, "core/custom_field_form.html", {"form": form, "field": None})


def _field_of(request: HttpRequest, pk: int) -> CustomField:
    return custom_field_get(actor=request.actor, pk=pk)


@html_errors
def custom_field_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_privilege(request.actor, MANAGE_CUSTOM_FIELDS)
    field = _field_of(request, pk)
    stale = None
    if request.method == "POST":
        form = CustomFieldEditForm(request.POST)
        if form.is_valid():
            changes = {k: form.cleaned_data[k] for k in ("label", "required", "position")}
            with FormSave(form, stale=True) as save:
                custom_field_update(
                    actor=request.actor,
                    field=field,
                    changes=changes,
                    expected_version=form.cleaned_data["version"],
                )
            if save.ok:
                messages.success(request, _("Custom field “%s” saved.") % field.label)
                return redirect("core:custom_field_list")
            stale = save.stale
    else:
        form = CustomFieldEditForm(
            initial={
                "label": field.label,
                "required": field.required,
                "position": field.position,
                "version": field.version,
            }
        )
    return render(
        request, "core/custom_field_form.html", {"form": form, "field": field, "stale": stale}
    )


@require_POST
@html_errors
def custom_field_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    field = _field_of(request, pk)
    try:
        custom_field_delete(actor=request.actor, field=field)
    except PermissionRefused:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Custom field “%s” deleted.") % field.label)
    return redirect("core:custom_field_list")
