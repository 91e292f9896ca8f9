"""Every read of the contacts app, always starting from the access scopes.

The contact list and its searches are lists.py; one contact contact.py; its
points, preferences, relationships and households related.py.
"""

from openprm.contacts.selectors.contact import (
    HISTORY_LIMIT,
    PICKED_FIELDS,
    contact_get,
    contact_history,
    contact_pick,
    contact_pick_label,
    person_get,
)
from openprm.contacts.selectors.lists import (
    ALL_CONTACTS,
    MY_BUSINESS,
    MY_CONTACTS,
    MY_FAVORITES,
    MY_TEAM_TERRITORY,
    chosen_saved_search,
    contact_list,
    favorite_ids,
    predefined_search_q,
    saved_search_by_code,
    saved_search_get,
    saved_search_list,
    with_list_columns,
)
from openprm.contacts.selectors.related import (
    account_contact_list,
    account_get,
    contact_point_get,
    contact_point_list,
    household_get,
    household_list,
    household_membership_get,
    preference_get,
    preference_list,
    relationship_get,
    relationship_list,
    relationship_primary_points,
)

__all__ = [
    "ALL_CONTACTS",
    "HISTORY_LIMIT",
    "MY_BUSINESS",
    "MY_CONTACTS",
    "MY_FAVORITES",
    "MY_TEAM_TERRITORY",
    "PICKED_FIELDS",
    "account_contact_list",
    "account_get",
    "chosen_saved_search",
    "contact_get",
    "contact_history",
    "contact_list",
    "contact_pick",
    "contact_pick_label",
    "contact_point_get",
    "contact_point_list",
    "favorite_ids",
    "household_get",
    "household_list",
    "household_membership_get",
    "person_get",
    "predefined_search_q",
    "preference_get",
    "preference_list",
    "relationship_get",
    "relationship_list",
    "relationship_primary_points",
    "saved_search_by_code",
    "saved_search_get",
    "saved_search_list",
    "with_list_columns",
]
