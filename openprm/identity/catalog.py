"""The job and duty roles SPEC.md names (PLAT-2) and the privileges each grants.

Seeded by migration; administrators may change role privileges afterwards.
"""

from typing import Any

from openprm.core import privileges as p

ADMINISTRATOR = "administrator"
SALES_ADMINISTRATOR = "sales_administrator"
CHANNEL_ACCOUNT_MANAGER = "channel_account_manager"
SALESPERSON = "salesperson"
PARTNER_ADMINISTRATOR = "partner_administrator"
PARTNER_SALES_REPRESENTATIVE = "partner_sales_representative"
LEGAL_PREFERENCES_DUTY = "legal_contact_preferences_duty"

ROLES: list[dict[str, Any]] = [
    {
        "code": ADMINISTRATOR,
        "name": "Administrator",
        "kind": "job",
        "for_partners": False,
        "privileges": sorted(p.CATALOG),
    },
    {
        "code": SALES_ADMINISTRATOR,
        "name": "Sales Administrator",
        "kind": "job",
        "for_partners": False,
        "privileges": [
            p.DELETE_SALES_PARTY,
            p.DELETE_SALES_PARTY_CONTACT,
            p.LEGAL_CONTACT_PREFERENCES,
            p.MANAGE_TERRITORIES,
            p.MANAGE_PARTNERS,
            p.VIEW_ALL_SALES_DATA,
            p.RESTORE_SALES_PARTY,
        ],
    },
    {
        "code": CHANNEL_ACCOUNT_MANAGER,
        "name": "Channel Account Manager",
        "kind": "job",
        "for_partners": False,
        "privileges": [
            p.MANAGE_PARTNERS,
            p.MANAGE_PARTNER_PROGRAMS,
            p.APPROVE_PARTNER_APPLICATIONS,
            p.APPROVE_DEAL_REGISTRATIONS,
            p.DELETE_SALES_PARTY_CONTACT,
        ],
    },
    {
        "code": SALESPERSON,
        "name": "Salesperson",
        "kind": "job",
        "for_partners": False,
        "privileges": [p.DELETE_SALES_PARTY_CONTACT],
    },
    {
        "code": PARTNER_ADMINISTRATOR,
        "name": "Partner Administrator",
        "kind": "job",
        "for_partners": True,
        "privileges": [],
    },
    {
        "code": PARTNER_SALES_REPRESENTATIVE,
        "name": "Partner Sales Representative",
        "kind": "job",
        "for_partners": True,
        "privileges": [],
    },
    {
        "code": LEGAL_PREFERENCES_DUTY,
        "name": "Legal Contact Preferences Management",
        "kind": "duty",
        "for_partners": False,
        "privileges": [p.LEGAL_CONTACT_PREFERENCES],
    },
]
