"""The actor's own resource and the resources below it (TEAM-4).

Teams and territories give access through resources; the management
hierarchy gives a manager what the people below see. Both are read in one
recursive query, the first time an actor's access needs them, and kept on
the actor for the request it serves (core.actor), so a list checking
thousands of rows never walks the hierarchy per row.
"""

from django.db import connection

from openprm.core.actor import Resources
from openprm.identity.models import Resource


def resources_of(user_id: int) -> Resources:
    table = Resource._meta.db_table
    sql = (
        "WITH RECURSIVE below(id) AS ("  # noqa: S608  table name from _meta
        f"SELECT r.id FROM {table} r JOIN {table} boss ON r.manager_id = boss.id "
        "WHERE boss.user_id = %s "
        f"UNION SELECT r.id FROM {table} r JOIN below ON r.manager_id = below.id) "
        f"SELECT r.id, r.user_id, 0 FROM below JOIN {table} r ON r.id = below.id "
        f"UNION ALL SELECT id, user_id, 1 FROM {table} WHERE user_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, user_id])
        rows = cursor.fetchall()
    own = next((row[0] for row in rows if row[2]), None)
    below = [row for row in rows if not row[2] and row[0] != own]
    return Resources(
        own,
        tuple(row[0] for row in below),
        tuple(row[1] for row in below if row[1] is not None),
    )
