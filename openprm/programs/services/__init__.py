"""Every write of the programs app (PRG-3, PRG-4, PRG-5, PRG-11): every
write needs Manage Partner Programs."""

from openprm.programs.services.decisions import (
    manual_score_set,
    review_accept,
    review_waive,
    tier_override,
)
from openprm.programs.services.evaluations import (
    partnership_evaluate,
    program_evaluate,
    programs_evaluate_due,
)
from openprm.programs.services.ladders import (
    PROGRAM_FIELDS,
    TIER_FIELDS,
    check_ladder,
    program_create,
    program_update,
    requirement_delete,
    requirement_set,
    tier_create,
    tier_delete,
    tier_update,
)
from openprm.programs.services.partnerships import (
    PARTNERSHIP_FIELDS,
    partnership_create,
    partnership_update,
)

__all__ = [
    "PARTNERSHIP_FIELDS",
    "PROGRAM_FIELDS",
    "TIER_FIELDS",
    "check_ladder",
    "manual_score_set",
    "partnership_create",
    "partnership_evaluate",
    "partnership_update",
    "program_create",
    "program_evaluate",
    "program_update",
    "programs_evaluate_due",
    "requirement_delete",
    "requirement_set",
    "review_accept",
    "review_waive",
    "tier_create",
    "tier_delete",
    "tier_override",
    "tier_update",
]
