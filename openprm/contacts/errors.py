"""The codes of the contacts app's refusals: part of the API contract, never
renamed."""

from enum import StrEnum


class ContactErrorCode(StrEnum):
    CONTACT_DELETE_REFUSED = "contact_delete_refused"
    CONTACT_EDIT_ACCESS_REQUIRED = "contact_edit_access_required"
    DUPLICATE_CONTACTS = "duplicate_contacts"
    HOUSEHOLD_MEMBER_EXISTS = "household_member_exists"
    INTERNAL_USERS_ONLY = "internal_users_only"
    RELATIONSHIP_EXISTS = "relationship_exists"
    SAVED_SEARCH_PREDEFINED = "saved_search_predefined"
    SEARCH_TERM_REQUIRED = "search_term_required"
