"""Every write of the contacts app (DESIGN.md: services own the rules)."""

from openprm.contacts.services.households import (
    household_add_member,
    household_create,
    household_delete,
    household_remove_member,
    household_update,
)
from openprm.contacts.services.persons import (
    DuplicateContacts,
    contact_create,
    contact_delete,
    contact_set_picture,
    contact_update,
    favorite_set,
)
from openprm.contacts.services.points import (
    contact_point_add,
    contact_point_delete,
    contact_point_make_primary,
    contact_point_update,
    preference_add,
    preference_delete,
    preference_update,
)
from openprm.contacts.services.relationships import (
    account_set_primary_contact,
    relationship_add,
    relationship_clear_primary_point,
    relationship_delete,
    relationship_set_primary_point,
    relationship_update,
    relationships_delete_for_account,
)
from openprm.contacts.services.searches import (
    saved_search_create,
    saved_search_delete,
    saved_search_update,
)

__all__ = [
    "DuplicateContacts",
    "account_set_primary_contact",
    "contact_create",
    "contact_delete",
    "contact_point_add",
    "contact_point_delete",
    "contact_point_make_primary",
    "contact_point_update",
    "contact_set_picture",
    "contact_update",
    "favorite_set",
    "household_add_member",
    "household_create",
    "household_delete",
    "household_remove_member",
    "household_update",
    "preference_add",
    "preference_delete",
    "preference_update",
    "relationship_add",
    "relationship_clear_primary_point",
    "relationship_delete",
    "relationship_set_primary_point",
    "relationship_update",
    "relationships_delete_for_account",
    "saved_search_create",
    "saved_search_delete",
    "saved_search_update",
]
