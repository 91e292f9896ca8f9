"""The search box (core.global_search): accounts, contacts and partners by
the start of their name, through the lists' own indexed searches and the
access module — as an HTMX partial while typing, as a results page on
Enter and as `GET /api/v1/search`."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.core import global_search
from openprm.core.counting import COUNT_CAP
from openprm.customers.models import Account
from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from tests.contacts.helpers import make_account, make_contact
from tests.factories import make_user
from tests.partners.conftest import make_partner, make_portal_user, two_partners

__all__ = ["make_partner", "make_portal_user", "two_partners"]

pytestmark = pytest.mark.django_db

API = "/api/v1/search"


def groups(response: Any) -> dict[str, dict[str, Any]]:
    assert response.status_code == 200, response.content
    return {group["name"]: group for group in response.json()["groups"]}


def titles(group: dict[str, Any]) -> list[str]:
    return [item["title"] for item in group["items"]]


@pytest.fixture
def world(
    two_partners: dict[str, Any], salesperson: User, channel_manager: User, admin_user: User
) -> dict[str, Any]:
    """Northwind and Contoso (partners, with their people); a salesperson's
    account and contact starting with "North" like the partner; another
    salesperson's account the first may not see."""
    other = make_user(SALESPERSON, username="other")
    mine = make_account(salesperson, "Northern Lights", city="Oslo", country="NO")
    theirs = make_account(other, "North Hidden")
    make_contact(salesperson, "Northcott", mine, first_name="Nina", job_title="Buyer")
    make_contact(other, "Northam", theirs, first_name="Hidden")
    return {**two_partners, "mine": mine, "theirs": theirs}


def test_the_sources_are_contributed_by_the_apps() -> None:
    names = {(source.area, source.name) for source in global_search.collected()}
    assert {
        ("internal", "accounts"),
        ("internal", "contacts"),
        ("internal", "partners"),
        ("portal", "organization"),
        ("portal", "people"),
    } <= names


def test_team_5_a_salesperson_finds_only_what_it_may_see(
    world: dict[str, Any], salesperson: User, api_client_for: Callable[[User], Client]
) -> None:
    """TEAM-5: lists, search and counts agree; another seller's account and
    its contact are not found, nor counted."""
    found = groups(api_client_for(salesperson).get(API, {"q": "north"}))
    assert list(found) == ["accounts", "contacts", "partners"]
    assert titles(found["accounts"]) == ["Northern Lights"]
    assert found["accounts"]["count"] == 1
    assert found["accounts"]["items"][0]["detail"] == "Customer · Oslo, Norway"
    assert titles(found["contacts"]) == ["Nina Northcott"]
    assert found["contacts"]["items"][0]["detail"] == "Buyer · Northern Lights"
    assert (found["partners"]["count"], found["partners"]["items"]) == (0, [])
    assert found["accounts"]["list_url"] == "/customers/accounts/?q=north"


def test_an_administrator_finds_every_type_with_counts(
    world: dict[str, Any], admin_user: User, api_client_for: Callable[[User], Client]
) -> None:
    """CUS-11: every type of account, partners' accounts included."""
    found = groups(api_client_for(admin_user).get(API, {"q": "North"}))
    assert titles(found["accounts"]) == ["North Hidden", "Northern Lights", "Northwind"]
    assert found["accounts"]["count"] == 3
    # the partner's administrator is a contact of the partner's account, as in the list
    assert titles(found["contacts"]) == ["Hidden Northam", "Nina Northcott", "Pat Northwind Admin"]
    assert titles(found["partners"]) == ["Northwind"]
    assert found["partners"]["items"][0]["url"] == reverse(
        "partners:partner_detail", args=[world["nw"].pk]
    )


@pytest.mark.parametrize("org", ["nw", "co"])
def test_prg_7_a_partner_user_finds_only_its_own_organization(
    world: dict[str, Any], org: str, api_client_for: Callable[[User], Client]
) -> None:
    """PRG-7: a partner user finds its own organization and its people, and
    nothing internal: no account, no contact, not the other partner, not
    even as a count."""
    client = api_client_for(world[f"{org}_rep"].user)
    own, other = ("Northwind", "Contoso") if org == "nw" else ("Contoso", "Northwind")
    for term in ("north", "contoso", "pat", "person"):
        found = groups(client.get(API, {"q": term}))
        assert list(found) == ["organization", "people"]
        shown = " ".join(titles(found["organization"]) + titles(found["people"]))
        assert other not in shown
        assert "Northern" not in shown
        assert "Northcott" not in shown
        assert found["organization"]["count"] <= 1
    own_term = own[:4].lower()
    found = groups(client.get(API, {"q": own_term}))
    assert titles(found["organization"]) == [own]
    assert found["organization"]["items"][0]["url"] == reverse("portal:organization")
    people = groups(client.get(API, {"q": "person"}))["people"]
    assert titles(people) == [f"{org.title()}-Rep Person"]
    assert people["count"] == 1
    admins = groups(client.get(API, {"q": "pat"}))["people"]
    assert titles(admins) == [f"Pat {own} Admin"]


def test_counts_stop_at_the_cap(
    salesperson: User, api_client_for: Callable[[User], Client]
) -> None:
    """A two-letter term may match a hundred thousand records: the count
    stops past COUNT_CAP and says so."""
    Account.objects.bulk_create(
        Account(name=f"Zeta {n:04d}", name_search=f"zeta {n:04d}", owner=salesperson)
        for n in range(COUNT_CAP + 5)
    )
    group = groups(api_client_for(salesperson).get(API, {"q": "ze", "limit": 3}))["accounts"]
    assert (group["count"], group["capped"], len(group["items"])) == (COUNT_CAP, True, 3)
    assert titles(group) == ["Zeta 0000", "Zeta 0001", "Zeta 0002"]


def test_con_8_a_term_needs_two_characters(
    world: dict[str, Any],
    salesperson: User,
    api_client_for: Callable[[User], Client],
    client_for: Callable[[User], Client],
) -> None:
    """CON-8: the API refuses a shorter term; the page asks for more."""
    response = api_client_for(salesperson).get(API, {"q": "n"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"
    page = client_for(salesperson).get(reverse("search"), {"q": "n"})
    assert page.context["groups"] == []
    assert "Type at least 2 characters" in page.content.decode()
    partial = client_for(salesperson).get(reverse("search"), {"q": "n"}, HTTP_HX_REQUEST="true")
    assert partial.content.decode().strip() == ""


def test_the_htmx_partial_lists_the_first_hits_under_the_box(
    world: dict[str, Any], salesperson: User, client_for: Callable[[User], Client]
) -> None:
    """Typing sends HX-Request: the answer is the dropdown's content alone,
    not a page, and says it varies on that header."""
    response = client_for(salesperson).get(
        reverse("search"), {"q": "north"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "<h1" not in html
    assert 'data-testid="suggestions-accounts"' in html
    assert "Northern Lights" in html
    assert "Nina Northcott" in html
    assert "North Hidden" not in html
    assert "Northam" not in html
    assert 'data-testid="all-results"' in html
    assert "HX-Request" in response["Vary"]
    nothing = client_for(salesperson).get(reverse("search"), {"q": "qqq"}, HTTP_HX_REQUEST="true")
    assert "Nothing matches" in nothing.content.decode()


def test_the_results_page_groups_by_record_type_with_counts_and_list_links(
    world: dict[str, Any], salesperson: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(salesperson).get(reverse("search"), {"q": "north"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="search-group-accounts"' in html
    assert 'data-testid="search-count-contacts">1<' in html
    assert 'href="/customers/accounts/?q=north"' in html
    assert 'href="/contacts/?q=north"' in html
    assert 'value="north"' in html
    assert "North Hidden" not in html


def test_prg_7_the_results_page_takes_the_portal_layout_for_partner_users(
    world: dict[str, Any], client_for: Callable[[User], Client]
) -> None:
    response = client_for(world["nw_admin"].user).get(reverse("search"), {"q": "north"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Partner Portal" in html
    assert 'data-testid="search-group-organization"' in html
    assert "Northern Lights" not in html
    assert "Contoso" not in html
