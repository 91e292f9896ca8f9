"""What the programs app tells deals (DEAL-6, DEAL-4): the protection terms
of the partner's tier and its rank for lead routing, through the readers
deals declares (`openprm.deals.providers`); and the catalog (ORD-1) the
partner's tier, whose price list its users buy at
(`openprm.catalog.providers`)."""

from collections.abc import Collection, Mapping, Sequence

from openprm.catalog.providers import TierReaders, register_tiers
from openprm.deals.providers import (
    PartnerRank,
    ProtectionTerms,
    register_partner_rank,
    register_protection_terms,
)
from openprm.programs.catalog import TERMINATED
from openprm.programs.models import Partnership, Tier


def tier_terms(partner_id: int) -> ProtectionTerms | None:
    """The partner's tier's protection; None for a partner in no program."""
    found = (
        Partnership.objects.filter(partner_id=partner_id)
        .exclude(status=TERMINATED)
        .values_list("tier__protection_days", "tier__extension_count", "tier__extension_days")
        .first()
    )
    return ProtectionTerms(*found) if found is not None else None


def tier_ranks(partner_ids: Collection[int]) -> Mapping[int, PartnerRank]:
    """Each partner's tier rank and name, one query for every candidate."""
    return {
        partner_id: PartnerRank(rank, name)
        for partner_id, rank, name in Partnership.objects.filter(partner_id__in=partner_ids)
        .exclude(status=TERMINATED)
        .values_list("partner_id", "tier__rank", "tier__name")
    }


def partner_tier(partner_id: int) -> int | None:
    """The tier of the partner's current partnership; None in no program."""
    return (
        Partnership.objects.filter(partner_id=partner_id)
        .exclude(status=TERMINATED)
        .values_list("tier_id", flat=True)
        .first()
    )


def tier_choices() -> Sequence[tuple[int, str]]:
    """Every tier, named with its program, for a tier price list."""
    return [
        (pk, f"{program}: {name}")
        for pk, program, name in Tier.objects.order_by("program__name", "rank").values_list(
            "pk", "program__name", "name"
        )
    ]


_TIERS = TierReaders(partner_tier=partner_tier, choices=tier_choices)


def install() -> None:
    register_tiers(_TIERS)
    register_protection_terms(tier_terms)
    register_partner_rank(tier_ranks)
