"""The setup checklist (PRG-9): one-time steps and each partner's steps,
computed from the data and never ticked; the partners whose setup is
incomplete, set-based, on the page, the partner's Setup tab, the channel
manager's home and the API."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openprm.core.errors import MissingPrivilege
from openprm.core.lookups.models import LookupValue
from openprm.identity.catalog import PARTNER_ADMINISTRATOR, SALESPERSON
from openprm.identity.models import User
from openprm.onboarding import selectors
from openprm.onboarding.checklist import checklist
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.services import partner_set_status
from openprm.programs.services import partnership_create, program_create, tier_create
from tests.factories import as_actor, make_user
from tests.partners.conftest import make_partner, make_portal_user

__all__ = ["make_partner", "make_portal_user"]

pytestmark = pytest.mark.django_db
STEPS = ["partnership", "organization", "user_access", "invitations", "first_sign_in"]
NEW = [step for step in STEPS if step != "organization"]
"""A new partner's missing steps: its primary contact is its partner administrator."""


def missing_of(actor: Any, partner: PartnerProfile) -> list[str]:
    found = selectors.partner_steps(actor=actor, pk=partner.pk)
    return [state.key for state in checklist(found) if not state.done]


def test_prg_9_one_time_steps_follow_the_programs_and_lookups(channel_manager: User) -> None:
    cam = as_actor(channel_manager)

    def steps() -> dict[str, bool]:
        return {step.key: step.done for step in selectors.one_time_steps(actor=cam)}

    assert steps() == {"program": False, "PARTNERSHIP_STATUS": True, "DEAL_REJECT_REASON": True}
    program = program_create(actor=cam, data={"code": "P", "name": "Partner Program"})
    assert steps()["program"] is False  # a program without a tier no partner can join
    tier_create(actor=cam, program=program, data={"name": "Registered"})
    assert steps()["program"] is True
    LookupValue.objects.filter(lookup_type__code="DEAL_REJECT_REASON").update(active=False)
    assert steps()["DEAL_REJECT_REASON"] is False


def test_prg_9_a_partners_steps_are_read_from_its_data(
    channel_manager: User,
    make_partner: Callable[..., PartnerProfile],
    make_portal_user: Callable[..., PartnerContact],
    client_for: Callable[[User], Client],
) -> None:
    cam = as_actor(channel_manager)
    partner = make_partner("Fabrikam")
    assert missing_of(cam, partner) == NEW

    program = program_create(actor=cam, data={"code": "P", "name": "Partner Program"})
    tier_create(actor=cam, program=program, data={"name": "Registered"})
    partnership_create(actor=cam, partner_id=partner.pk, program_id=program.pk)
    assert missing_of(cam, partner) == NEW[1:]

    primary = PartnerContact.objects.get(partner=partner, is_primary=True)
    admin = make_portal_user(partner, "fab-admin", PARTNER_ADMINISTRATOR, contact=primary)
    assert missing_of(cam, partner) == ["first_sign_in"]

    client_for(admin.user)  # signs in
    assert missing_of(cam, partner) == []

    partner_set_status(
        actor=cam, partner=partner, status="inactive", expected_version=partner.version
    )
    assert missing_of(cam, partner) == ["organization"]


def test_prg_9_the_setup_page_lists_the_incomplete_partners_in_a_few_queries(
    channel_manager: User,
    make_partner: Callable[..., PartnerProfile],
    make_portal_user: Callable[..., PartnerContact],
    client_for: Callable[[User], Client],
) -> None:
    partners = [make_partner(f"Partner {n}") for n in range(3)]
    done = partners[0]
    cam = as_actor(channel_manager)
    program = program_create(actor=cam, data={"code": "P", "name": "Partner Program"})
    tier_create(actor=cam, program=program, data={"name": "Registered"})
    partnership_create(actor=cam, partner_id=done.pk, program_id=program.pk)
    primary = PartnerContact.objects.get(partner=done, is_primary=True)
    client_for(make_portal_user(done, "p0-admin", PARTNER_ADMINISTRATOR, contact=primary).user)

    web = client_for(channel_manager)
    url = reverse("onboarding:setup")
    with CaptureQueriesContext(connection) as few:
        page = web.get(url).content.decode()
    for partner in partners[1:]:
        assert reverse("onboarding:partner_setup", args=[partner.pk]) in page
    assert reverse("onboarding:partner_setup", args=[done.pk]) not in page
    assert 'data-testid="missing-partnership"' in page
    assert 'data-testid="step-program" data-done="true"' in page

    for n in range(3, 9):
        make_partner(f"Partner {n}")
    with CaptureQueriesContext(connection) as more:
        web.get(url)
    assert len(more) == len(few)

    filtered = web.get(url + "?missing=partnership").content.decode()
    assert reverse("onboarding:partner_setup", args=[done.pk]) not in filtered
    seller = make_user(SALESPERSON, username="seller")
    assert client_for(seller).get(url).status_code == 403


def test_prg_9_the_partner_page_has_a_setup_tab_with_links_to_do_each_step(
    channel_manager: User,
    make_partner: Callable[..., PartnerProfile],
    client_for: Callable[[User], Client],
) -> None:
    partner = make_partner("Fabrikam")
    web = client_for(channel_manager)
    page = web.get(reverse("partners:partner_detail", args=[partner.pk])).content.decode()
    tab = reverse("onboarding:partner_setup", args=[partner.pk])
    assert tab in page
    page = web.get(tab).content.decode()
    assert 'data-testid="step-partnership" data-done="false"' in page
    assert "1 of 5 steps done" in page
    contacts = reverse("partners:partner_detail", args=[partner.pk]) + "?tab=contacts"
    assert f'href="{contacts}"' in page


def test_prg_9_the_channel_manager_home_shows_partners_not_set_up(
    channel_manager: User,
    make_partner: Callable[..., PartnerProfile],
    client_for: Callable[[User], Client],
) -> None:
    partner = make_partner("Fabrikam")
    response = client_for(channel_manager).get(reverse("home"))
    shown = next(b for b in response.context["blocks"] if b.name == "partners_not_set_up")
    assert [p.pk for p, _steps in shown.data["partners"]] == [partner.pk]
    assert shown.data["count"] == 1
    assert [s.key for s in shown.data["open_steps"]] == ["program"]
    page = response.content.decode()
    assert f'data-testid="not-set-up-{partner.pk}"' in page
    seller = make_user(SALESPERSON, username="seller")
    blocks = client_for(seller).get(reverse("home")).context["blocks"]
    assert "partners_not_set_up" not in [b.name for b in blocks]


def test_prg_9_the_api_lists_incomplete_partners_with_their_missing_steps(
    channel_manager: User,
    make_partner: Callable[..., PartnerProfile],
    make_portal_user: Callable[..., PartnerContact],
    api_client_for: Callable[[User], Client],
) -> None:
    partner = make_partner("Fabrikam")
    api = api_client_for(channel_manager)
    listed = api.get("/api/v1/partner-setup").json()
    assert listed["items"] == [
        {"id": partner.pk, "name": "Fabrikam", "status": "active", "missing": NEW}
    ]
    assert api.get("/api/v1/partner-setup?missing=first_sign_in").json()["count"] == 1
    assert api.get("/api/v1/partner-setup?missing=nothing").status_code == 422
    seller = make_user(SALESPERSON, username="seller")
    assert api_client_for(seller).get("/api/v1/partner-setup").status_code == 403
    portal = make_portal_user(partner, "fab-rep")
    assert api_client_for(portal.user).get("/api/v1/partner-setup").status_code == 403
    with pytest.raises(MissingPrivilege):
        selectors.incomplete_partners(actor=as_actor(seller))
