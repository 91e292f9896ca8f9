"""Request gates every page passes: no NUL character, signed in, and
partner users kept in the portal (core.views.pages).

A NUL character is no part of any name, code or search term, and PostgreSQL
cannot hold one in a string: a page reading `?q=%00` used to answer a 500
there, and a view reading the form data itself (a saved search's criteria)
stored it in a JSON column PostgreSQL refuses too. `NullCharacterGuard`
refuses it in the path, the query string and the form fields of every page,
before any view reads them. The API answers the same with a 422 problem
naming the parameter (core.apikit.parameters).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.validators import ProhibitNullCharactersValidator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from openprm.core.views.pages import is_portal_page


def _api(request: HttpRequest) -> bool:
    return request.path_info.startswith(settings.OPENPRM_API_PREFIX)


class SignInRequiredMiddleware(LoginRequiredMiddleware):
    """Every page fails closed: without a session it redirects to sign-in.
    The API answers for itself (401 problem JSON), so it is left to its own
    authentication."""

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if _api(request):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class PortalBoundaryMiddleware:
    """A partner user asking for any page that is not a portal page gets 404
    (PRG-7): the internal application does not exist for it. The API is
    scoped record by record by the access policies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        actor = getattr(request, "actor", None)
        if actor is None or not actor.is_partner or _api(request):
            return None
        if is_portal_page(view_func) or getattr(view_func, "login_required", True) is False:
            return None
        raise Http404()


class NullCharacterGuard:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _api(request) and _holds_nul(request):
            return render(
                request,
                "400.html",
                {"message": ProhibitNullCharactersValidator.message},
                status=400,
            )
        return self.get_response(request)


def _holds_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path_info:
        return True
    fields = [*request.GET.lists(), *(request.POST.lists() if request.method == "POST" else [])]
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in fields)
