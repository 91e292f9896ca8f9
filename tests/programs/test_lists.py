"""The channel team's lists of partnerships, tier evaluations and downgrade
reviews (PRG-3, PRG-5, PRG-11): filters, sorts, files, and partner users
kept out."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.deals.models import Opportunity
from openprm.identity.models import User
from openprm.programs import services
from openprm.programs.models import DowngradeReview, Partnership, Program
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Opportunity],
    channel_manager: User,
) -> dict[str, Partnership]:
    """Northwind moves up to Silver; Contoso, placed in Gold by hand, falls
    short of it once the override's grace is over (a review opens)."""
    cam = as_actor(channel_manager)
    win("nw", "60000")
    win("nw", "50000")
    co = partnerships["co"]
    Program.objects.filter(pk=program.pk).update(grace_days=0)
    program.refresh_from_db()
    services.tier_override(
        actor=cam,
        partnership=co,
        tier_id=program.tiers.get(name="Gold").pk,
        reason="Strategic partner",
        expected_version=co.version,
    )
    services.program_evaluate(actor=cam, program=program)
    return {org: Partnership.objects.get(pk=p.pk) for org, p in partnerships.items()}


def _rows(page: str, family: str) -> list[str]:
    return re.findall(rf'data-testid="{family}-(\d+)"', page)


def test_prg_3_the_partnerships_list_filters_by_program_tier_status_and_manager(
    evaluated: dict[str, Partnership],
    client_for: Callable[[User], Client],
    channel_manager: User,
    program: Program,
) -> None:
    client = client_for(channel_manager)
    nw, co = evaluated["nw"], evaluated["co"]
    page = client.get("/programs/partnerships/").content.decode()
    assert set(_rows(page, "partnership")) == {str(nw.pk), str(co.pk)}
    assert "Silver" in page
    assert "Gold" in page
    silver = program.tiers.get(name="Silver").pk
    narrowed = client.get("/programs/partnerships/", {"tier": silver}).content.decode()
    assert _rows(narrowed, "partnership") == [str(nw.pk)]
    assert _rows(
        client.get("/programs/partnerships/", {"program": program.pk}).content.decode(),
        "partnership",
    ) == [str(co.pk), str(nw.pk)]
    Partnership.objects.filter(pk=co.pk).update(status="SUSPENDED")
    suspended = client.get("/programs/partnerships/", {"status": "SUSPENDED"}).content.decode()
    assert _rows(suspended, "partnership") == [str(co.pk)]
    managed = client.get(
        "/programs/partnerships/", {"manager": channel_manager.pk}
    ).content.decode()
    assert set(_rows(managed, "partnership")) == {str(nw.pk), str(co.pk)}
    by_tier = client.get("/programs/partnerships/", {"sort": "-tier"}).content.decode()
    assert _rows(by_tier, "partnership") == [str(co.pk), str(nw.pk)]
    answer = client.get("/programs/partnerships/", {"export": "csv"})
    csv = b"".join(answer.streaming_content).decode()
    assert "Northwind" in csv
    assert "Contoso" in csv


def _options(page: str, name: str) -> dict[str, str]:
    """The options of the filter bar's `name` select, value to label."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"the filter bar offers {name} as a list to pick from"
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)))


def test_prg_3_5_11_the_filter_bars_offer_programs_tiers_and_managers_by_name(
    evaluated: dict[str, Partnership],
    client_for: Callable[[User], Client],
    channel_manager: User,
    program: Program,
) -> None:
    """The lists are the shared default page; a filter naming a record
    offers the records by name (nobody types an id), the one asked for
    stays chosen, and a partnership's status reads as a word, not a code."""
    client = client_for(channel_manager)
    silver = program.tiers.get(name="Silver")
    page = client.get("/programs/partnerships/", {"tier": silver.pk}).content.decode()
    assert _options(page, "program")[str(program.pk)] == program.name
    assert _options(page, "tier")[str(silver.pk)] == f"{program.name} · Silver"
    assert _options(page, "manager")[str(channel_manager.pk)] == channel_manager.display_name
    assert _options(page, "status")["ACTIVE"] == "Active"
    assert f'<option value="{silver.pk}" selected>' in page
    row = re.search(r'data-testid="partnership-\d+">(.*?)</tr>', page, re.S)
    assert row
    assert ">Active<" in row.group(1)
    assert ">ACTIVE<" not in row.group(1)
    for path in ("/programs/evaluations/", "/programs/reviews/"):
        listed = client.get(path).content.decode()
        assert _options(listed, "program")[str(program.pk)] == program.name
    outcome = _options(client.get("/programs/evaluations/").content.decode(), "errors")
    assert outcome["true"] == "Records not counted"
    states = _options(client.get("/programs/reviews/").content.decode(), "state")
    assert states["open"] == "Waiting for a decision"


def test_prg_5_11_evaluations_and_open_reviews_are_listed(
    evaluated: dict[str, Partnership],
    client_for: Callable[[User], Client],
    api_client_for: Callable[[User], Client],
    channel_manager: User,
) -> None:
    client = client_for(channel_manager)
    nw, co = evaluated["nw"], evaluated["co"]
    page = client.get("/programs/evaluations/").content.decode()
    assert str(nw.last_snapshot_id) in _rows(page, "snapshot")
    assert "Figures reach Silver" in page
    assert f"/programs/evaluations/{nw.last_snapshot_id}/" in page
    review = DowngradeReview.objects.get(partnership=co)
    open_page = client.get("/programs/reviews/", {"state": "open"}).content.decode()
    assert _rows(open_page, "review") == [str(review.pk)]
    assert "Waiting for a decision" in open_page
    assert (
        _rows(client.get("/programs/reviews/", {"state": "waived"}).content.decode(), "review")
        == []
    )
    api = api_client_for(channel_manager)
    listed = api.get("/api/v1/reviews", {"state": "open"}).json()
    assert [item["id"] for item in listed["items"]] == [review.pk]
    by_program = api.get("/api/v1/partnerships", {"manager": channel_manager.pk}).json()
    assert by_program["count"] == 2
    snapshots = {nw.last_snapshot_id, co.last_snapshot_id}
    counted = api.get("/api/v1/snapshots", {"errors": "false"}).json()["items"]
    assert {item["id"] for item in counted} >= snapshots
    assert api.get("/api/v1/snapshots", {"errors": "true"}).json()["items"] == []
    Opportunity.objects.filter(partner=nw.partner).update(currency="")
    services.program_evaluate(actor=as_actor(channel_manager), program=nw.program)
    broken = api.get("/api/v1/snapshots", {"errors": "true"}).json()["items"]
    assert [item["partnership_id"] for item in broken] == [nw.pk]
    assert "Not placed" in client.get("/programs/evaluations/", {"errors": "true"}).content.decode()


def test_prg_7_partner_users_get_404_on_the_internal_lists(
    evaluated: dict[str, Partnership],
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    channel_manager: User,
) -> None:
    partner = client_for(two_partners["nw_admin"].user)
    for url in ("/programs/partnerships/", "/programs/evaluations/", "/programs/reviews/"):
        assert partner.get(url).status_code == 404
    internal = client_for(channel_manager)
    menu = internal.get("/programs/").content.decode()
    for url in ("/programs/partnerships/", "/programs/evaluations/", "/programs/reviews/"):
        assert f'href="{url}"' in menu
    listed = internal.get("/programs/reviews/").content.decode()
    current = re.findall(r'href="([^"]+)" aria-current="page"', listed)
    assert current == ["/programs/reviews/"]
