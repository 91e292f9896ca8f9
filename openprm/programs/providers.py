"""What the programs app tells deals (DEAL-6, DEAL-4): the protection terms
of the partner's tier and its rank for lead routing, through the readers
deals declares (`openprm.deals.providers`)."""

from collections.abc import Collection, Mapping

from openprm.deals.providers import (
    PartnerRank,
    ProtectionTerms,
    register_partner_rank,
    register_protection_terms,
)
from openprm.programs.catalog import TERMINATED
from openprm.programs.models import Partnership


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


def install() -> None:
    register_protection_terms(tier_terms)
    register_partner_rank(tier_ranks)
