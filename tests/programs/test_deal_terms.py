"""The partner's tier in the deals app, through the readers deals declares
(DEAL-6 protection terms, DEAL-4 lead routing)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from openprm.core.errors import Conflict
from openprm.customers.models import Account
from openprm.deals import services as deals
from openprm.deals.models import DealRegistration
from openprm.deals.routing import candidates
from openprm.identity.models import User
from openprm.programs import services
from openprm.programs.models import Partnership, Program
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def _to_gold(program: Program, partnership: Partnership, channel_manager: User) -> None:
    services.tier_override(
        actor=as_actor(channel_manager),
        partnership=partnership,
        tier_id=program.tiers.get(name="Gold").pk,
        reason="Strategic partner",
        expected_version=partnership.version,
    )


def test_deal_6_protection_days_and_extensions_come_from_the_partners_tier(
    program: Program,
    partnerships: dict[str, Partnership],
    register: Callable[..., DealRegistration],
    channel_manager: User,
    customer: Account,
) -> None:
    """Gold protects 180 days with two extensions of 30; Registered keeps
    the defaults (90 days, one extension)."""
    _to_gold(program, partnerships["nw"], channel_manager)
    cam = as_actor(channel_manager)
    approved = {}
    for org in ("nw", "co"):
        registration = register(org, submit=True, title=f"{org} deal")
        approved[org] = deals.registration_approve(
            actor=cam,
            registration=registration,
            expected_version=registration.version,
            account_id=customer.pk,
            conflict_note="Both partners work this customer",
        )
    today = timezone.localdate()
    assert approved["nw"].protection_ends == today + dt.timedelta(days=180)
    assert approved["co"].protection_ends == today + dt.timedelta(days=90)
    gold = approved["nw"]
    for _ in range(2):
        gold = deals.registration_extend(
            actor=cam, registration=gold, expected_version=gold.version
        )
    assert gold.protection_ends == today + dt.timedelta(days=240)
    with pytest.raises(Conflict):
        deals.registration_extend(actor=cam, registration=gold, expected_version=gold.version)


def test_deal_4_higher_tiers_are_offered_leads_first_and_the_reason_names_the_tier(
    program: Program,
    partnerships: dict[str, Partnership],
    two_partners: dict[str, Any],
    channel_manager: User,
    customer: Account,
) -> None:
    _to_gold(program, partnerships["co"], channel_manager)
    lead = deals.lead_create(actor=as_actor(channel_manager), account_id=customer.pk, name="Wi-Fi")
    ranked = candidates(lead)
    assert [c.partner for c in ranked][:2] == [two_partners["co"], two_partners["nw"]]
    assert ranked[0].reason == "no territory of the account; tier Gold; 0 of 10 leads in work"
