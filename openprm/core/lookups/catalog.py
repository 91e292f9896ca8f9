"""Lookup types the rules rely on, seeded by migration (PLAT-4)."""

from typing import Any

REASON_CODE = "REASON_CODE"
LEGAL_TAG = "LEGAL"

LOOKUPS: list[dict[str, Any]] = [
    {
        "code": REASON_CODE,
        "name": "Contact Preference Reason",
        "description": "Why a contact point may or may not be used (CON-9, CON-10).",
        "values": [
            ("DNC_REGISTRY", "Do Not Call Registry opt-out", [LEGAL_TAG]),
            ("LEGAL_REQUEST", "Legal or regulatory request", [LEGAL_TAG]),
            ("CUSTOMER_REQUEST", "Customer Request", []),
            ("PREFERRED_CHANNEL", "Preferred channel", []),
            ("BOUNCED", "Undeliverable", []),
        ],
    },
    {
        "code": "INDUSTRY",
        "name": "Industry",
        "description": "Industry of an account; a territory criterion (TER-2).",
        "values": [
            ("TECH", "High Technology", []),
            ("MANUFACTURING", "Manufacturing", []),
            ("RETAIL", "Retail", []),
            ("FINANCE", "Financial Services", []),
            ("HEALTHCARE", "Healthcare", []),
            ("PUBLIC", "Public Sector", []),
            ("TELECOM", "Telecommunications", []),
        ],
    },
    {
        "code": "ACCOUNT_SIZE",
        "name": "Organization size",
        "description": "Size band of an account; a territory criterion (TER-2).",
        "values": [
            ("SMALL", "Small (1-99)", []),
            ("MEDIUM", "Medium (100-999)", []),
            ("LARGE", "Large (1000-9999)", []),
            ("ENTERPRISE", "Enterprise (10000+)", []),
        ],
    },
]
