"""A refused request is one line on the console — method, path, status and
the user's id — never a traceback: refusals are the access rules working
(PLAT-2, TEAM-5), and tracebacks must stay rare enough to be read."""

import logging
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from openprm.identity.models import User

pytestmark = pytest.mark.django_db


def request_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "django.request"]


def test_plat_2_a_refused_page_logs_one_line_without_a_traceback(
    caplog: pytest.LogCaptureFixture,
    salesperson: User,
    client_for: Callable[[User], Client],
) -> None:
    """PLAT-2: a page refused for a missing privilege (403)."""
    path = reverse("core:option_list")
    with caplog.at_level(logging.WARNING):
        response = client_for(salesperson).get(path)
    assert response.status_code == 403
    [record] = request_lines(caplog)
    assert record.getMessage() == f"GET {path} 403 user={salesperson.pk}"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_team_5_a_record_not_found_logs_one_line(
    caplog: pytest.LogCaptureFixture,
    salesperson: User,
    client_for: Callable[[User], Client],
) -> None:
    """TEAM-5: a record the user may not see answers 404, logged as one line
    with the query string."""
    path = reverse("customers:account_detail", args=[987654]) + "?tab=team"
    with caplog.at_level(logging.WARNING):
        assert client_for(salesperson).get(path).status_code == 404
    [record] = request_lines(caplog)
    assert record.getMessage() == f"GET {path} 404 user={salesperson.pk}"
    assert "Traceback" not in caplog.text


def test_an_api_refusal_names_the_token_user(
    caplog: pytest.LogCaptureFixture,
    salesperson: User,
    api_client_for: Callable[[User], Client],
) -> None:
    """The API's actor comes from the token, not the session."""
    with caplog.at_level(logging.WARNING):
        assert api_client_for(salesperson).get("/api/v1/users").status_code == 403
    [record] = request_lines(caplog)
    assert record.getMessage() == f"GET /api/v1/users 403 user={salesperson.pk}"


def test_a_signed_out_refusal_has_no_user(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert Client().get("/api/v1/me").status_code == 401
    [record] = request_lines(caplog)
    assert record.getMessage() == "GET /api/v1/me 401 user=-"


def test_a_server_error_keeps_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    """Only refusals are shortened: a 5xx record is left as Django wrote it."""
    from openprm.core.request_log import RefusedRequestLine

    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x",), None
    )
    record.status_code = 500
    record.request = object()
    assert RefusedRequestLine().filter(record)
    assert record.getMessage() == "Internal Server Error: /x"
