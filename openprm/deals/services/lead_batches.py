"""Routing leads in a batch (DEAL-4): the channel manager's "route these"
on the leads page and `POST /leads/route` answer the same report of which
leads went to which partner, and why the others did not go.

Safe with several workers routing at once: each lead is offered in its own
transaction, a lead another worker offered meanwhile is reported as no
longer new (one open offer per lead), and a partner filled meanwhile is
passed over (its capacity is checked under its lock). On SQLite the batch
pauses about once a second so that other writers, a form being saved, get
the database's write lock in between (core.write_pauses).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict
from openprm.core.privileges import require_privilege
from openprm.core.write_pauses import paused_for_writers
from openprm.deals.errors import DealErrorCode, LeadNotRoutedReason
from openprm.deals.models import Lead, LeadOffer
from openprm.deals.routing import Pool, candidates, offered_before
from openprm.deals.services.leads import offer
from openprm.partners.catalog import MANAGE_PARTNERS


@dataclass(frozen=True)
class LeadRouted:
    lead_id: int
    partner_id: int
    partner_name: str
    reason: str


@dataclass(frozen=True)
class LeadNotRouted:
    """`reason` is a stable code: `not_found` (no lead the caller sees has
    this id), `lead_state` (not a new lead, or offered meanwhile),
    `partner_at_capacity` (no candidate can take it now)."""

    lead_id: int
    reason: LeadNotRoutedReason
    detail: str


@dataclass
class RoutingReport:
    routed: list[LeadRouted] = field(default_factory=list)
    not_routed: list[LeadNotRouted] = field(default_factory=list)


def _offer_to_best(actor: Actor, lead: Lead, pool: Pool) -> LeadOffer | LeadNotRouted:
    with transaction.atomic():
        if not Lead.objects.filter(pk=lead.pk, status=Lead.Status.NEW).exists():
            return LeadNotRouted(
                lead.pk, LeadNotRoutedReason.LEAD_STATE, _("Only a new lead can be routed.")
            )
        for candidate in candidates(lead, exclude=offered_before(lead), pool=pool):
            try:
                return offer(actor, lead, candidate.partner, reason=candidate.reason)
            except Conflict as refused:
                if refused.code == DealErrorCode.LEAD_STATE:
                    return LeadNotRouted(lead.pk, LeadNotRoutedReason.LEAD_STATE, refused.message)
    return LeadNotRouted(
        lead.pk, LeadNotRoutedReason.PARTNER_AT_CAPACITY, _("No partner can take this lead now.")
    )


def leads_route_batch(*, actor: Actor, lead_ids: Sequence[int]) -> RoutingReport:
    """Offer each lead to its best candidate, in id order; an id named
    twice is routed once. The API takes 1 to 500 at a time; the scheduled
    and benchmark batches more."""
    require_privilege(actor, MANAGE_PARTNERS)
    wanted = sorted(set(lead_ids))
    seen = access.visible(Lead, actor).filter(pk__in=wanted).select_related("account")
    leads = {lead.pk: lead for lead in seen}
    pool = Pool.read()
    report = RoutingReport()
    for pk in paused_for_writers(wanted):
        lead = leads.get(pk)
        if lead is None:
            unseen = _("No lead you can see has this id.")
            report.not_routed.append(LeadNotRouted(pk, LeadNotRoutedReason.NOT_FOUND, unseen))
            continue
        outcome = _offer_to_best(actor, lead, pool)
        if isinstance(outcome, LeadNotRouted):
            report.not_routed.append(outcome)
        else:
            partner = outcome.partner
            report.routed.append(LeadRouted(pk, partner.pk, partner.account.name, outcome.reason))
    return report
