"""What kind of page a view is, declared on the view itself.

Every page needs a signed-in user (Django's LoginRequiredMiddleware; public
pages opt out with `login_not_required`). Partner users reach only the pages
marked `portal_page`, or `shared_page` for the few both sides use (home,
profile, sign-out, export downloads); any other page answers them 404 as
if it did not exist (core.middleware.PortalBoundaryMiddleware), so a new
internal page is closed to partners without anyone remembering to close it.

`portal_only` lives here, not in the portal app, so a domain app adds its
portal pages without importing the portal (which imports no domain app).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse

from openprm.core.views.web import html_errors

AREA_ATTRIBUTE = "openprm_page_area"
PORTAL = "portal"
SHARED = "shared"
INTERNAL = "internal"
V = TypeVar("V", bound=Callable[..., Any])


def portal_page(view: V) -> V:
    """A page of the partner portal: partner users only (the view itself
    refuses internal users; `portal_only` does)."""
    setattr(view, AREA_ATTRIBUTE, PORTAL)
    return view


def shared_page(view: V) -> V:
    """A page internal and partner users both use; its content is scoped by
    the access policies like every other page."""
    setattr(view, AREA_ATTRIBUTE, SHARED)
    return view


def portal_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A portal page for signed-in partner users with a membership; anyone
    else gets 404. The membership is the actor's `partner_id`, which the
    partners app reads from the user's partner contact record (PRG-7)."""

    @portal_page
    @html_errors
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.actor.partner_id is None:
            raise Http404()
        return view(request, *args, **kwargs)

    return wrapper


def page_area(view: Callable[..., Any]) -> str:
    """Who a page is for, as its view declares: the portal's partner users
    (PORTAL), both sides (SHARED), or internal users only (INTERNAL, the
    default); the route matrix derives its rows from it."""
    return str(getattr(view, AREA_ATTRIBUTE, INTERNAL))


def is_portal_page(view: Callable[..., Any]) -> bool:
    """Whether partner users may reach the page at all."""
    return page_area(view) in (PORTAL, SHARED)


__all__ = ["login_not_required", "portal_only", "portal_page", "shared_page"]
