"""The search box's answers: the results as the user types (an HTMX
partial under the box) and the results page that Enter opens."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from openprm.core.global_search import MIN_TERM_LENGTH, search_everywhere, searchable
from openprm.core.views.pages import shared_page

SUGGESTED = 5
LISTED = 10


@shared_page
def search(request: HttpRequest) -> HttpResponse:
    """`?q=` over every source the actor may search (core.global_search),
    grouped by record type with counts and a link to each full list."""
    q = request.GET.get("q", "").strip()
    partial = bool(getattr(request, "htmx", False))
    groups = search_everywhere(actor=request.actor, q=q, limit=SUGGESTED if partial else LISTED)
    context = {
        "q": q,
        "groups": groups,
        "searched": searchable(q),
        "found": any(group.count for group in groups),
        "min_length": MIN_TERM_LENGTH,
    }
    template = "core/search_suggestions.html" if partial else "core/search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
