"""The SQL conditions on Person rows an actor may see (TEAM-5, ORD-6,
CON-8), written as SQL for speed on large contact lists."""

from typing import Any

from django.db.models import Q

from openprm.contacts.models import Person, Relationship
from openprm.core import access
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.customers.reach import (
    AccountSql,
    account_access_sql,
    account_grant_sql,
    reach_is_small,
)

_RELATIONSHIPS = Relationship._meta.db_table
_ACCOUNTS = Account._meta.db_table


def persons_visible_q(actor: Actor) -> Q:
    """The condition on Person rows the actor may see (callers check `_internal`):
    its owner, or related to an active account the actor may see.

    For an actor who sees many accounts it is checked per person, through
    its own relationships (a few rows) and the account grants on each related
    account row, so a list walking contacts in name order stops at the page.
    For one who sees few (`reach_is_small`) it is the persons related to those
    accounts, found from the granting rows: walking a million contacts to
    find a salesperson's hundred would take seconds. Both are SQL: building
    the same condition from nested querysets cost more than running it.
    """
    accounts = account_access_sql(actor)
    if accounts is None:
        return Q()
    related, params = (
        _related_to_reach(accounts)
        if reach_is_small(actor, accounts)
        else _related_to_granted(accounts)
    )
    return Q(
        access.RowCondition(
            f"{{owner}} = %s OR {related}", (actor.pk, *params), id="pk", owner="owner_id"
        )
    )


def partner_persons_q(actor: Actor) -> Q:
    """ORD-6: a partner user sees the contacts of its opportunities'
    customers (the deals app's "deal" account grant), to name the buyer of a
    cart or an order, and no other person: its own organization's people
    are partner contacts, reached through the partners app.

    A list starts from the accounts the partner reaches; rows looked up by
    primary key (`access.by_primary_key`) are checked through their own
    relationships, as `persons_visible_q` checks them for a large reach
    (a contact read by the API: 17 µs instead of 240 µs of SQL on SQLite,
    docs/performance.md)."""
    accounts = account_grant_sql(actor, {"deal"})
    related, params = (
        _related_to_granted(accounts)
        if access.by_primary_key_only()
        else _related_to_reach(accounts)
    )
    return Q(access.RowCondition(related, params, id="pk"))


def _related_to_reach(accounts: AccountSql) -> tuple[str, tuple[Any, ...]]:
    """The person `{id}` is related to an active account among the
    granting rows' accounts (read from those rows, by index)."""
    sql = (
        f"{{id}} IN (SELECT r.person_id FROM {_RELATIONSHIPS} r "  # noqa: S608
        f"JOIN {_ACCOUNTS} a ON a.id = r.account_id "
        f"WHERE a.is_active AND r.account_id IN ({accounts.ids}))"
    )
    return sql, accounts.ids_params


def _related_to_granted(accounts: AccountSql) -> tuple[str, tuple[Any, ...]]:
    """The person `{id}` has a relationship to an active account the
    grants give (checked on its own few relationships)."""
    grants, params = accounts.on("a")
    sql = (
        f"EXISTS (SELECT 1 FROM {_RELATIONSHIPS} r "  # noqa: S608
        f"JOIN {_ACCOUNTS} a ON a.id = r.account_id "
        f"WHERE r.person_id = {{id}} AND a.is_active AND ({grants}))"
    )
    return sql, params


def customer_contacts_q(actor: Actor) -> Q:
    """CON-8 within the actor's scope: contacts related to an active account,
    and B2C contacts (customers themselves, CUS-1).

    A visible contact the actor does not own is visible through exactly such
    a relationship (`persons_visible_q`), so only the actor's own contacts —
    or every contact, for users who see all — need the relationship check,
    and a list does not pay for it twice per row.
    """
    related = access.RowCondition(
        f"EXISTS (SELECT 1 FROM {_RELATIONSHIPS} r JOIN {_ACCOUNTS} a ON a.id = r.account_id "  # noqa: S608
        "WHERE r.person_id = {id} AND a.is_active)",
        id="pk",
    )
    condition = Q(kind=Person.Kind.B2C)
    if account_access_sql(actor) is not None:
        condition |= ~Q(owner_id=actor.pk)
    return condition | Q(related)
