"""Platform pages: the home page of each kind of user."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openprm.core.home import blocks_for
from openprm.core.views.pages import shared_page


@shared_page
def home(request: HttpRequest) -> HttpResponse:
    """Internal users land on their workspace, partner users on the portal;
    both show the blocks the installed apps contribute for them (core.home)."""
    template = "portal/home.html" if request.actor.is_partner else "core/home.html"
    return render(request, template, {"blocks": blocks_for(actor=request.actor)})
