"""Saving the list as shown under a name, and removing a saved view. Both
answer with the list again: its `next`, the page the user was on (for a
save, with the filters just saved)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openprm.core.errors import ValidationFailed
from openprm.core.redirects import next_url
from openprm.core.savedviews.services import saved_view_create, saved_view_delete
from openprm.core.views.pages import shared_page
from openprm.core.views.web import html_errors


@shared_page
@html_errors
@require_POST
def saved_view_save(request: HttpRequest) -> HttpResponse:
    try:
        view = saved_view_create(
            actor=request.actor,
            list_name=request.POST.get("list_name", ""),
            name=request.POST.get("name", ""),
            query=request.POST.get("query", ""),
        )
    except ValidationFailed as error:
        for problems in error.field_errors.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return HttpResponseRedirect(next_url(request) or "/")


@shared_page
@html_errors
@require_POST
def saved_view_remove(request: HttpRequest, pk: int) -> HttpResponse:
    saved_view_delete(actor=request.actor, pk=pk)
    messages.success(request, _("The view is removed."))
    return HttpResponseRedirect(next_url(request) or "/")
