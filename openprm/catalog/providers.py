"""What the programs app tells the catalog about partner tiers, without the
catalog importing it (ORD-1: a partner sees its tier's prices).

Programs sits above the catalog; at start-up it hands over how to read a
partner's tier and which tiers exist (`register_tiers`), as it does for
deals (`openprm.deals.providers`). Without a reader, no partner has a tier
and every partner user sees the list prices.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class TierReaders:
    partner_tier: Callable[[int], int | None]
    """The tier id of a partner's current partnership, None outside any program."""
    choices: Callable[[], Sequence[tuple[int, str]]]
    """Every tier a price list may name: (id, label)."""


_readers: list[TierReaders] = []


def register_tiers(readers: TierReaders) -> None:
    """Set how tiers are read (the programs app does, once)."""
    if _readers and _readers[0] != readers:
        raise RuntimeError("the tier readers are already set")
    _readers[:] = [readers]


def partner_tier(partner_id: int) -> int | None:
    return _readers[0].partner_tier(partner_id) if _readers else None


def tier_choices() -> Sequence[tuple[int, str]]:
    return _readers[0].choices() if _readers else ()
