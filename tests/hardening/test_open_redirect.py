"""Every route that redirects to a `next` taken from the request stays on this
host: a crafted link or form must not bounce a signed-in user to another site
(an open redirect), whatever the spelling of the foreign target."""

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.test import Client

from openprm.catalog.services import product_create
from openprm.core.savedviews.services import saved_view_create
from openprm.identity.catalog import (
    CHANNEL_ACCOUNT_MANAGER,
    PARTNER_SALES_REPRESENTATIVE,
    SALES_ADMINISTRATOR,
    SALESPERSON,
)
from openprm.identity.models import Role, User
from openprm.partners.services import (
    partner_contact_promote_to_resource,
    partner_contact_promote_to_user,
    partner_create,
)
from tests.contacts.helpers import make_contact
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-Horse-42"
FOREIGN_TARGETS = [
    "//evil.example",
    "https://evil.example",
    "http://evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    " //evil.example",
]
PACKAGE = Path(__file__).resolve().parents[2] / "openprm"
# Sources that take a redirect target from the request: `next` fields and
# links in templates, Django's redirecting auth views, reads of `next` or of
# the Referer header in code.
NEXT_SOURCE = re.compile(
    r"""name=["']next["']|[?&]next=|\.get\(\s*["']next["']|\bnext_url\b|\bredirect_next\b"""
    r"|\bLoginView\b|\bLogoutView\b|RedirectURLMixin|HTTP_REFERER|\.headers\.get\(\s*['\"]referer",
    re.IGNORECASE,
)
HELPER = PACKAGE / "core" / "redirects.py"


def _sign_in_post(client: Client, user: User, target: str) -> HttpResponse:
    return client.post(
        "/account/sign-in/", {"username": user.username, "password": PASSWORD, "next": target}
    )


def _sign_in_get_while_signed_in(client: Client, user: User, target: str) -> HttpResponse:
    client.force_login(user)
    return client.get("/account/sign-in/", {"next": target})


def _sign_out(client: Client, user: User, target: str) -> HttpResponse:
    client.force_login(user)
    return client.post("/account/sign-out/", {"next": target})


def _sign_out_query(client: Client, user: User, target: str) -> HttpResponse:
    client.force_login(user)
    return client.post(f"/account/sign-out/?next={target}")


def _favorite(client: Client, user: User, target: str) -> HttpResponse:
    person = make_contact(user, "Star")
    client.force_login(user)
    return client.post(f"/contacts/{person.pk}/favorite/", {"favorite": "1", "next": target})


def _saved_view_save(client: Client, user: User, target: str) -> HttpResponse:
    client.force_login(user)
    return client.post(
        "/views/",
        {"list_name": "deals.leads", "name": "Mine", "query": "q=ab", "next": target},
    )


def _saved_view_remove(client: Client, user: User, target: str) -> HttpResponse:
    view = saved_view_create(
        actor=as_actor(user), list_name="deals.leads", name="Gone", query="q=ab"
    )
    client.force_login(user)
    return client.post(f"/views/{view.pk}/delete/", {"next": target})


def _cart_add_from_catalog(client: Client, user: User, target: str) -> HttpResponse:
    """A partner rep adds a product from the portal catalog and is sent back
    to the catalog page it came from (`user` is internal, so a rep is made)."""
    manager = as_actor(make_user(CHANNEL_ACCOUNT_MANAGER))
    partner = partner_create(
        actor=manager,
        data={"name": "Northwind"},
        primary_contact={"first_name": "Pat", "last_name": "Rep"},
        confirm_duplicates=True,
    )
    contact = partner.contacts.get()
    contact = partner_contact_promote_to_resource(
        actor=manager,
        contact=contact,
        role_id=Role.objects.get(code=PARTNER_SALES_REPRESENTATIVE).pk,
        expected_version=contact.version,
    )
    contact = partner_contact_promote_to_user(
        actor=manager,
        contact=contact,
        username="nw-rep",
        email="rep@northwind.example",
        expected_version=contact.version,
        base_url="http://testserver/",
    )
    phone = product_create(
        actor=as_actor(make_user(SALES_ADMINISTRATOR)),
        data={"code": "PHONE", "name": "Phone", "type": "device", "is_orderable": True},
    )
    client.force_login(contact.user)
    return client.post(
        "/portal/cart/lines/",
        {"product_id": phone.pk, "quantity": "1", "from": "catalog", "next": target},
    )


Route = Callable[[Client, User, str], HttpResponse]
# Each source file that reads `next` and the routes it serves. A new file
# reading `next` fails test_every_next_source_is_walked until listed here.
ROUTES: dict[str, list[Route]] = {
    "identity/templates/identity/login.html": [_sign_in_post, _sign_in_get_while_signed_in],
    "identity/views.py": [_sign_in_post, _sign_out, _sign_out_query],
    "contacts/templates/contacts/_favorite.html": [_favorite],
    "contacts/views.py": [_favorite],
    "core/savedviews/views.py": [_saved_view_save, _saved_view_remove],
    "carts/templates/carts/cells/add_to_cart.html": [_cart_add_from_catalog],
    "carts/views.py": [_cart_add_from_catalog],
}
ALL_ROUTES = sorted({r for routes in ROUTES.values() for r in routes}, key=lambda r: r.__name__)


def _stays_on_host(location: str) -> bool:
    parts = urlsplit(location.strip())
    return (
        parts.scheme in ("", "http", "https")
        and parts.netloc in ("", "testserver")
        and location.startswith("/")
        and not location.startswith(("//", "/\\"))
    )


def test_every_next_source_is_walked() -> None:
    found = {
        str(path.relative_to(PACKAGE))
        for path in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html")]
        if path != HELPER and NEXT_SOURCE.search(path.read_text(encoding="utf-8"))
    }
    assert found == set(ROUTES), "list each route that reads `next` in ROUTES"


@pytest.mark.parametrize("target", FOREIGN_TARGETS)
@pytest.mark.parametrize("route", ALL_ROUTES, ids=lambda r: r.__name__)
def test_a_foreign_next_redirects_on_this_host(route: Route, target: str) -> None:
    user = make_user(SALESPERSON, password=PASSWORD)
    response = route(Client(), user, target)
    assert response.status_code == 302
    assert _stays_on_host(response["Location"]), response["Location"]


@pytest.mark.parametrize("route", ALL_ROUTES, ids=lambda r: r.__name__)
def test_a_local_next_is_followed(route: Route) -> None:
    user = make_user(SALESPERSON, password=PASSWORD)
    response = route(Client(), user, "/contacts/?q=x")
    assert response.status_code == 302
    assert response["Location"] == "/contacts/?q=x"
