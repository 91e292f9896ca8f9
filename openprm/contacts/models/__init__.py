"""Persons (contacts), their contact points, preferences and relationships.

A person is one record however many roles it plays (PC-4): a contact of
several accounts, a B2C customer, a partner contact. Relationship-level data
(job title at the customer, the customer's primary contact, the
relationship-associated primary contact point of CON-4) lives on the
relationship, not on the person.

The choices that the API takes are module-level classes named after their
model: the OpenAPI document names an enum by its class, so two nested
`Kind`s would be one schema there. The models keep their short names as
aliases.
"""

from openprm.contacts.models.contact_points import (
    ContactPoint,
    ContactPointKind,
    ContactPointPurpose,
    ContactPreference,
    ContactPreferenceChoice,
)
from openprm.contacts.models.households import (
    Household,
    HouseholdMembership,
    HouseholdRole,
)
from openprm.contacts.models.persons import (
    NAME_PREFIX_LENGTH,
    Person,
    PersonKind,
)
from openprm.contacts.models.relationships import (
    Relationship,
    RelationshipContactPoint,
    RelationshipType,
)
from openprm.contacts.models.saved import (
    Favorite,
    SavedSearch,
)

__all__ = [
    "NAME_PREFIX_LENGTH",
    "ContactPoint",
    "ContactPointKind",
    "ContactPointPurpose",
    "ContactPreference",
    "ContactPreferenceChoice",
    "Favorite",
    "Household",
    "HouseholdMembership",
    "HouseholdRole",
    "Person",
    "PersonKind",
    "Relationship",
    "RelationshipContactPoint",
    "RelationshipType",
    "SavedSearch",
]
