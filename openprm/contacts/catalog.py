"""What the contacts app declares: its privileges and who holds them, the
reason codes of contact preferences, the salutations and the contact record
type (PLAT-7)."""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Lookup, LookupCode, Privilege, RecordType, RoleGrant
from openprm.identity.catalog import (
    CHANNEL_ACCOUNT_MANAGER,
    LEGAL_PREFERENCES_DUTY,
    SALES_ADMINISTRATOR,
    SALESPERSON,
)

DELETE_SALES_PARTY_CONTACT = "delete_sales_party_contact"
LEGAL_CONTACT_PREFERENCES = "legal_contact_preferences_management"

PRIVILEGES = (
    Privilege(DELETE_SALES_PARTY_CONTACT, _("Delete Sales Party Contact")),
    Privilege(LEGAL_CONTACT_PREFERENCES, _("Legal Contact Preferences Management")),
)

GRANTS = (
    RoleGrant(SALES_ADMINISTRATOR, (DELETE_SALES_PARTY_CONTACT, LEGAL_CONTACT_PREFERENCES)),
    RoleGrant(CHANNEL_ACCOUNT_MANAGER, (DELETE_SALES_PARTY_CONTACT,)),
    RoleGrant(SALESPERSON, (DELETE_SALES_PARTY_CONTACT,)),
    RoleGrant(LEGAL_PREFERENCES_DUTY, (LEGAL_CONTACT_PREFERENCES,)),
)

REASON_CODE = "REASON_CODE"
SALUTATION = "SALUTATION"
LEGAL_TAG = "LEGAL"

LOOKUPS = (
    Lookup(
        REASON_CODE,
        "Contact Preference Reason",
        "Why a contact point may or may not be used (CON-9, CON-10).",
        (
            LookupCode("DNC_REGISTRY", "Do Not Call Registry opt-out", (LEGAL_TAG,)),
            LookupCode("LEGAL_REQUEST", "Legal or regulatory request", (LEGAL_TAG,)),
            LookupCode("CUSTOMER_REQUEST", "Customer Request"),
            LookupCode("PREFERRED_CHANNEL", "Preferred channel"),
            LookupCode("BOUNCED", "Undeliverable"),
        ),
    ),
    Lookup(
        SALUTATION,
        "Salutation",
        "How a contact is addressed (Mr., Ms., Dr.); read by code or label on import.",
        (
            LookupCode("MR", "Mr."),
            LookupCode("MS", "Ms."),
            LookupCode("MRS", "Mrs."),
            LookupCode("MX", "Mx."),
            LookupCode("DR", "Dr."),
            LookupCode("PROF", "Prof."),
        ),
    ),
)

CONTACT_RECORD_TYPE = "contact"

RECORD_TYPES = (RecordType(CONTACT_RECORD_TYPE, _("Contact")),)
