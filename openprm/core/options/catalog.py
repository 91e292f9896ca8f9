"""The profile options SPEC.md names, with their defaults (PLAT-3).

The migration seeds these; `profile_option_value` falls back to them so a rule
never reads a missing option.
"""

from typing import Any

PARTNER_CONTACT_MANDATORY = "ZPM_PARTNER_CONTACT_MANDATORY"
ENABLE_SELLTO_ADDR_CHECKBOX = "ZCA_ENABLE_SELLTO_ADDR_CHECKBOX"
DEFAULT_TEAM_ACCESS_LEVEL = "ZCA_DEFAULT_TEAM_ACCESS_LEVEL"

OPTIONS: list[dict[str, Any]] = [
    {
        "code": PARTNER_CONTACT_MANDATORY,
        "name": "Partner Contact Mandatory",
        "description": "Whether a partner must be created with a primary contact (PA-6).",
        "value_type": "yes_no",
        "choices": [],
        "default_value": "Yes",
    },
    {
        "code": ENABLE_SELLTO_ADDR_CHECKBOX,
        "name": "Enable Sell-To Address Check Box",
        "description": "Default account type on create: Customer when Yes, Prospect when No.",
        "value_type": "yes_no",
        "choices": [],
        "default_value": "Yes",
    },
    {
        "code": DEFAULT_TEAM_ACCESS_LEVEL,
        "name": "Default Team Access Level",
        "description": "Access level given to a new account team member (TEAM-1).",
        "value_type": "choice",
        "choices": ["View Only", "Edit", "Full"],
        "default_value": "Edit",
    },
]

DEFAULTS = {o["code"]: o["default_value"] for o in OPTIONS}
