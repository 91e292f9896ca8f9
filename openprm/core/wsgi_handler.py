"""The WSGI handler: pages take the whole middleware stack, an API call made
with a token and no session a shorter one.

Sessions, CSRF, messages, the signed-in actor, the sign-in and portal gates,
HTMX, login throttling and static files serve pages; the API authenticates
each call itself (identity.auth) and every gate above exempts it already.
A call that carries `Authorization: Bearer …` and no session cookie would
find an empty session and an anonymous user in them, so it skips them and
runs `OPENPRM_TOKEN_API_MIDDLEWARE` (settings), which keeps every security
header (HSTS, nosniff, CSP, Permissions-Policy, X-Frame-Options), the
language and the common URL rules. About a fifth of an API call's CPU went
to the skipped middleware (docs/performance.md). A call with a session
cookie, or without a token, takes the whole stack as before.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIHandler
from django.http.cookie import parse_cookie
from django.test.utils import override_settings


def is_token_api_call(environ: dict[str, Any]) -> bool:
    """An API path, a Bearer token, and no session cookie."""
    if not environ.get("PATH_INFO", "").startswith(settings.OPENPRM_API_PREFIX):
        return False
    if not environ.get("HTTP_AUTHORIZATION", "").lower().startswith("bearer "):
        return False
    cookies = environ.get("HTTP_COOKIE", "")
    return not cookies or settings.SESSION_COOKIE_NAME not in parse_cookie(cookies)


class TokenApiChain(BaseHandler):
    """A handler whose chain is the token API's (the test client's handler
    takes it too, so the API tests run the stack that serves them)."""

    def load_middleware(self, is_async: bool = False) -> None:
        """Django builds a chain from settings.MIDDLEWARE only; the token
        API's chain is built from its own list, once, at start-up."""
        with override_settings(MIDDLEWARE=settings.OPENPRM_TOKEN_API_MIDDLEWARE):
            super().load_middleware(is_async)


class _TokenApiHandler(TokenApiChain, WSGIHandler):
    pass


class OpenPRMHandler(WSGIHandler):
    def __init__(self) -> None:
        super().__init__()
        self.token_api = _TokenApiHandler()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        if is_token_api_call(environ):
            return self.token_api(environ, start_response)
        return super().__call__(environ, start_response)
