"""Ranking the partners a lead could go to (DEAL-4): territory match first,
then the partner's tier (higher first, read through `providers`: the
programs app adds it), then free capacity — each with the reason shown to
the channel manager.

A partner's load is its open offers plus the leads it accepted and still
works (accepted, not yet converted or disqualified); a partner whose load
reached its `lead_capacity` is not a candidate.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from openprm.deals.models import Lead, LeadOffer
from openprm.deals.providers import PartnerRank, partner_ranks
from openprm.partners.models import PartnerProfile
from openprm.territories.models import AccountTerritory, Territory


@dataclass(frozen=True)
class Candidate:
    partner: PartnerProfile
    territories: tuple[str, ...]
    load: int
    rank: PartnerRank | None = None

    @property
    def free(self) -> int:
        return self.partner.lead_capacity - self.load

    @property
    def reason(self) -> str:
        parts = []
        if self.territories:
            parts.append(_("covers %(names)s") % {"names": ", ".join(self.territories)})
        else:
            parts.append(_("no territory of the account"))
        if self.rank is not None:
            parts.append(_("tier %(tier)s") % {"tier": self.rank.label})
        parts.append(
            _("%(load)s of %(capacity)s leads in work")
            % {"load": self.load, "capacity": self.partner.lead_capacity}
        )
        return "; ".join(parts)


def partner_loads(partner_ids: Iterable[int]) -> dict[int, int]:
    """Open offers and accepted leads in work, per partner."""
    ids = list(partner_ids)
    offers = (
        LeadOffer.objects.filter(partner_id__in=ids, outcome=LeadOffer.Outcome.OPEN)
        .values("partner_id")
        .annotate(n=Count("pk"))
    )
    working = (
        Lead.objects.filter(partner_id__in=ids, status=Lead.Status.ACCEPTED)
        .values("partner_id")
        .annotate(n=Count("pk"))
    )
    loads = dict.fromkeys(ids, 0)
    for row in [*offers, *working]:
        loads[row["partner_id"]] += row["n"]
    return loads


@dataclass(frozen=True)
class Pool:
    """The active partners and their tiers, read once for a batch of leads:
    neither changes while a batch routes, and reading them per lead cost
    most of the routing time. Loads are read per lead (another worker fills
    partners meanwhile), and `offer` checks the capacity again under the
    partner's lock."""

    partners: tuple[PartnerProfile, ...]
    ranks: dict[int, PartnerRank]

    @classmethod
    def read(cls) -> "Pool":
        partners = tuple(
            PartnerProfile.objects.filter(status=PartnerProfile.Status.ACTIVE).select_related(
                "account"
            )
        )
        return cls(partners, partner_ranks([p.pk for p in partners]))


def candidates(
    lead: Lead, *, exclude: Collection[int] = (), pool: Pool | None = None
) -> list[Candidate]:
    """Active partners with free capacity, best first: those owning a
    partner territory of the lead's account, then by tier, then by free
    capacity."""
    pool = pool or Pool.read()
    partners = [p for p in pool.partners if p.pk not in exclude]
    covering: dict[int, list[str]] = {}
    for account_id, name in AccountTerritory.objects.filter(
        account_id=lead.account_id,
        territory__territory_type=Territory.Type.PARTNER,
        territory__active=True,
    ).values_list("territory__partner_id", "territory__name"):
        covering.setdefault(account_id, []).append(name)
    loads = partner_loads(p.pk for p in partners)
    found = [
        Candidate(
            p, tuple(sorted(covering.get(p.account_id, ()))), loads[p.pk], pool.ranks.get(p.pk)
        )
        for p in partners
    ]
    found = [c for c in found if c.free > 0]
    return sorted(
        found,
        key=lambda c: (
            not c.territories,
            -(c.rank.rank if c.rank else 0),
            -c.free,
            c.partner.account.name_search,
        ),
    )


def offered_before(lead: Lead) -> set[int]:
    return set(LeadOffer.objects.filter(lead=lead).values_list("partner_id", flat=True))


def open_offer(lead: Lead) -> LeadOffer | None:
    return LeadOffer.objects.filter(lead=lead, outcome=LeadOffer.Outcome.OPEN).first()


SHORTLIST = 10


def shortlist(lead: Lead) -> list[Candidate]:
    """The best partners a new lead could still go to, as the lead page and
    the API list them; none once it is routed."""
    if lead.status != Lead.Status.NEW:
        return []
    return candidates(lead, exclude=offered_before(lead))[:SHORTLIST]
