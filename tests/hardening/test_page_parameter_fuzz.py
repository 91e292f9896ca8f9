"""The HTML pages, tried with hostile query strings and ids: absurd `page`
numbers, ids beyond 64 bits, bad dates, an unknown sort, NUL, huge text in
every filter a page's search form offers. A page may refuse (4xx) or show a
message, never answer a 500.

Pages are found from the URL configuration, so a new page is covered as soon
as it exists. An unknown sort shows the list in its default order with a
message saying so (README, "The API": the API answers 422 instead).
"""

from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse

from openprm.identity.models import User
from tests.hardening.test_api_parameter_fuzz import SWEEP_VALUES

pytestmark = pytest.mark.django_db

SKIPPED_NAMESPACES = {"api", "ninja"}
SKIPPED_NAMES = {"identity:logout"}  # a GET would end the test's session
EXTRA_VALUES = ["2026-02-30", "31/12/2026", "9999999999-01-01", "-name", "no_such_sort"]
ALWAYS_TRIED = ("page", "sort", "count", "q", "account", "field", "tab", "user_type")


def _url_names() -> Iterator[str]:
    resolver = get_resolver()
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        if namespace in SKIPPED_NAMESPACES:
            continue
        for key in sub.reverse_dict:
            if isinstance(key, str):
                yield f"{namespace}:{key}"


def _pages() -> tuple[list[str], list[str]]:
    """Pages without arguments (lists, forms) and pages of one record id."""
    plain, by_id = [], []
    for name in sorted(set(_url_names()) - SKIPPED_NAMES):
        try:
            plain.append(reverse(name))
            continue
        except NoReverseMatch:
            pass
        try:
            reverse(name, args=[1])
            by_id.append(name)
        except NoReverseMatch:
            pass
    return plain, by_id


PLAIN_PAGES, ID_PAGES = _pages()


class _GetFormFields(HTMLParser):
    """Names of the fields of a page's GET forms (its search and filters)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form":
            self._in_get_form = (values.get("method") or "get").lower() == "get"
        elif self._in_get_form and tag in ("input", "select", "textarea") and values.get("name"):
            self.names.add(str(values["name"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_get_form = False


@pytest.fixture
def admin_page(admin_user: User) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def _get(client: Client, url: str, pairs: list[tuple[str, str]]) -> int:
    with transaction.atomic():
        response = client.get(url, QUERY_STRING=urlencode(pairs))
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize("url", PLAIN_PAGES)
def test_no_filter_value_breaks_a_page(url: str, admin_page: Client) -> None:
    first = admin_page.get(url)
    assert first.status_code < 500, url
    parser = _GetFormFields()
    parser.feed(first.content.decode(errors="replace"))
    names = sorted((parser.names | set(ALWAYS_TRIED)) - {"export"})
    for name in names:
        for value in [*SWEEP_VALUES, *EXTRA_VALUES]:
            pairs = [("q", "ab"), (name, value)] if name != "q" else [(name, value)]
            status = _get(admin_page, url, pairs)
            assert status < 500, f"{url}?{urlencode(pairs)[:200]}: {status}"


@pytest.mark.parametrize("name", ID_PAGES)
def test_an_absurd_record_id_is_not_found(name: str, admin_page: Client) -> None:
    for value in (2**63 - 1, 2**63, 2**64, 10**40):
        url = reverse(name, args=[value])
        status = _get(admin_page, url, [])
        assert status < 500, f"{url}: {status}"


def test_an_unknown_sort_shows_the_default_order_with_a_message(admin_page: Client) -> None:
    response = admin_page.get(reverse("identity:user_list"), {"sort": "password"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be sorted by “password”" in page
    assert response.context["sort"] == "username"
