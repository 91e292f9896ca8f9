"""What another app tells deals about a partner, without deals importing it.

Deal protection (DEAL-6) and lead routing (DEAL-4) depend on the partner's
program tier, which the programs app keeps; programs sits above deals, so it
hands deals its readers at start-up (`register_protection_terms`,
`register_partner_rank`), as partners hands identity its membership reader.
Without a reader, protection comes from the profile options and routing
ignores tiers.
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from openprm.core.options.selectors import profile_option_value
from openprm.deals import catalog


@dataclass(frozen=True)
class ProtectionTerms:
    days: int
    extension_count: int
    extension_days: int


@dataclass(frozen=True)
class PartnerRank:
    """A partner's place for routing: a higher `rank` is offered leads
    first; `label` names it in the routing reason (its tier)."""

    rank: int
    label: str


TermsReader = Callable[[int], ProtectionTerms | None]
RankReader = Callable[[Collection[int]], Mapping[int, PartnerRank]]

_terms: list[TermsReader] = []
_ranks: list[RankReader] = []


def _install(slot: list, reader: Callable, what: str) -> None:  # type: ignore[type-arg]
    if slot and slot[0] is not reader:
        raise RuntimeError(f"the {what} reader is already set")
    slot[:] = [reader]


def register_protection_terms(reader: TermsReader) -> None:
    """Set how a partner's protection terms are read (the programs app does, once)."""
    _install(_terms, reader, "protection terms")


def register_partner_rank(reader: RankReader) -> None:
    """Set how partners are ranked for lead routing (the programs app does, once)."""
    _install(_ranks, reader, "partner rank")


def _number(code: str) -> int:
    try:
        return int(Decimal(profile_option_value(code)))
    except InvalidOperation:
        return 0


def default_terms() -> ProtectionTerms:
    return ProtectionTerms(
        _number(catalog.PROTECTION_DAYS),
        _number(catalog.EXTENSION_COUNT),
        _number(catalog.EXTENSION_DAYS),
    )


def protection_terms(partner_id: int) -> ProtectionTerms:
    """DEAL-6: the partner's tier's terms, or the profile options'."""
    found = _terms[0](partner_id) if _terms else None
    return found if found is not None else default_terms()


def partner_ranks(partner_ids: Collection[int]) -> Mapping[int, PartnerRank]:
    """DEAL-4: each partner's routing rank; empty without a reader."""
    return _ranks[0](partner_ids) if _ranks else {}
