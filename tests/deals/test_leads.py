"""Lead routing and passing (DEAL-1, DEAL-4, DEAL-8)."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from openprm.core import access
from openprm.core.errors import Conflict, NotFound
from openprm.customers.models import Account
from openprm.deals import services
from openprm.deals.models import Lead, LeadOffer
from openprm.deals.routing import candidates
from openprm.deals.services.leads import offers_time_out
from openprm.identity.models import User
from openprm.partners.models import PartnerProfile
from openprm.territories.models import AccountTerritory, Territory
from tests.factories import as_actor

pytestmark = pytest.mark.django_db
Outcome = LeadOffer.Outcome


@pytest.fixture
def lead(channel_manager: User, customer: Account) -> Lead:
    return services.lead_create(
        actor=as_actor(channel_manager), account_id=customer.pk, name="Acme wants Wi-Fi"
    )


def _rep(two_partners: dict[str, Any], org: str) -> Any:
    return as_actor(two_partners[f"{org}_rep"].user)


def _route(channel_manager: User, lead: Lead, partner: PartnerProfile | None = None) -> LeadOffer:
    lead.refresh_from_db()
    return services.lead_route(
        actor=as_actor(channel_manager),
        lead=lead,
        partner_id=partner.pk if partner else None,
        expected_version=lead.version,
    )


def test_deal_4_candidates_rank_territory_first_and_give_the_reason(
    two_partners: dict[str, Any], lead: Lead, customer: Account
) -> None:
    territory = Territory.objects.create(
        name="Contoso Texas",
        territory_type=Territory.Type.PARTNER,
        partner=two_partners["co"].account,
    )
    AccountTerritory.objects.create(account=customer, territory=territory)
    ranked = candidates(lead)
    assert [c.partner for c in ranked][:2] == [two_partners["co"], two_partners["nw"]]
    assert ranked[0].reason == "covers Contoso Texas; 0 of 10 leads in work"


def test_deal_4_accept_turns_the_lead_into_the_partners_opportunity(
    two_partners: dict[str, Any], lead: Lead, channel_manager: User
) -> None:
    offer = _route(channel_manager, lead, two_partners["nw"])
    assert offer.deadline > timezone.now() + dt.timedelta(hours=47)
    assert list(access.visible(Lead, _rep(two_partners, "nw"))) == [lead]
    assert not access.visible(Lead, _rep(two_partners, "co")).exists()
    accepted = services.lead_accept(actor=_rep(two_partners, "nw"), lead=lead)
    assert accepted.status == Lead.Status.CONVERTED
    assert accepted.opportunity.partner == two_partners["nw"]


def test_deal_4_decline_goes_to_the_next_candidate(
    two_partners: dict[str, Any], lead: Lead, channel_manager: User
) -> None:
    _route(channel_manager, lead, two_partners["nw"])
    following = services.lead_decline(
        actor=_rep(two_partners, "nw"), lead=lead, reason="Too far from us"
    )
    assert following is not None
    assert following.partner == two_partners["co"]
    with pytest.raises(NotFound):
        access.get_visible(Lead, _rep(two_partners, "nw"), lead.pk)


def test_deal_8_unanswered_offers_lapse_and_move_on_then_return(
    two_partners: dict[str, Any], lead: Lead, channel_manager: User
) -> None:
    _route(channel_manager, lead, two_partners["nw"])
    later = timezone.now() + dt.timedelta(hours=49)
    assert offers_time_out(later) == 1
    assert LeadOffer.objects.get(lead=lead, outcome=Outcome.OPEN).partner == two_partners["co"]
    assert offers_time_out(later + dt.timedelta(hours=49)) == 1
    lead.refresh_from_db()
    assert lead.status == Lead.Status.NEW
    assert not LeadOffer.objects.filter(lead=lead, outcome=Outcome.OPEN).exists()


def test_deal_4_accepting_after_the_deadline_is_refused(
    two_partners: dict[str, Any], lead: Lead, channel_manager: User
) -> None:
    offer = _route(channel_manager, lead, two_partners["nw"])
    LeadOffer.objects.filter(pk=offer.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(Conflict) as refused:
        services.lead_accept(actor=_rep(two_partners, "nw"), lead=lead)
    assert refused.value.code == "offer_expired"


def test_deal_4_a_partner_at_capacity_is_refused(
    two_partners: dict[str, Any], lead: Lead, channel_manager: User
) -> None:
    PartnerProfile.objects.filter(pk=two_partners["nw"].pk).update(lead_capacity=0)
    with pytest.raises(Conflict) as refused:
        _route(channel_manager, lead, PartnerProfile.objects.get(pk=two_partners["nw"].pk))
    assert refused.value.code == "partner_at_capacity"
    assert not LeadOffer.objects.exists()


def test_deal_8_a_passed_lead_keeps_its_referrer(
    two_partners: dict[str, Any], lead: Lead, channel_manager: User
) -> None:
    _route(channel_manager, lead, two_partners["nw"])
    services.lead_pass(actor=_rep(two_partners, "nw"), lead=lead)
    lead.refresh_from_db()
    accepted = services.lead_accept(actor=_rep(two_partners, "co"), lead=lead)
    assert accepted.referring_partner == two_partners["nw"]
    assert accepted.opportunity.referring_partner == two_partners["nw"]
    assert accepted.opportunity.partner == two_partners["co"]
    assert list(access.visible(Lead, _rep(two_partners, "nw"))) == [lead]


def test_deal_8_prg_7_a_pass_with_no_other_partner_free_leaves_the_lead_offered(
    two_partners: dict[str, Any], lead: Lead, channel_manager: User
) -> None:
    """The passing partner never chooses, nor learns, who receives the lead:
    routing picks the next partner; with none free, the offer stays open to
    the partner, and nobody is recorded as referrer."""
    offer = _route(channel_manager, lead, two_partners["nw"])
    PartnerProfile.objects.filter(pk=two_partners["co"].pk).update(lead_capacity=0)
    with pytest.raises(Conflict) as refused:
        services.lead_pass(actor=_rep(two_partners, "nw"), lead=lead)
    assert "Contoso" not in refused.value.message
    offer.refresh_from_db()
    lead.refresh_from_db()
    assert (offer.outcome, lead.referring_partner) == (Outcome.OPEN, None)


def test_deal_1_leads_may_be_on_prospects(
    channel_manager: User, two_partners: dict[str, Any]
) -> None:
    from openprm.core.options.models import ProfileOption
    from openprm.customers.services import account_create

    ProfileOption.objects.filter(code="ZCA_ENABLE_SELLTO_ADDR_CHECKBOX").update(value="No")
    prospect = account_create(actor=as_actor(channel_manager), data={"name": "Prospect Co"})
    lead = services.lead_create(
        actor=as_actor(channel_manager), account_id=prospect.pk, name="Maybe"
    )
    _route(channel_manager, lead, two_partners["nw"])
    accepted = services.lead_accept(actor=_rep(two_partners, "nw"), lead=lead)
    assert (accepted.status, accepted.opportunity) == (Lead.Status.ACCEPTED, None)
