"""The served WSGI handler (core.wsgi_handler): an API call with a token and
no session skips the pages' middleware and answers exactly as before, with
every security header (PLAT-1); a call with a session keeps the whole stack."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core import signals
from django.db import close_old_connections
from django.test import Client, RequestFactory

from openprm.core.wsgi_handler import OpenPRMHandler, is_token_api_call
from openprm.identity.models import User
from openprm.identity.services import token_create
from tests.factories import as_actor

PATH = "/api/v1/profile-options"
SECURITY_HEADERS = (
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
    "Content-Security-Policy",
)


@pytest.fixture
def served() -> Iterator[OpenPRMHandler]:
    """The handler gunicorn serves; the test's transaction stays open, as
    Django's own test client keeps it."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield OpenPRMHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _call(handler: OpenPRMHandler, **headers: str) -> tuple[int, dict[str, str], bytes]:
    environ = RequestFactory().get(PATH, headers=headers).environ
    answer: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]]) -> None:
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    body = b"".join(handler(environ, start_response))
    return answer["status"], answer["headers"], body


def _token(user: User) -> str:
    return token_create(actor=as_actor(user), name="served")[1]


def test_plat_1_a_token_call_answers_as_the_whole_stack_does(
    salesperson: User, served: OpenPRMHandler
) -> None:
    token = _token(salesperson)
    status, headers, body = _call(served, authorization=f"Bearer {token}")
    whole = Client(headers={"Authorization": f"Bearer {token}"}).get(PATH)
    assert (status, body) == (200, whole.content)
    for name in SECURITY_HEADERS:
        assert headers[name] == whole[name], name
    assert "Set-Cookie" not in headers
    assert set(headers) == set(whole.headers), set(headers) ^ set(whole.headers)


def test_plat_1_a_refused_token_is_a_401_problem_with_the_security_headers(
    db: Any, served: OpenPRMHandler
) -> None:
    status, headers, _body = _call(served, authorization="Bearer oprm_not-a-token")
    assert status == 401
    assert headers["Content-Type"].startswith("application/problem+json")
    assert all(name in headers for name in SECURITY_HEADERS)


def test_plat_1_a_call_with_a_session_still_signs_in_by_the_session(
    salesperson: User, served: OpenPRMHandler
) -> None:
    """A browser's session cookie keeps the whole stack, so a call whose
    token fails still authenticates by its session, as it always did."""
    browser = Client()
    browser.force_login(salesperson)
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    status, _headers, _body = _call(served, authorization="Bearer oprm_stale", cookie=cookie)
    assert status == 200


@pytest.mark.parametrize(
    ("path", "headers", "short"),
    [
        (PATH, {"HTTP_AUTHORIZATION": "Bearer x"}, True),
        (PATH, {"HTTP_AUTHORIZATION": "bearer x", "HTTP_COOKIE": "csrftoken=a"}, True),
        (PATH, {"HTTP_AUTHORIZATION": "Bearer x", "HTTP_COOKIE": "sessionid=a"}, False),
        (PATH, {}, False),
        ("/contacts/", {"HTTP_AUTHORIZATION": "Bearer x"}, False),
    ],
)
def test_plat_1_only_a_token_api_call_without_a_session_takes_the_short_stack(
    path: str, headers: dict[str, str], short: bool
) -> None:
    assert is_token_api_call({"PATH_INFO": path, **headers}) is short
