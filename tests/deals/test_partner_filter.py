"""The lists' `partner` filter in a partner user's hands (PRG-7, DEAL-9):
it matches only the organizations whose business the user sees, so a deal
its people only help on, or a lead it passed on, never answers to the id of
the partner selling it — that id answers like one nobody holds."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.core.testing.matrix.answers import csv_cells, xlsx_cells
from openprm.customers.models import Account
from openprm.deals import services
from openprm.deals.models import Lead, Opportunity
from openprm.identity.models import User
from openprm.partners.models import PartnerProfile
from tests.factories import as_actor

pytestmark = pytest.mark.django_db

UNUSED_ID = 987_654


def _page_rows(client: Client, url: str) -> set[int]:
    """The records the page lists, by id (the page echoes the filter's
    value in its links, so its HTML is compared by rows)."""
    html = client.get(url).content.decode()
    found = re.findall(
        r'data-testid="(?:lead|opportunity)-(\d+)"|/portal/registrations/(\d+)/"', html
    )
    return {int(a or b) for a, b in found}


def _answers(web: Client, api: Client, page: str, endpoint: str, partner: int) -> dict[str, Any]:
    """What the user gets for `?partner=<id>`: the page's rows, both files
    and the API's list."""
    query = f"?partner={partner}"
    response = api.get(f"{endpoint}{query}")
    assert response.status_code == 200, response.content
    return {
        "page": _page_rows(web, page + query),
        "csv": csv_cells(web.get(f"{page}{query}&export=csv")),
        "xlsx": xlsx_cells(web.get(f"{page}{query}&export=xlsx")),
        "api": response.json(),
    }


@pytest.fixture
def helped_deal(
    two_partners: dict[str, Any], registered: Opportunity, channel_manager: User
) -> Opportunity:
    """Northwind's deal with Contoso's representative on its team."""
    services.opportunity_team_add(
        actor=as_actor(channel_manager),
        opportunity=registered,
        resource_id=two_partners["co_rep"].resource.pk,
        access_level="view",
    )
    return registered


def test_deal_9_prg_7_a_partner_on_another_partners_deal_cannot_filter_by_that_partners_id(
    client_for: Callable[[User], Client],
    api_client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    helped_deal: Opportunity,
    own_deal: Opportunity,
) -> None:
    """Contoso's representative filters its opportunities by Northwind's
    real id and by an id nobody holds: the page, the CSV and Excel files and
    the API answer the same. Its own id still finds its own deal."""
    co_rep, northwind = two_partners["co_rep"], two_partners["nw"]
    Opportunity.objects.filter(pk=own_deal.pk).update(partner=two_partners["co"])
    web, api = client_for(co_rep.user), api_client_for(co_rep.user)
    page, endpoint = "/portal/opportunities/", "/api/v1/opportunities"
    assert helped_deal.pk in _page_rows(web, page)
    guessed = _answers(web, api, page, endpoint, northwind.pk)
    assert guessed == _answers(web, api, page, endpoint, UNUSED_ID)
    assert guessed["page"] == set()
    assert guessed["api"]["items"] == []
    own = _answers(web, api, page, endpoint, two_partners["co"].pk)
    assert own["page"] == {own_deal.pk}
    assert [o["id"] for o in own["api"]["items"]] == [own_deal.pk]
    assert [r[1] for r in own["csv"][1:]] == [own_deal.name]


def test_deal_9_prg_7_the_unfiltered_lists_never_give_the_other_partners_id_or_name(
    client_for: Callable[[User], Client],
    api_client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    helped_deal: Opportunity,
    passed_lead: Lead,
) -> None:
    """What the filter no longer tells, the lists' own answers do not
    either: the deal Contoso helps on and the lead Northwind passed on show
    no partner id in the API, and the files say "Another partner"."""
    northwind, contoso = two_partners["nw"], two_partners["co"]
    co_api = api_client_for(two_partners["co_rep"].user)
    deal = co_api.get(f"/api/v1/opportunities/{helped_deal.pk}").json()
    assert deal["partner_id"] is None
    listed = {o["id"]: o for o in co_api.get("/api/v1/opportunities").json()["items"]}
    assert listed[helped_deal.pk]["partner_id"] is None
    web = client_for(two_partners["co_rep"].user)
    cells = csv_cells(web.get("/portal/opportunities/?export=csv"))
    assert [row[-1] for row in cells[1:] if row[1] == helped_deal.name] == ["Another partner"]
    assert northwind.account.name not in str(cells)
    nw_api = api_client_for(two_partners["nw_rep"].user)
    lead = nw_api.get(f"/api/v1/leads/{passed_lead.pk}").json()
    assert (lead["partner_id"], lead["referring_partner_id"]) == (None, northwind.pk)
    files = client_for(two_partners["nw_rep"].user).get("/portal/leads/?export=csv")
    assert contoso.account.name not in str(csv_cells(files))
    assert "Another partner" in csv_cells(files)[1]
    taker = api_client_for(two_partners["co_rep"].user).get(f"/api/v1/leads/{passed_lead.pk}")
    assert taker.json()["partner_id"] == contoso.pk


@pytest.fixture
def passed_lead(two_partners: dict[str, Any], customer: Account, channel_manager: User) -> Lead:
    """A lead Northwind passed on and Contoso took: Northwind still sees it
    (its referrer), and must not learn who took it."""
    manager = as_actor(channel_manager)
    lead = services.lead_create(actor=manager, account_id=customer.pk, name="Acme passed on")
    services.lead_route(
        actor=manager, lead=lead, partner_id=two_partners["nw"].pk, expected_version=lead.version
    )
    services.lead_pass(actor=as_actor(two_partners["nw_rep"].user), lead=lead)
    lead.refresh_from_db()
    return services.lead_accept(actor=as_actor(two_partners["co_rep"].user), lead=lead)


def test_deal_8_prg_7_a_partner_cannot_learn_who_took_its_passed_lead_by_filtering(
    client_for: Callable[[User], Client],
    api_client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    customer: Account,
    channel_manager: User,
    passed_lead: Lead,
) -> None:
    nw_rep = two_partners["nw_rep"]
    manager = as_actor(channel_manager)
    kept = services.lead_create(actor=manager, account_id=customer.pk, name="Acme kept")
    services.lead_route(
        actor=manager, lead=kept, partner_id=two_partners["nw"].pk, expected_version=kept.version
    )
    kept.refresh_from_db()
    services.lead_accept(actor=as_actor(nw_rep.user), lead=kept)
    web, api = client_for(nw_rep.user), api_client_for(nw_rep.user)
    page, endpoint = "/portal/leads/", "/api/v1/leads"
    assert passed_lead.pk in _page_rows(web, page)
    guessed = _answers(web, api, page, endpoint, two_partners["co"].pk)
    assert guessed == _answers(web, api, page, endpoint, UNUSED_ID)
    assert guessed["api"]["items"] == []
    own = _answers(web, api, page, endpoint, two_partners["nw"].pk)
    assert [lead["name"] for lead in own["api"]["items"]] == ["Acme kept"]
    assert own["page"] == {kept.pk}


def test_prg_7_registrations_filtered_by_another_partners_id_answer_like_an_unused_id(
    client_for: Callable[[User], Client],
    api_client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    register: Callable[..., Any],
) -> None:
    register("co", submit=True)
    mine = register("nw")
    nw_rep = two_partners["nw_rep"]
    web, api = client_for(nw_rep.user), api_client_for(nw_rep.user)
    page, endpoint = "/portal/registrations/", "/api/v1/registrations"
    guessed = _answers(web, api, page, endpoint, two_partners["co"].pk)
    assert guessed == _answers(web, api, page, endpoint, UNUSED_ID)
    own = _answers(web, api, page, endpoint, two_partners["nw"].pk)
    assert [r["id"] for r in own["api"]["items"]] == [mine.pk]
    assert own["page"] == {mine.pk}


def test_deal_9_the_brand_owners_people_keep_the_partner_filter(
    api_client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    helped_deal: Opportunity,
    channel_manager: User,
) -> None:
    northwind: PartnerProfile = two_partners["nw"]
    found = api_client_for(channel_manager).get(f"/api/v1/opportunities?partner={northwind.pk}")
    assert [o["id"] for o in found.json()["items"]] == [helped_deal.pk]
