"""Every parameter of every API operation, tried as a hostile client would:
numbers at and beyond 64 bits, negative, empty, repeated, unicode, NUL,
huge strings and names the operation does not have. No answer may be a
5xx; every 4xx is problem JSON; a parameter the operation does not declare
is a 422 naming it.

The operations come from the OpenAPI document, so a new endpoint is fuzzed
as soon as it exists. Examples are bounded and derandomized: the same
requests run every time, in a couple of seconds per hundred operations.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openprm.config.api import api
from openprm.core.apikit.problems import PROBLEM_CONTENT_TYPE
from openprm.identity.models import User

PREFIX = "/api/v1/"
UNKNOWN_PARAMETER = "no_such_parameter"
INT64_MAX = 2**63 - 1

BOUNDARY_NUMBERS = [
    INT64_MAX,
    INT64_MAX + 1,
    2**64,
    -(2**63),
    -(2**63) - 1,
    -1,
    0,
    1,
    1234567890123456789012345678901234567890,
]
ODD_TEXT = [
    "",
    " ",
    "1e3",
    "0x10",
    "1.5",
    "nan",
    "-inf",
    "true",
    "null",
    "[]",
    "{}",
    "١٢٣",  # Arabic-Indic digits
    "\uff11\uff12\uff13",  # fullwidth digits
    "\x00",
    "a\x00b",
    "ab",
    "+1 415",
    "🙂" * 3,
    "2026-02-30",
    "x" * 10_000,
]


SWEEP_VALUES = [
    str(INT64_MAX + 1),
    "1234567890123456789012345678901234567890",
    str(-(2**63) - 1),
    "-1",
    "0",
    "",
    "\x00",
    "١٢٣",
    "x" * 10_000,
]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    path_params: tuple[str, ...]
    query_params: tuple[tuple[str, dict[str, Any]], ...]
    body: str | None

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    def search_term(self) -> list[tuple[str, str]]:
        """A two-letter term for the first free-text parameter: lists that
        need a search term (CON-8) only read their other filters with one."""
        for name, schema in self.query_params:
            options = [schema, *schema.get("anyOf", [])]
            if any(o.get("type") == "string" and "enum" not in o for o in options):
                return [(name, "ab")]
        return []


def _operations() -> list[Operation]:
    document = api.get_openapi_schema(path_prefix=PREFIX)
    found = []
    for path, item in document["paths"].items():
        for method, spec in item.items():
            parameters = spec.get("parameters", [])
            content = spec.get("requestBody", {}).get("content", {})
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    path_params=tuple(p["name"] for p in parameters if p["in"] == "path"),
                    query_params=tuple(
                        (p["name"], p.get("schema", {})) for p in parameters if p["in"] == "query"
                    ),
                    body=next(iter(content), None),
                )
            )
    return found


OPERATIONS = _operations()


def plausible_values(schema: dict[str, Any]) -> list[str]:
    """Valid-looking values of a parameter (its choices, a search term, an
    id), so that fuzzing the other parameters reaches past validation, e.g.
    a contact search, which needs a term, with an absurd account id."""
    values = ["ab", "1"]
    for option in [schema, *schema.get("anyOf", [])]:
        values += [str(v) for v in option.get("enum", [])]
        if option.get("type") == "boolean":
            values += ["true", "false"]
    return values


def hostile_values() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(BOUNDARY_NUMBERS).map(str),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.sampled_from(ODD_TEXT),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
    )


def parameter_values(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(plausible_values(schema)), hostile_values())


def path_values() -> st.SearchStrategy[str]:
    """A path segment: anything but empty or a slash (those pick another route)."""
    return parameter_values({}).filter(lambda v: v != "" and "/" not in v)


Request = tuple[str, list[tuple[str, str]]]


@st.composite
def requests_for(draw: st.DrawFn, operation: Operation) -> Request:
    url = operation.path
    for name in operation.path_params:
        url = url.replace("{" + name + "}", quote(draw(path_values()), safe=""))
    pairs: list[tuple[str, str]] = []
    for name, schema in operation.query_params:
        for _ in range(draw(st.sampled_from([0, 0, 1, 1, 1, 2]))):
            pairs.append((name, draw(parameter_values(schema))))
    if draw(st.integers(0, 4)) == 0:
        pairs.append((UNKNOWN_PARAMETER, draw(hostile_values())))
    return url, draw(st.permutations(pairs))


@pytest.fixture
def admin_client(admin_user: User) -> Client:
    """Signed in by session: the parameters are under test, not the token
    (which costs a digest per request)."""
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def _send(client: Client, operation: Operation, url: str, query: str) -> Any:
    extra: dict[str, Any] = {"QUERY_STRING": query}
    if operation.body == "application/json":
        return client.generic(operation.method, url, "{}", "application/json", **extra)
    if operation.body:
        return client.generic(
            operation.method, url, b"", "multipart/form-data; boundary=x", **extra
        )
    return client.generic(operation.method, url, **extra)


def assert_problem(response: Any, url: str) -> dict[str, Any]:
    assert response.status_code < 500, f"{url}: {response.status_code}"
    if response.status_code < 400:
        return {}
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE, f"{url}: {response.status_code}"
    problem = response.json()
    assert isinstance(problem["code"], str), url
    assert problem["code"], url
    assert all(set(error) == {"field", "message"} for error in problem["errors"]), url
    return problem


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_each_parameter_answers_boundary_values_with_a_4xx_problem(
    operation: Operation, admin_client: Client
) -> None:
    """Every parameter on its own, with each value of SWEEP_VALUES (beyond
    64 bits, negative, empty, NUL, non-ASCII digits, huge), the others valid:
    the sweep that guarantees each parameter meets each boundary."""
    names = [("path", name) for name in operation.path_params]
    names += [("query", name) for name, _schema in operation.query_params]
    for where, name in names:
        for value in SWEEP_VALUES:
            url = operation.path
            for param in operation.path_params:
                segment = value if (where, param) == ("path", name) else "1"
                url = url.replace("{" + param + "}", quote(segment or "1", safe=""))
            pairs = [(n, v) for n, v in operation.search_term() if n != name]
            if where == "query":
                pairs.append((name, value))
            with transaction.atomic():
                response = _send(admin_client, operation, url, urlencode(pairs))
                transaction.set_rollback(True)
            assert_problem(response, f"{operation.method} {url}?{urlencode(pairs)[:300]}")


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_no_parameter_value_breaks_an_operation(operation: Operation, admin_client: Client) -> None:
    """Each request runs in a savepoint that is rolled back, so a request that
    did change something leaves nothing for the next one."""

    @settings(
        max_examples=15,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(request=requests_for(operation))
    def check(request: Request) -> None:
        url, pairs = request
        with transaction.atomic():
            response = _send(admin_client, operation, url, urlencode(pairs))
            transaction.set_rollback(True)
        assert_problem(response, f"{operation.method} {url}?{urlencode(pairs)[:300]}")
        if any(name == UNKNOWN_PARAMETER for name, _ in pairs):
            assert response.status_code == 422, (
                f"{url}: unknown parameter answered {response.status_code}"
            )

    check()
