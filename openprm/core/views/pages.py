"""What kind of page a view is, declared on the view itself.

Every page needs a signed-in user (Django's LoginRequiredMiddleware; public
pages opt out with `login_not_required`). Partner users reach only the pages
marked `portal_page`, or `shared_page` for the few both sides use (home,
profile, sign-out, export downloads); any other page answers them 404 as
if it did not exist (core.middleware.PortalBoundaryMiddleware), so a new
internal page is closed to partners without anyone remembering to close it.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required

PORTAL_ATTRIBUTE = "openprm_portal_page"
V = TypeVar("V", bound=Callable[..., Any])


def portal_page(view: V) -> V:
    """A page of the partner portal (partner users only; the view itself
    refuses internal users where it must)."""
    setattr(view, PORTAL_ATTRIBUTE, True)
    return view


shared_page = portal_page
"""A page internal and partner users both use; its content is scoped by the
access policies like every other page."""


def is_portal_page(view: Callable[..., Any]) -> bool:
    return bool(getattr(view, PORTAL_ATTRIBUTE, False))


__all__ = ["login_not_required", "portal_page", "shared_page"]
