"""TER-3 assignment of one account (a Python match against the rules loaded
in two queries) and the team members that follow the territories; the batch
realignment of every account is `realignment.realign_all`.

System code: it runs on behalf of the rules, not of a user, so it reads and
writes unscoped.
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from openprm.customers.levels import default_access_level
from openprm.customers.models import Account
from openprm.identity.models import Resource
from openprm.teams.models import AccountTeamMember
from openprm.territories.matching import matching_territory_ids
from openprm.territories.models import AccountTerritory, Territory, TerritoryMember

AUTO = AccountTerritory.Source.AUTO


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
