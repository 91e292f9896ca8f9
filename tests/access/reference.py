"""The plain-Python reference of TEAM-1..5, TER-3, CUS-6/9 and CON-7/8/11 for
the matrix world: who may see and change what, read from the facts the
world's builders state (tests/<app>/world.py) only — never from the
database or from recorded answers. Both matrices (statuses, and the rows
every list shows) ask it.
"""

from collections.abc import Iterable

from openprm.core.catalog import collected
from openprm.customers.levels import LEVEL_RANK, AccessLevel, default_access_level
from openprm.identity.catalog import SALES_ADMINISTRATOR, SALESPERSON
from tests import privileges as p
from tests.access.world import ACTORS, RECORDS, World
from tests.contacts.world import (
    CONTACT_ACCOUNTS,
    FAVORITES,
    HOUSEHOLD_MEMBERS,
    HOUSEHOLD_OWNERS,
    SEARCH_NAMES,
    contact_name,
    household_name,
)
from tests.customers.world import FACTS, LEGAL_NAME, PARENTS, account_name, billing_name, note_text
from tests.identity.world import MANAGES
from tests.territories.world import TERRITORY_ACCOUNTS

ACCOUNT_FAMILIES = frozenset({"account", "note", "billing", "member"})
CONTACT_FAMILIES = frozenset({"contact", "point", "preference", "relationship", "membership"})
INTERNAL_FAMILIES = frozenset({"territory", "criterion", "t_member", "legal", "run"})
EDITING = (AccessLevel.EDIT, AccessLevel.FULL)
ROLE_OF = {a: SALES_ADMINISTRATOR if a == "salesadmin" else SALESPERSON for a in ACTORS}


def privileges(actor: str) -> frozenset[str]:
    return frozenset() if actor == "partner" else collected().role_privileges(ROLE_OF[actor])


def sees_all(actor: str) -> bool:
    return actor != "partner" and p.VIEW_ALL_SALES_DATA in privileges(actor)


def account_level(actor: str, record: str) -> str | None:
    """TEAM-1/2/4, TER-3, CUS-9: owner and sales administrators Full, team
    members their level, territory members the default level, managers the
    best level of anyone below them; deleted accounts and partner users none."""
    facts = FACTS[record]
    if actor == "partner" or not facts.active:
        return None
    if sees_all(actor):
        return AccessLevel.FULL
    levels = []
    for person in {actor} | MANAGES.get(actor, frozenset()):
        if facts.owner == person:
            levels.append(AccessLevel.FULL)
        if person in facts.team:
            levels.append(facts.team[person])
        if person in facts.territory_members:
            levels.append(default_access_level())
    return max(levels, key=lambda level: LEVEL_RANK[AccessLevel(level)]) if levels else None


def accounts_seen(actor: str) -> frozenset[str]:
    """TEAM-5: the accounts the actor sees anywhere."""
    return frozenset(r for r in RECORDS if account_level(actor, r) is not None)


def sees_contact_of(actor: str, accounts: Iterable[str]) -> bool:
    """TEAM-5: a contact follows its customers (any one seen is enough); a
    contact of none (the deleted account's, CUS-9) stays visible to its
    creator only — the sales administrator, who sees all sales data anyway."""
    if actor == "partner":
        return False
    return sees_all(actor) or bool(set(accounts) & accounts_seen(actor))


def edits_contact_of(actor: str, accounts: Iterable[str]) -> bool:
    """TEAM-2, CON-11: editing a contact needs Edit or Full on one of its customers."""
    return sees_all(actor) or any(account_level(actor, a) in EDITING for a in accounts)


def contact_visible(actor: str, contact: str) -> bool:
    return sees_contact_of(actor, CONTACT_ACCOUNTS[contact])


def contacts_seen(actor: str) -> frozenset[str]:
    return frozenset(c for c in CONTACT_ACCOUNTS if contact_visible(actor, c))


def household_visible(actor: str, household: str) -> bool:
    """Households are seen by their owner, by users who see all sales data,
    and by anyone who sees one of their members."""
    return actor != "partner" and (
        sees_all(actor)
        or HOUSEHOLD_OWNERS[household] == actor
        or any(contact_visible(actor, c) for c in HOUSEHOLD_MEMBERS[household])
    )


def visible(actor: str, family: str, record: str) -> bool:
    """The record of one family for the status matrix (`record` is own,
    other or deleted)."""
    if family in ACCOUNT_FAMILIES:
        return account_level(actor, record) is not None
    if family == "deleted_account":  # CUS-9: only the Deleted Accounts view shows them.
        return p.RESTORE_SALES_PARTY in privileges(actor) and record == "deleted"
    if family == "relationship" and record == "deleted":
        return False  # CUS-9 removed it with the account's soft delete.
    if family in CONTACT_FAMILIES:
        return contact_visible(actor, record)
    if family == "household":
        return household_visible(actor, record)
    if family == "search":  # CON-7: predefined ("deleted" slot) and one's own.
        return actor != "partner" and (
            record == "deleted" or (record == "own" and actor == "owner")
        )
    if family in INTERNAL_FAMILIES:
        return actor != "partner"
    raise AssertionError(family)


def may_edit(actor: str, family: str, record: str) -> bool:
    if family in ACCOUNT_FAMILIES:
        return account_level(actor, record) in EDITING
    if family in CONTACT_FAMILIES:
        return edits_contact_of(actor, CONTACT_ACCOUNTS[record])
    if family == "search":
        return record != "deleted"  # predefined searches are read-only (CON-7)
    return True


# What each list shows ---------------------------------------------------------


def hierarchy_seen(actor: str, record: str) -> frozenset[str]:
    """CUS-6: the ancestors and the active subtree of an account, each shown
    only when the actor sees it (CUS-9, TEAM-5)."""
    family = {record}
    parent = PARENTS.get(record)
    while parent is not None:
        family.add(parent)
        parent = PARENTS.get(parent)
    frontier = {record}
    while frontier:
        frontier = {child for child, parent in PARENTS.items() if parent in frontier}
        family |= frontier
    return frozenset(family) & accounts_seen(actor)


def team_of(record: str) -> frozenset[str]:
    """TEAM-2: the whole team is shown with the account; territory members
    join it (TER-3)."""
    facts = FACTS[record]
    return frozenset(facts.team) | facts.territory_members


def account_contacts(actor: str, record: str) -> frozenset[str]:
    return frozenset(c for c, accounts in CONTACT_ACCOUNTS.items() if record in accounts) & (
        contacts_seen(actor)
    )


def territory_accounts(actor: str, territory: str) -> frozenset[str]:
    return frozenset(TERRITORY_ACCOUNTS[territory]) & accounts_seen(actor)


def account_territories(record: str) -> frozenset[str]:
    return frozenset(t for t, accounts in TERRITORY_ACCOUNTS.items() if record in accounts)


def _related_to(actor: str, accounts: frozenset[str]) -> frozenset[str]:
    return frozenset(c for c in contacts_seen(actor) if set(CONTACT_ACCOUNTS[c]) & accounts)


def all_contacts(actor: str) -> frozenset[str]:
    """CON-8: All Contacts finds only contacts related to a customer."""
    return _related_to(actor, frozenset(a for a in RECORDS if FACTS[a].active))


def predefined_contacts(actor: str, code: str) -> frozenset[str]:
    """CON-7, within what the actor sees (every world account is a sales account)."""
    seen = accounts_seen(actor)
    if code in ("my_contacts", "my_business"):
        return _related_to(actor, frozenset(a for a in seen if FACTS[a].owner == actor))
    if code == "my_favorites":
        return frozenset(FAVORITES.get(actor, ())) & contacts_seen(actor)
    if code == "my_team_territory":
        return _related_to(actor, frozenset(a for a in seen if actor in team_of(a)))
    raise AssertionError(code)


def households_seen(actor: str) -> frozenset[str]:
    return frozenset(h for h in HOUSEHOLD_MEMBERS if household_visible(actor, h))


def household_members(actor: str, household: str) -> frozenset[str]:
    return frozenset(HOUSEHOLD_MEMBERS[household]) & contacts_seen(actor)


def hidden_names(world: World, actor: str) -> frozenset[str]:
    """The names of every world record the actor may not see."""
    accounts = accounts_seen(actor)
    names = {
        name
        for record in RECORDS
        if record not in accounts
        for name in (account_name(record), billing_name(record), note_text(record))
    }
    names |= {contact_name(c) for c in CONTACT_ACCOUNTS if c not in contacts_seen(actor)}
    names |= {household_name(h) for h in HOUSEHOLD_MEMBERS if h not in households_seen(actor)}
    names |= {name for record, name in SEARCH_NAMES.items() if (record, actor) != ("own", "owner")}
    if actor == "partner":
        names |= {t.name for t in world.territories.values()} | {LEGAL_NAME}
    return frozenset(names)
