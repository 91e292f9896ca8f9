"""The one place that turns a redirect target taken from a request (`next`)
into a URL. A target naming another host or scheme (`//evil.example`,
`https://evil.example`, `/\\evil.example`, `javascript:`) would make this site
an open redirect, so only paths on this host pass; anything else falls back
to a safe default."""

from typing import Any

from django.contrib.auth.views import RedirectURLMixin
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

NEXT_FIELD = "next"


def next_url(request: HttpRequest) -> str | None:
    """The request's `next` (POST first, then the query string) when it stays
    on this host, else None."""
    target = request.POST.get(NEXT_FIELD) or request.GET.get(NEXT_FIELD)
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def redirect_next(request: HttpRequest, default: str, *args: Any) -> HttpResponseRedirect:
    """Back to the request's `next` when it is safe, else to `default` (a URL
    name or path, resolved like `redirect()` does)."""
    return HttpResponseRedirect(next_url(request) or resolve_url(default, *args))


class SafeNextMixin(RedirectURLMixin):
    """Django's sign-in and sign-out views read `next` themselves; this makes
    them read it through `next_url` like every other view."""

    def get_redirect_url(self) -> str:
        return next_url(self.request) or ""
