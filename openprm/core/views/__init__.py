"""Platform pages: the home redirect."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Internal users land on their workspace; partner users on the portal."""
    template = "portal/home.html" if request.user.is_partner_user else "core/home.html"
    return render(request, template)
