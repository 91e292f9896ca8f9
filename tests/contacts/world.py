"""The contacts of the shared test world, linked across the line of
visibility where a leak would show: one contact per account (`deleted`'s
loses its relationship with the soft delete, CUS-9) and a `shared` one
related to `own` and `other`, each with a contact point and a preference;
contacts related to each other (CON-12); households (that of `own` also
holds the contact of `other`); favorites of `owner` and `view`; a saved
search of `owner` and one of a stranger.

The facts below state it in plain data for the reference rules.
"""

from openprm.contacts import services as contact_services
from openprm.contacts.models import (
    Favorite,
    Household,
    HouseholdMembership,
    Person,
    Relationship,
    SavedSearch,
)
from tests.access.world import World
from tests.factories import as_actor

CONTACT_NAME = "Matrixson"
# The accounts each contact is related to (CUS-9 removed `deleted`'s).
CONTACT_ACCOUNTS = {"own": ("own",), "other": ("other",), "deleted": (), "shared": ("own", "other")}
# Contacts related to other contacts (CON-12), across the line of visibility.
RELATED_CONTACTS = {"own": ("other",), "other": ("own",)}
HOUSEHOLD_OWNERS = {"own": "owner", "other": "stranger", "deleted": "stranger"}
HOUSEHOLD_MEMBERS = {"own": ("own", "other"), "other": ("other",), "deleted": ("deleted",)}
FAVORITES = {"owner": ("own", "other"), "view": ("other",)}
SEARCH_NAMES = {"own": "Mine Matrix", "other": "Theirs Matrix"}
SEARCH_OWNERS = {"own": "owner", "other": "stranger"}


def contact_name(contact: str) -> str:
    return f"{CONTACT_NAME} {contact}"


def household_name(record: str) -> str:
    return f"Hearth {record}"


def _contact(world: World, record: str, accounts: tuple[str, ...]) -> Person:
    """A contact of these accounts with one email point and its preference."""
    admin = as_actor(world.users["salesadmin"])
    person = world.contacts[record] = contact_services.contact_create(
        actor=admin,
        last_name=contact_name(record),
        email=f"{record}@matrix.example",
        account_ids=[world.accounts[a].pk for a in accounts],
        confirm_duplicates=True,
    )
    point = person.contact_points.get()
    preference = contact_services.preference_add(
        actor=admin, point=point, preference="do_not", reason_code="CUSTOMER_REQUEST"
    )
    world.add(record, "point", point)
    world.add(record, "preference", preference)
    return person


def build(world: World) -> None:
    admin = as_actor(world.users["salesadmin"])
    for record, account in world.accounts.items():
        person = _contact(world, record, (record,))
        household = contact_services.household_create(
            actor=admin, name=household_name(record), members=[person]
        )
        Household.objects.filter(pk=household.pk).update(
            owner=world.users[HOUSEHOLD_OWNERS[record]]
        )
        world.add(record, "contact", person)
        world.add(record, "relationship", Relationship.objects.get(person=person, account=account))
        world.add(record, "household", household)
        world.add(record, "membership", household.memberships.get())
    _contact(world, "shared", CONTACT_ACCOUNTS["shared"])
    for person, others in RELATED_CONTACTS.items():
        for other in others:
            contact_services.relationship_add(
                actor=admin,
                person=world.contacts[person],
                related_person=world.contacts[other],
                relationship_type="colleague",
            )
    for record, members in HOUSEHOLD_MEMBERS.items():
        household = Household.objects.get(pk=world.ids[record]["household"][0])
        for member in members[1:]:
            HouseholdMembership.objects.create(household=household, person=world.contacts[member])
    for name, favorites in FAVORITES.items():
        for contact in favorites:
            Favorite.objects.create(user=world.users[name], person=world.contacts[contact])
    for record, owner in SEARCH_OWNERS.items():
        search = contact_services.saved_search_create(
            actor=as_actor(world.users[owner]), name=SEARCH_NAMES[record], criteria={"q": "ma"}
        )
        world.add(record, "search", search)
    predefined = SavedSearch.objects.filter(code__isnull=False).order_by("pk")[0]
    world.add("deleted", "search", predefined)
