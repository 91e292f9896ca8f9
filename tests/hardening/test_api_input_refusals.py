"""Input the API used to crash on or silently ignore is refused with a 422
problem naming the parameter: ids beyond 64 bits, unknown query parameters,
unknown sorts, a phone search without digits."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.config.api import api
from openprm.contacts.models import SavedSearch
from openprm.core.apikit.problems import PROBLEM_CONTENT_TYPE
from openprm.core.apikit.types import MAX_ID
from openprm.core.customfields.models import CustomField
from openprm.customers.models import Account
from openprm.identity.models import User

pytestmark = pytest.mark.django_db

FORTY_DIGITS = "1234567890123456789012345678901234567890"


@pytest.fixture
def client(admin_user: User, api_client_for: Callable[[User], Client]) -> Client:
    return api_client_for(admin_user)


def _errors(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    errors: dict[str, list[str]] = {}
    for error in response.json()["errors"]:
        errors.setdefault(error["field"], []).append(error["message"])
    return errors


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/contacts?q=ab&account={FORTY_DIGITS}",
        f"/api/v1/contacts?q=ab&account={MAX_ID + 1}",
        f"/api/v1/contacts?saved_search={FORTY_DIGITS}",
        f"/api/v1/accounts?owner={FORTY_DIGITS}",
        f"/api/v1/accounts/{FORTY_DIGITS}",
    ],
)
def test_an_id_beyond_64_bits_is_a_422_naming_it(client: Client, url: str) -> None:
    name = "account_id" if "/accounts/" in url else url.rsplit("&", 1)[-1].split("?")[-1]
    assert name.split("=")[0] in _errors(client.get(url))


def test_a_version_beyond_64_bits_is_a_422_naming_it(client: Client, admin_user: User) -> None:
    account = Account.objects.create(name="Acme", owner=admin_user)
    response = client.patch(
        f"/api/v1/accounts/{account.pk}",
        {"version": int(FORTY_DIGITS), "name": "Renamed"},
        content_type="application/json",
    )
    assert "version" in _errors(response)


def _integer_inputs(schema: Any, components: dict[str, Any], seen: frozenset[str]) -> Any:
    if not isinstance(schema, dict):
        return
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in seen:
            yield from _integer_inputs(components[name], components, seen | {name})
        return
    if schema.get("type") == "integer":
        yield schema
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            yield from _integer_inputs(option, components, seen)
    for child in [*schema.get("properties", {}).values(), schema.get("items")]:
        yield from _integer_inputs(child, components, seen)


def test_every_integer_a_client_sends_is_bounded_to_64_bits() -> None:
    """The root of the overflow fix: every integer parameter and body field
    is declared with bounds (RecordId, Version, a Field), so a new unbounded
    `int` fails here before a client can crash the database driver with it."""
    document = api.get_openapi_schema(path_prefix="/api/v1/")
    components = document["components"]["schemas"]
    unbounded = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            inputs = [(p["name"], p.get("schema", {})) for p in operation.get("parameters", [])] + [
                ("body", content.get("schema", {}))
                for content in operation.get("requestBody", {}).get("content", {}).values()
            ]
            for name, schema in inputs:
                for integer in _integer_inputs(schema, components, frozenset()):
                    low, high = integer.get("minimum"), integer.get("maximum")
                    if low is None or high is None or low < -(2**63) or high > MAX_ID:
                        unbounded.append(f"{method.upper()} {path} {name}")
    assert unbounded == []


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/contacts?q=ab&acount=4",
        "/api/v1/accounts?no_such_filter=1",
        "/api/v1/me?verbose=true",
        "/api/v1/roles?page=1&colour=red",
    ],
)
def test_an_unknown_query_parameter_is_a_422_naming_it(client: Client, url: str) -> None:
    unknown = url.rsplit("&", 1)[-1].split("?")[-1].split("=")[0]
    errors = _errors(client.get(url))
    assert list(errors) == [unknown]
    assert "Unknown parameter" in errors[unknown][0]


def test_the_message_lists_what_the_operation_takes(client: Client) -> None:
    message = _errors(client.get("/api/v1/roles?colour=red"))["colour"][0]
    assert "page, page_size, with_count" in message


def test_declared_parameters_pagination_and_custom_filters_pass(client: Client) -> None:
    CustomField.objects.create(record_type="account", name="tier", label="Tier", field_type="text")
    for url in [
        "/api/v1/accounts?q=ab&sort=-name&page=1&page_size=10&with_count=false",
        "/api/v1/accounts?custom.tier=gold",
        "/api/v1/partners?custom.tier=gold",
        "/api/v1/contacts?q=ab&phone=%2B1%20415",
    ]:
        assert client.get(url).status_code == 200, url


def test_custom_filters_are_unknown_where_an_operation_has_none(client: Client) -> None:
    assert "custom.tier" in _errors(client.get("/api/v1/users?custom.tier=gold"))


@pytest.mark.parametrize("url", ["/api/v1/accounts", "/api/v1/contacts?q=ab", "/api/v1/partners"])
def test_an_unknown_sort_is_a_422_naming_sort(client: Client, url: str) -> None:
    separator = "&" if "?" in url else "?"
    assert "sort" in _errors(client.get(f"{url}{separator}sort=password"))


def test_the_sorts_are_listed_in_the_openapi_document() -> None:
    document = api.get_openapi_schema(path_prefix="/api/v1/")
    parameters = document["paths"]["/api/v1/accounts"]["get"]["parameters"]
    sort = next(p for p in parameters if p["name"] == "sort")
    assert {"name", "-name"} <= set(sort["schema"]["enum"])


@pytest.mark.parametrize("phone", ["abc", "--", "n/a"])
def test_a_phone_search_without_digits_is_a_422_naming_phone(client: Client, phone: str) -> None:
    """CON-8: it used to answer every contact, as if no phone had been asked."""
    assert "phone" in _errors(client.get("/api/v1/contacts", {"q": "ab", "phone": phone}))


def test_the_contact_page_says_a_phone_without_digits_was_ignored(
    admin_user: User, client_for: Callable[[User], Client]
) -> None:
    page = client_for(admin_user).get(reverse("contacts:contact_list"), {"phone": "abc"})
    assert page.status_code == 200
    assert "Some filter values were not valid" in page.content.decode()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/accounts?q=%00", "q"),
        ("/api/v1/contacts?q=ab&email=a%00b", "email"),
        ("/api/v1/households?q=%00", "q"),
        ("/api/v1/lookups/%00", "code"),
    ],
)
def test_a_nul_character_in_a_parameter_is_a_422_naming_it(
    client: Client, url: str, field: str
) -> None:
    """PostgreSQL cannot hold a NUL in a string: these answered 500 there."""
    assert _errors(client.get(url)) == {field: ["Null characters are not allowed."]}


def test_a_nul_character_in_a_body_is_a_422_naming_the_field(client: Client) -> None:
    response = client.post(
        "/api/v1/accounts", {"name": "Acme\u0000"}, content_type="application/json"
    )
    assert "name" in _errors(response)


def test_a_page_asked_with_a_nul_character_is_a_400_saying_so(
    admin_user: User, client_for: Callable[[User], Client]
) -> None:
    page = client_for(admin_user).get(reverse("customers:account_list"), {"q": "\x00"})
    assert page.status_code == 400
    assert "Null characters are not allowed." in page.content.decode()


def test_a_form_posted_with_a_nul_character_is_a_400_and_saves_nothing(
    admin_user: User, client_for: Callable[[User], Client]
) -> None:
    """The saved search stored its criteria unchecked in a JSON column, which
    PostgreSQL refuses with a NUL inside: a 500 there."""
    page = client_for(admin_user).post(
        reverse("contacts:saved_search_create"), {"name": "Mine", "q": "ab\x00"}
    )
    assert page.status_code == 400
    assert not SavedSearch.objects.filter(name="Mine").exists()
