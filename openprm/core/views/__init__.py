"""Platform pages: the home redirect."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openprm.core.views.pages import shared_page


@shared_page
def home(request: HttpRequest) -> HttpResponse:
    """Internal users land on their workspace; partner users on the portal."""
    template = "portal/home.html" if request.actor.is_partner else "core/home.html"
    return render(request, template)
