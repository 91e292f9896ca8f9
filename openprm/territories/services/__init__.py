"""Every write on territories, their criteria and members, and account
assignment (TER-1..TER-4): territories.py sets territories up, accounts.py
assigns them to accounts."""

from openprm.territories.services.accounts import (
    account_add_partner_territories,
    account_assign_territories,
    realignment_start,
)
from openprm.territories.services.territories import (
    TERRITORY_FIELDS,
    PartnerResourceCheck,
    criterion_add,
    criterion_remove,
    register_partner_resource_check,
    territory_create,
    territory_delete,
    territory_member_add,
    territory_member_remove,
    territory_update,
)

__all__ = [
    "TERRITORY_FIELDS",
    "PartnerResourceCheck",
    "account_add_partner_territories",
    "account_assign_territories",
    "criterion_add",
    "criterion_remove",
    "realignment_start",
    "register_partner_resource_check",
    "territory_create",
    "territory_delete",
    "territory_member_add",
    "territory_member_remove",
    "territory_update",
]
