"""The request's actor, built once from the session user (the API's token
check builds its own, identity.auth). A partner user whose organization's
portal was switched off is signed out (identity.sign_in), and the request
goes on as nobody's. An API call with a token and no session starts anonymous
until its token is read (core.wsgi_handler)."""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse

from openprm.core.actor import ANONYMOUS
from openprm.identity.actors import actor_for
from openprm.identity.sign_in import end_refused_session


class ActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        actor = actor_for(request.user)
        if end_refused_session(request, actor):
            actor = ANONYMOUS
        request.actor = actor  # type: ignore[attr-defined]
        return self.get_response(request)


class AnonymousActorMiddleware:
    """What the session middlewares leave on a request with no session: an
    anonymous user and actor, which the token check replaces."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.user = AnonymousUser()
        request.actor = actor_for(None)  # type: ignore[attr-defined]
        return self.get_response(request)
