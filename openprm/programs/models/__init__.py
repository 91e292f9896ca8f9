"""Partner programs, their tiers and the partnership that binds a partner to
one program (PRG-3, PRG-4).

A tier's place on the ladder is its `rank` (1 is the entry tier); what it
takes to reach a tier is its requirements, each a threshold on an indicator
the apps contribute (`openprm.core.indicators`) over a trailing window. The
deal protection a partner gets (DEAL-6) is its tier's. A partner holds its
tier through its one partnership, so "exactly one program per partner" is
the partnership's uniqueness on the partner.

Each model lives in the module named after what it holds; all of them are
named here, where Django and the app's callers find them.
"""

from openprm.programs.models.evaluations import (
    DowngradeReview,
    DowngradeReviewState,
    Snapshot,
    TierChange,
)
from openprm.programs.models.ladders import Program, Tier, TierRequirement
from openprm.programs.models.partnerships import Partnership

__all__ = [
    "DowngradeReview",
    "DowngradeReviewState",
    "Partnership",
    "Program",
    "Snapshot",
    "Tier",
    "TierChange",
    "TierRequirement",
]
