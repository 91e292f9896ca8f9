"""The bare WSGI app the API is compared with: the same token check and the
same contact lookup, as plain SQL with no framework, under the same server.

"The same lookup" includes visibility (TEAM-5): a user without *View All
Sales Data* gets the contact only when it owns it or sees one of its
customers by ownership, account team or territory — the conditions
OpenPRM's access module checks, written once here by hand — and, for a
manager, what the people below it reach the same ways (TEAM-4: the users
and resources below, read in one recursive statement when the user has a
resource). A partner user (ORD-6) while its organization's portal is on
(PRG-13) gets the contacts of the customers of its organization's
opportunities, by partner or by a deal team its people are on; the
benchmark's partner does not show subsidiaries, so its own organization is
the whole reach."""

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

PATH = re.compile(r"^/api/v1/contacts/(\d+)$")
TOKEN_SQL = (
    "SELECT t.user_id, (SELECT r.id FROM identity_resource r WHERE r.user_id = u.id), "
    "EXISTS (SELECT 1 FROM identity_user_roles ur "
    "JOIN identity_role_privileges rp ON rp.role_id = ur.role_id "
    "JOIN identity_privilege p ON p.id = rp.privilege_id "
    "WHERE ur.user_id = u.id AND p.code = 'view_all_sales_data'), u.user_type "
    "FROM identity_accesstoken t JOIN identity_user u ON u.id = t.user_id "
    "WHERE t.digest = %s AND t.revoked_at IS NULL AND u.is_active"
)
PERSON_SQL = (
    "SELECT id, first_name, last_name, kind, job_title, is_key_contact, version "
    "FROM contacts_person p WHERE id = %s"
)
VISIBLE_SQL = """ AND (p.owner_id = %s OR EXISTS (
    SELECT 1 FROM contacts_relationship r JOIN customers_account a ON a.id = r.account_id
    WHERE r.person_id = p.id AND a.is_active AND (a.owner_id IN ({users})
      OR EXISTS (SELECT 1 FROM teams_accountteammember tm WHERE tm.account_id = a.id
                 AND (tm.user_id IN ({users}) OR tm.resource_id IN ({resources})))
      OR EXISTS (SELECT 1 FROM territories_accountterritory at
                 JOIN territories_territory t ON t.id = at.territory_id AND t.active
                 JOIN territories_territorymember m ON m.territory_id = at.territory_id
                 WHERE at.account_id = a.id AND m.resource_id IN ({resources})))))"""
MEMBER_SQL = (
    "SELECT pc.partner_id FROM partners_partnercontact pc "
    "JOIN partners_partnerprofile pp ON pp.id = pc.partner_id "
    "WHERE pc.user_id = %s AND pp.portal_enabled ORDER BY pc.id LIMIT 1"
)
PARTNER_VISIBLE_SQL = """ AND p.id IN (SELECT r.person_id FROM contacts_relationship r
    JOIN customers_account a ON a.id = r.account_id
    WHERE a.is_active AND r.account_id IN (
      SELECT o.account_id FROM deals_opportunity o WHERE o.partner_id = %s
      UNION SELECT o.account_id FROM deals_opportunity o
      JOIN deals_opportunityteammember t ON t.opportunity_id = o.id
      JOIN partners_partnercontact pc ON pc.resource_id = t.resource_id
      WHERE pc.partner_id = %s))"""
BELOW_SQL = """WITH RECURSIVE below(id) AS (SELECT CAST(%s AS BIGINT)
    UNION SELECT r.id FROM identity_resource r JOIN below b ON r.manager_id = b.id)
SELECT r.id, r.user_id FROM below b JOIN identity_resource r ON r.id = b.id"""
_connection: Any = None


def _connect() -> Any:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        return psycopg.connect(url, autocommit=True)
    path = os.path.join(os.environ["OPENPRM_VAR_DIR"], "openprm.sqlite3")
    return sqlite3.connect(path, check_same_thread=False)


def _query(sql: str, params: list[Any], every: bool = False) -> Any:
    global _connection
    if _connection is None:
        _connection = _connect()
    if isinstance(_connection, sqlite3.Connection):
        sql = sql.replace("%s", "?")
    cursor = _connection.execute(sql, params)
    return cursor.fetchall() if every else cursor.fetchone()


def _visible_sql(user_id: int, resource_id: int | None) -> str:
    """VISIBLE_SQL for the user and, when it manages people, those below."""
    users, resources = {user_id}, [resource_id or 0]
    if resource_id is not None:
        below = _query(BELOW_SQL, [resource_id], every=True)
        users |= {user for _resource, user in below if user is not None}
        resources = [resource for resource, _user in below]
    return VISIBLE_SQL.format(
        users=", ".join(map(str, users)), resources=", ".join(map(str, resources))
    )


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    match = PATH.match(environ.get("PATH_INFO", ""))
    token = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ").strip()
    digest = hashlib.sha256(token.encode()).hexdigest()
    user = _query(TOKEN_SQL, [digest]) if match else None
    if user is None:
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b"{}"]
    user_id, resource_id, sees_all, user_type = user
    contact_id = int(match.group(1))
    if user_type == "partner":
        member = _query(MEMBER_SQL, [user_id])
        row = member and _query(PERSON_SQL + PARTNER_VISIBLE_SQL, [contact_id, *member, *member])
    elif sees_all:
        row = _query(PERSON_SQL, [contact_id])
    else:
        visible = _visible_sql(user_id, resource_id)
        row = _query(PERSON_SQL + visible, [contact_id, user_id])
    names = ("id", "first_name", "last_name", "kind", "job_title", "is_key_contact", "version")
    body = json.dumps(dict(zip(names, row, strict=True)) if row else {}).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]
