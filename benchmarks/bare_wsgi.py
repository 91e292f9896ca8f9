"""The bare WSGI app the API is compared with: the same token check and the
same contact lookup, as plain SQL with no framework, under the same server."""

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

PATH = re.compile(r"^/api/v1/contacts/(\d+)$")
TOKEN_SQL = (
    "SELECT t.user_id FROM identity_accesstoken t JOIN identity_user u ON u.id = t.user_id "
    "WHERE t.digest = %s AND t.revoked_at IS NULL AND u.is_active"
)
PERSON_SQL = (
    "SELECT id, first_name, last_name, kind, job_title, is_key_contact, version "
    "FROM contacts_person WHERE id = %s"
)
_connection: Any = None


def _connect() -> Any:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        return psycopg.connect(url, autocommit=True)
    path = os.path.join(os.environ["OPENPRM_VAR_DIR"], "openprm.sqlite3")
    return sqlite3.connect(path, check_same_thread=False)


def _query(sql: str, params: list[Any]) -> Any:
    global _connection
    if _connection is None:
        _connection = _connect()
    if isinstance(_connection, sqlite3.Connection):
        sql = sql.replace("%s", "?")
    cursor = _connection.execute(sql, params)
    return cursor.fetchone()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    match = PATH.match(environ.get("PATH_INFO", ""))
    token = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ").strip()
    digest = hashlib.sha256(token.encode()).hexdigest()
    if not match or _query(TOKEN_SQL, [digest]) is None:
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b"{}"]
    row = _query(PERSON_SQL, [int(match.group(1))])
    names = ("id", "first_name", "last_name", "kind", "job_title", "is_key_contact", "version")
    body = json.dumps(dict(zip(names, row, strict=True)) if row else {}).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]
