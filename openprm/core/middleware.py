"""Request guards shared by every page.

A NUL character is no part of any name, code or search term, and PostgreSQL
cannot hold one in a string: a page reading `?q=%00` used to answer a 500
there, and a view reading the form data itself (a saved search's criteria)
stored it in a JSON column PostgreSQL refuses too. This refuses it in the
path, the query string and the form fields of every page, before any view
reads them. The API answers the same with a 422 problem naming the
parameter (core.apikit.parameters).
"""

from collections.abc import Callable

from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

API_PREFIX = "/api/"


class NullCharacterGuard:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX) and _holds_nul(request):
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
