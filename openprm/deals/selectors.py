"""Reading registrations and opportunities through the access scope."""

from typing import Any, NamedTuple

from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.deals import routing
from openprm.deals.conflicts import Candidate, conflict_counts, conflicts_of, with_records
from openprm.deals.models import (
    DealRegistration,
    Lead,
    LeadOffer,
    Opportunity,
    OpportunityLine,
    OpportunityTeamMember,
)
from openprm.deals.services.opportunity_edits import possible_owners
from openprm.identity.models import Resource


def registration_list(*, actor: Actor) -> QuerySet[DealRegistration]:
    return access.visible(DealRegistration, actor).select_related("partner__account", "account")


def registration_get(*, actor: Actor, pk: Any) -> DealRegistration:
    return access.get_visible(
        DealRegistration,
        actor,
        pk,
        registration_list(actor=actor).prefetch_related("lines__product"),
    )


def registration_for_change(*, actor: Actor, pk: Any) -> DealRegistration:
    """The registration an edit form's search belongs to: 404 unseen, 403
    when the actor may see it but not change it."""
    registration = registration_get(actor=actor, pk=pk)
    access.require(actor, "change", registration)
    return registration


def registration_conflicts(*, actor: Actor, registration: DealRegistration) -> list[Candidate]:
    """DEAL-7: what the registration conflicts with, for those who decide
    on it only; anyone else is refused before anything is read."""
    access.require(actor, "approve", registration)
    return with_records(conflicts_of(registration))


def with_conflict_counts(registrations: list[DealRegistration]) -> list[DealRegistration]:
    """DEAL-3: each pending registration of a page of them (already read
    through the scope) with its conflict count, `conflicts_counted`, read
    for the whole page in one statement."""
    pending = [r for r in registrations if r.state in DealRegistration.PENDING]
    counts = conflict_counts(pending)
    for registration in pending:
        registration.conflicts_counted = counts.get(registration.pk, 0)  # type: ignore[attr-defined]
    return registrations


def opportunity_list(*, actor: Actor) -> QuerySet[Opportunity]:
    return access.visible(Opportunity, actor).select_related("account", "partner__account")


def opportunity_get(*, actor: Actor, pk: Any) -> Opportunity:
    return access.get_visible(Opportunity, actor, pk, opportunity_list(actor=actor))


def portal_opportunity_list(*, actor: Actor) -> QuerySet[Opportunity]:
    """The partner user's opportunities, each `editable` when its own
    resource is on the team at Edit or Full (DEAL-9), and with
    `partner_shown`: the deal's partner when it is the user's organization
    (or a subsidiary it sees), else "Another partner" — a deal its people
    only help on never names the organization selling it (PRG-7)."""
    # One uncorrelated `IN`, read once per page from the user's few team
    # memberships, rather than a subquery for every row before the sort.
    editable = access.visible(Opportunity, actor, "change").values("pk")
    return opportunity_list(actor=actor).annotate(
        editable=Case(When(pk__in=editable, then=True), default=False),
        partner_shown=_partner_shown(actor),
    )


def _partner_shown(actor: Actor) -> Case:
    """The row's partner as a partner user may read it: its name when the
    user sees that organization's business, else "Another partner"."""
    return Case(
        When(partner__isnull=True, then=Value("")),
        When(access.partner_reach_q(actor), then=F("partner__account__name")),
        default=Value(str(_("Another partner"))),
    )


def opportunity_for_change(*, actor: Actor, pk: Any, action: str = "change") -> Opportunity:
    """The opportunity an edit page or a button opens: 404 unseen, 403 when
    the actor may see it but not take the action (DEAL-9), before any form
    is read."""
    opportunity = opportunity_get(actor=actor, pk=pk)
    access.require(actor, action, opportunity)
    return opportunity


def opportunity_line_get(*, opportunity: Opportunity, pk: int) -> OpportunityLine:
    """A line of an opportunity already read through the access scope."""
    return opportunity.lines.select_related("product").get(pk=pk)


def lead_list(*, actor: Actor) -> QuerySet[Lead]:
    return access.visible(Lead, actor).select_related("account", "partner__account")


def leads_with_deadline(*, actor: Actor) -> QuerySet[Lead]:
    """The leads with `open_deadline`, when their open offer lapses: any
    partner's for the brand owner's people, only its own organization's for
    a partner user (a lead it passed on waits for someone it is not told
    of, PRG-7)."""
    offers = LeadOffer.objects.filter(lead=OuterRef("pk"), outcome=LeadOffer.Outcome.OPEN)
    if not actor.is_internal:
        offers = offers.filter(partner_id=actor.partner_id)
    deadline = offers.values("deadline")[:1]
    return lead_list(actor=actor).annotate(open_deadline=Subquery(deadline))


def portal_lead_list(*, actor: Actor) -> QuerySet[Lead]:
    """The partner user's leads with `partner_shown`: a lead it passed on
    and another partner took never names the taker (DEAL-8, PRG-7)."""
    return leads_with_deadline(actor=actor).annotate(partner_shown=_partner_shown(actor))


def leads_offered(*, actor: Actor) -> QuerySet[Lead]:
    """The channel team's leads with `offered_to`, the partner an open
    offer waits on (DEAL-4): who has the lead now, before anyone took it."""
    offers = LeadOffer.objects.filter(lead=OuterRef("pk"), outcome=LeadOffer.Outcome.OPEN)
    offered_to = offers.values("partner__account__name")[:1]
    return leads_with_deadline(actor=actor).annotate(offered_to=Subquery(offered_to))


def lead_get(*, actor: Actor, pk: Any) -> Lead:
    return access.get_visible(Lead, actor, pk, leads_with_deadline(actor=actor))


def lead_candidates(*, actor: Actor, lead: Lead) -> list[routing.Candidate]:
    """DEAL-4: the partners a new lead could be routed to, best first, with
    their rank reasons, as the lead page shows them; for those who route
    leads only, refused before anything is read."""
    access.require(actor, "route", lead)
    return routing.shortlist(lead)


def lead_offers(*, actor: Actor, lead: Lead) -> QuerySet[LeadOffer]:
    return (
        access.visible(LeadOffer, actor)
        .filter(lead=lead)
        .select_related("partner__account", "passed_by__account")
    )


class Owner(NamedTuple):
    """Someone who may own a deal, as the Owner picker shows them."""

    pk: int
    name: str
    email: str


def owner_pick(*, q: str, limit: int) -> list[Owner]:
    """Possible owners whose first, last, full or sign-in name starts with
    `q`, by name: the Owner box searches however many people there are."""
    first, _space, rest = q.strip().partition(" ")
    named = (
        Q(first_name__istartswith=first, last_name__istartswith=rest.strip())
        if rest
        else (
            Q(first_name__istartswith=first)
            | Q(last_name__istartswith=first)
            | Q(username__istartswith=first)
        )
    )
    users = possible_owners().filter(named).order_by("first_name", "last_name", "username")[:limit]
    return [Owner(u.pk, u.display_name, u.email) for u in users]


def owner_label(pk: Any) -> str | None:
    """The owner's name the Owner box shows, when they may own a deal."""
    user = possible_owners().filter(pk=pk).first()
    return user.display_name if user else None


class Person(NamedTuple):
    """A resource the Sales team picker offers: its name, and for a partner's
    person the organization it works for."""

    pk: int
    name: str
    organization: str


def _team_candidates(opportunity: Opportunity) -> QuerySet[Resource]:
    """Active resources not yet on the deal's team: the brand owner's
    people and partner people."""
    return Resource.objects.filter(active=True).exclude(
        pk__in=opportunity.team.values("resource_id")
    )


def team_pick(*, opportunity: Opportunity, q: str, limit: int) -> list[Person]:
    """Candidates whose name, or a word of it, starts with `q`, by name:
    the Person box searches however many people there are."""
    text = q.strip()
    named = Q(name__istartswith=text) | Q(name__icontains=" " + text) if text else Q()
    rows = (
        _team_candidates(opportunity)
        .filter(named)
        .order_by("name")
        .values_list("pk", "name", "partner_contact__partner__account__name")[:limit]
    )
    return [Person(pk, name, partner or "") for pk, name, partner in rows]


def team_label(pk: Any) -> str | None:
    """The person's name the Person box shows back after a refused post."""
    return Resource.objects.filter(pk=pk, active=True).values_list("name", flat=True).first()


def team_seen(*, actor: Actor, opportunity: Opportunity) -> QuerySet[OpportunityTeamMember]:
    """The deal's team as the actor may see it: all of it for the brand
    owner's people; for a partner user the brand owner's people and those
    of the organizations whose business it sees (its own, its subsidiaries
    where allowed), never another partner's (PRG-7)."""
    team = opportunity.team.select_related("resource")
    if actor.partner_id is None:
        return team
    return team.filter(
        Q(resource__is_partner_resource=False)
        | access.partner_reach_q(actor, "resource__partner_contact__partner_id")
    )


def open_offers(*, actor: Actor) -> QuerySet[LeadOffer]:
    """The lead offers waiting for the actor's organization's answer."""
    return access.visible(LeadOffer, actor).filter(
        outcome=LeadOffer.Outcome.OPEN, deadline__gte=timezone.now()
    )
