"""The programs pages: the ladder, the partner's Program tab, the portal's
Program page and the home blocks (PRG-3, PRG-4, PRG-7, PRG-8, PRG-11)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.deals.models import Opportunity
from openprm.identity.models import User
from openprm.programs.models import Partnership, Program

pytestmark = pytest.mark.django_db


def test_prg_4_the_program_page_shows_the_ladder_with_requirements(
    client_for: Callable[[User], Client], program: Program, channel_manager: User
) -> None:
    page = client_for(channel_manager).get(f"/programs/{program.pk}/").content.decode()
    assert 'data-testid="tier-gold"' in page
    assert "Closed-won revenue" in page
    assert "250,000" in page


def test_prg_4_a_falling_threshold_is_refused_on_the_page(
    client_for: Callable[[User], Client], program: Program, channel_manager: User
) -> None:
    gold = program.tiers.get(name="Gold")
    client = client_for(channel_manager)
    answer = client.post(
        f"/programs/tiers/{gold.pk}/requirements/",
        {"indicator": "won_deals", "threshold": "1", "window_months": "12"},
        follow=True,
    )
    assert "Gold must ask more won deals than Silver" in answer.content.decode()


def test_prg_3_11_the_program_tab_explains_and_evaluates(
    client_for: Callable[[User], Client],
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Opportunity],
    channel_manager: User,
    two_partners: dict[str, Any],
) -> None:
    win("nw", "60000")
    win("nw", "102000")
    client = client_for(channel_manager)
    nw = partnerships["nw"]
    answer = client.post(f"/programs/partnerships/{nw.pk}/evaluate/", follow=True)
    page = answer.content.decode()
    assert "1 moved up" in page
    assert "$88,000 more closed-won revenue and 2 more won deals to reach Gold" in page
    assert "Moved up" in page


def test_prg_5_an_upgrade_says_which_figures_reached_the_tier(
    client_for: Callable[[User], Client],
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Opportunity],
    channel_manager: User,
    two_partners: dict[str, Any],
) -> None:
    """PRG-5: the change is shown with the figures that caused it, to the
    channel team in the tier history and to the partner on its program page."""
    win("nw", "60000")
    win("nw", "102000")
    client_for(channel_manager).post(f"/programs/{program.pk}/evaluate/")
    why = (
        "Reached with $162,000 closed-won revenue (Silver needs $100,000) "
        "and 2 won deals (needs 2)."
    )
    internal = client_for(channel_manager).get(f"/programs/partners/{two_partners['nw'].pk}/")
    assert why in internal.content.decode()
    portal = client_for(two_partners["nw_rep"].user).get("/portal/program/").content.decode()
    assert "Moved up" in portal
    assert why in portal


def test_prg_7_8_the_partner_sees_its_program_page_and_home_progress(
    client_for: Callable[[User], Client],
    program: Program,
    partnerships: dict[str, Partnership],
    two_partners: dict[str, Any],
) -> None:
    client = client_for(two_partners["nw_rep"].user)
    page = client.get("/portal/program/").content.decode()
    assert "Your tier: Registered" in page
    assert "to reach Silver" in page
    assert 'data-testid="deal-stats"' in page
    home = client.get("/").content.decode()
    assert 'data-testid="home-tier_progress"' in home
    assert client.get(f"/programs/partners/{two_partners['nw'].pk}/").status_code == 404


def test_prg_11_the_channel_manager_home_lists_the_reviews_waiting(
    client_for: Callable[[User], Client],
    program: Program,
    partnerships: dict[str, Partnership],
    channel_manager: User,
) -> None:
    from openprm.programs import services
    from openprm.programs.models import DowngradeReview, TierChange
    from tests.factories import as_actor

    cam = as_actor(channel_manager)
    co = partnerships["co"]
    gold = program.tiers.get(name="Gold")
    co = services.tier_override(
        actor=cam, partnership=co, tier_id=gold.pk, reason="Pilot", expected_version=co.version
    )
    TierChange.objects.filter(partnership=co).update(changed_at=co.updated_at.replace(year=2000))
    services.program_evaluate(actor=cam, program=program)
    review = DowngradeReview.objects.get(partnership=co)
    home = client_for(channel_manager).get("/").content.decode()
    assert f'data-testid="watch-review-{review.pk}"' in home
    assert "fell short of Gold" in home
