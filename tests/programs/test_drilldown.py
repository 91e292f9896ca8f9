"""A snapshot's figure lists the records it counted (PRG-11: the evaluation
says exactly why), on the channel team's page, the partner's portal and the
API; the listed records add up to the figure."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from openprm.deals.models import DealRegistration, Opportunity
from openprm.identity.models import User
from openprm.programs import services
from openprm.programs.drilldown import described, figure_lines
from openprm.programs.models import Partnership, Program, Snapshot
from openprm.programs.selectors import snapshot_counted
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Opportunity],
    register: Callable[..., DealRegistration],
    channel_manager: User,
) -> Snapshot:
    """Northwind won 60,000 and 50,000 this year and 70,000 two years ago
    (outside the window), has a deal it lost and one open registration;
    Gold also asks approved registrations and a manual score."""
    cam = as_actor(channel_manager)
    gold = program.tiers.get(name="Gold")
    services.requirement_set(
        actor=cam,
        tier=gold,
        data={"indicator": "approved_registrations", "threshold": "5", "window_months": 12},
    )
    services.requirement_set(
        actor=cam,
        tier=gold,
        data={"indicator": "manual_score", "threshold": "8", "window_months": 12},
    )
    win("nw", "60000")
    win("nw", "50000")
    win("nw", "70000", closed_at=timezone.now() - dt.timedelta(days=730))
    lost = win("nw", "40000")
    Opportunity.objects.filter(pk=lost.pk).update(stage="lost")
    register("nw", submit=True, amount="10000", title="Still waiting")
    nw = partnerships["nw"]
    services.manual_score_set(
        actor=cam, partnership=nw, score=Decimal("6.5"), reason="Joint events", expected_version=1
    )
    services.program_evaluate(actor=cam, program=program)
    return Partnership.objects.get(pk=nw.pk).last_snapshot


def test_prg_11_the_counted_records_add_up_to_every_figure_of_the_snapshot(
    evaluated: Snapshot, channel_manager: User
) -> None:
    cam = as_actor(channel_manager)
    figures = {}
    for line in figure_lines(evaluated):
        records = snapshot_counted(actor=cam, pk=evaluated.pk, figure=line.index)
        rows = described(line, records)
        assert sum(row.adds for row in rows) == line.value, line.code
        figures[line.code] = (line.value, len(rows))
    assert figures == {
        "closed_won_revenue": (Decimal("110000"), 2),
        "won_deals": (Decimal(2), 2),
        # every win went through an approved registration this year; the
        # one still waiting for approval does not count
        "approved_registrations": (Decimal(4), 4),
        "manual_score": (Decimal("6.5"), 1),
    }


def test_prg_11_the_channel_team_opens_the_records_behind_a_figure(
    evaluated: Snapshot, client_for: Callable[[User], Client], channel_manager: User
) -> None:
    client = client_for(channel_manager)
    revenue = next(line for line in figure_lines(evaluated) if line.code == "closed_won_revenue")
    page = client.get(f"/programs/evaluations/{evaluated.pk}/?figure={revenue.index}")
    assert page.status_code == 200
    text = page.content.decode()
    won = Opportunity.objects.filter(partner=evaluated.partnership.partner, stage="won")
    counted = [o for o in won if o.amount in (Decimal(60000), Decimal(50000))]
    assert all(f'data-testid="counted-{o.pk}"' in text for o in counted)
    old = won.get(amount=70000)
    assert f'data-testid="counted-{old.pk}"' not in text
    assert counted[0].get_absolute_url() in text
    tab = client.get(f"/programs/partners/{evaluated.partnership.partner_id}/").content.decode()
    assert f"/programs/evaluations/{evaluated.pk}/" in tab
    assert client.get(f"/programs/evaluations/{evaluated.pk}/?figure=99").status_code == 404


def test_prg_7_11_a_partner_drills_into_its_own_figures_only(
    evaluated: Snapshot, client_for: Callable[[User], Client], two_partners: dict[str, Any]
) -> None:
    own = client_for(two_partners["nw_rep"].user)
    program_page = own.get("/portal/program/").content.decode()
    assert f"/portal/program/evaluations/{evaluated.pk}/" in program_page
    page = own.get(f"/portal/program/evaluations/{evaluated.pk}/")
    assert page.status_code == 200
    assert "Closed-won revenue" in page.content.decode()
    # Internal record pages are not the partner's: no links to them.
    assert "/deals/opportunities/" not in page.content.decode()
    other = client_for(two_partners["co_rep"].user)
    assert other.get(f"/portal/program/evaluations/{evaluated.pk}/").status_code == 404
    assert other.get(f"/programs/evaluations/{evaluated.pk}/").status_code == 404
    assert own.get(f"/programs/evaluations/{evaluated.pk}/").status_code == 404


def test_prg_11_the_api_lists_the_counted_records_of_a_figure(
    evaluated: Snapshot,
    api_client_for: Callable[[User], Client],
    channel_manager: User,
    two_partners: dict[str, Any],
) -> None:
    lines = {line.code: line for line in figure_lines(evaluated)}
    url = f"/api/v1/snapshots/{evaluated.pk}/counted"
    answer = api_client_for(channel_manager).get(url, {"figure": lines["closed_won_revenue"].index})
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 2
    assert sum(Decimal(item["adds"]) for item in body["items"]) == Decimal(110000)
    own = api_client_for(two_partners["nw_admin"].user).get(
        url, {"figure": lines["approved_registrations"].index}
    )
    assert own.status_code == 200
    assert own.json()["count"] == 4
    assert api_client_for(two_partners["co_admin"].user).get(url).status_code == 404
    missing = api_client_for(channel_manager).get(url, {"figure": 42})
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("application/problem+json")
