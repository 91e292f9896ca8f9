"""Profile options pages (PLAT-3): list and edit, version-checked (PLAT-6)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openprm.core.catalog import MANAGE_PROFILE_OPTIONS
from openprm.core.forms import ProfileOptionForm
from openprm.core.options.models import ProfileOption
from openprm.core.options.selectors import profile_option_get
from openprm.core.options.services import profile_option_update
from openprm.core.options.tables import OPTIONS
from openprm.core.privileges import require_privilege
from openprm.core.views.generic import RecordList
from openprm.core.views.web import FormSave, html_errors


class OptionList(RecordList):
    model = ProfileOption
    privilege = MANAGE_PROFILE_OPTIONS
    spec = OPTIONS
    template_name = "core/option_list.html"


@html_errors
def option_edit(request: HttpRequest, code: str) -> HttpResponse:
    require_privilege(request.actor, MANAGE_PROFILE_OPTIONS)
    option = profile_option_get(actor=request.actor, code=code)
    stale = None
    if request.method == "POST":
        form = ProfileOptionForm(request.POST, option=option)
        if form.is_valid():
            with FormSave(form, stale=True) as save:
                profile_option_update(
                    actor=request.actor,
                    option=option,
                    value=form.cleaned_data["value"],
                    expected_version=form.cleaned_data["version"],
                )
            if save.ok:
                messages.success(request, _("Profile option “%s” saved.") % option.code)
                return redirect("core:option_list")
            stale = save.stale
    else:
        form = ProfileOptionForm(
            initial={"value": option.value, "version": option.version}, option=option
        )
    return render(
        request, "core/option_edit.html", {"option": option, "form": form, "stale": stale}
    )
