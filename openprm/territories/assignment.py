"""TER-3 assignment: set-based SQL for the batch realignment, a Python match
for one account, and the team members that follow the territories.

System code: it runs on behalf of the rules, not of a user, so it reads and
writes unscoped. The batch issues two statements per territory (remove what
no longer matches, insert what newly matches) and two for the teams, never
one per account.
"""

from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from openprm.core import access
from openprm.customers.models import Account
from openprm.identity.models import Resource
from openprm.teams.levels import default_access_level
from openprm.teams.models import AccountTeamMember
from openprm.territories.matching import automatic_rules, matching_territory_ids, rule_q
from openprm.territories.models import AccountTerritory, Territory, TerritoryMember

Progress = Callable[[int, int], None]
AUTO = AccountTerritory.Source.AUTO
BATCH = 25
"""Territories realigned per transaction: fewer commits, progress still visible."""


def _insert_matching(territory_id: int, matching: QuerySet[Account]) -> int:
    """INSERT … SELECT the matching accounts not yet holding the territory."""
    missing = (
        matching.filter(
            ~Exists(
                AccountTerritory.objects.filter(account=OuterRef("pk"), territory_id=territory_id)
            )
        )
        .order_by()
        .values("pk")
    )
    sql, params = missing.query.sql_with_params()
    now = timezone.now()
    table = AccountTerritory._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (territory_id, source, created_at, updated_at, account_id) "  # noqa: S608  names from _meta
            f"SELECT %s, %s, %s, %s, matched.* FROM ({sql}) matched",
            [territory_id, AUTO, now, now, *params],
        )
        return max(cursor.rowcount, 0)


def realign_all(progress: Progress | None = None) -> tuple[int, int]:
    """Realign every active account against every automatic territory.

    Manual assignments (chosen and partner territories) are kept; territory
    team members no territory covers any more are removed unless locked.
    Returns (assignments added, assignments removed).
    """
    rules = automatic_rules()
    added = removed = 0
    active_accounts = access.unscoped(Account).filter(is_active=True)
    with transaction.atomic():
        removed += (
            AccountTerritory.objects.filter(source=AUTO)
            .exclude(territory_id__in=[r.territory_id for r in rules])
            .delete()[0]
        )
    for start in range(0, len(rules), BATCH):
        with transaction.atomic():
            for rule in rules[start : start + BATCH]:
                condition = rule_q(rule)
                assigned = AccountTerritory.objects.filter(
                    territory_id=rule.territory_id, source=AUTO
                )
                leaving = (
                    access.unscoped(Account)
                    .filter(pk__in=assigned.values("account_id"))
                    .exclude(Q(is_active=True) & condition)
                )
                removed += assigned.filter(account_id__in=leaving.values("pk")).delete()[0]
                added += _insert_matching(rule.territory_id, active_accounts.filter(condition))
        if progress is not None:
            progress(min(start + BATCH, len(rules)), len(rules))
    with transaction.atomic():
        sync_territory_team_members()
    return added, removed


def assign_account(account: Account) -> tuple[int, int]:
    """TER-3 for one account (on create, on a criteria change, on demand):
    match in Python against the rules loaded in two queries, then write the
    difference. Inactive accounts lose their automatic territories."""
    wanted = matching_territory_ids(account) if account.is_active else set()
    rows = AccountTerritory.objects.filter(account=account)
    existing = dict(rows.values_list("territory_id", "source"))
    stale = [t for t, source in existing.items() if source == AUTO and t not in wanted]
    new = [t for t in wanted if t not in existing]
    with transaction.atomic():
        if stale:
            rows.filter(territory_id__in=stale, source=AUTO).delete()
        AccountTerritory.objects.bulk_create(
            [AccountTerritory(account=account, territory_id=t, source=AUTO) for t in new]
        )
        sync_territory_team_members([account.pk])
    return len(new), len(stale)


def sync_territory_team_members(account_ids: Iterable[int] | None = None) -> None:
    """Territory resources join the team of the accounts their active
    territories are assigned to (source Territory, default level); members
    of that source whom no territory covers any more leave unless locked."""
    ids = None if account_ids is None else [int(i) for i in account_ids]
    if ids == []:
        return
    team = AccountTeamMember._meta.db_table
    assignments = AccountTerritory._meta.db_table
    territories = Territory._meta.db_table
    members = TerritoryMember._meta.db_table
    resources = Resource._meta.db_table
    scope_sql, scope_params = "", []
    if ids is not None:
        scope_sql = f" AND at.account_id IN ({', '.join(['%s'] * len(ids))})"
        scope_params = ids
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {team} (account_id, resource_id, user_id, access_level, locked, "  # noqa: S608
            "source, version, created_at, updated_at) "
            "SELECT DISTINCT at.account_id, m.resource_id, r.user_id, %s, %s, %s, 1, %s, %s "
            f"FROM {assignments} at "
            f"JOIN {territories} t ON t.id = at.territory_id AND t.active = %s "
            f"JOIN {members} m ON m.territory_id = at.territory_id "
            f"JOIN {resources} r ON r.id = m.resource_id "
            f"WHERE NOT EXISTS (SELECT 1 FROM {team} x WHERE x.account_id = at.account_id "
            "AND (x.resource_id = m.resource_id OR x.user_id = r.user_id))" + scope_sql,
            [
                default_access_level(),
                False,
                AccountTeamMember.Source.TERRITORY,
                now,
                now,
                True,
                *scope_params,
            ],
        )
        cursor.execute(
            f"DELETE FROM {team} WHERE source = %s AND locked = %s "  # noqa: S608
            f"AND NOT EXISTS (SELECT 1 FROM {assignments} at "
            f"JOIN {territories} t ON t.id = at.territory_id AND t.active = %s "
            f"JOIN {members} m ON m.territory_id = at.territory_id "
            f"WHERE at.account_id = {team}.account_id AND m.resource_id = {team}.resource_id)"
            + scope_sql.replace("at.account_id", f"{team}.account_id"),
            [AccountTeamMember.Source.TERRITORY, False, True, *scope_params],
        )
