"""What the page benchmark needs before it measures: the database (created
or reused), the data at the asked size, a session per role, the load on the
machine during the run, and the API's ratio on server CPU alone."""

import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ACCOUNTS_PER_CONTACT = 10


def ensure_postgres(url: str, *, fresh: bool) -> None:
    """Create the benchmark database when missing (drop it first when
    `fresh`); never a database people work in."""
    import psycopg
    from psycopg import sql

    name = psycopg.conninfo.conninfo_to_dict(url).get("dbname", "")
    if name in ("", "postgres", "test", "template0", "template1") or name.startswith("test_"):
        raise SystemExit(f"refusing to use database {name!r}: name a benchmark database")
    admin = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        if fresh:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def vendor() -> str:
    from django.db import connection

    return "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"


def ready(args: Any) -> tuple[Any, dict[str, str]]:
    """The people (data generated when missing) and a session cookie per role."""
    import django
    from django.core.management import call_command

    django.setup()
    from benchmarks import pages_data
    from openprm.customers.models import Account

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages name their files
    if not pages_data.ready():
        print(f"generating {args.contacts:,} contacts …", file=sys.stderr, flush=True)
        pages_data.generate(args.contacts)
    accounts = Account.objects.count()
    expected = max(100, args.contacts // ACCOUNTS_PER_CONTACT) + 1
    if accounts != expected:
        raise SystemExit(
            f"the database holds {accounts:,} accounts, not the {expected:,} of "
            f"{args.contacts:,} contacts: use another --work-dir / database, or --fresh"
        )
    pages_data.portal_business(args.contacts)
    people = pages_data.people()
    cookies = {role: _session(user) for role, user in people.users.items()}
    return people, cookies


def _session(user: Any) -> str:
    """A signed-in session as the sign-in form leaves it (Django's auth keys)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


class LoadWatch:
    """The machine's one-minute load average, sampled every five seconds
    while the benchmark runs (the machine may be shared)."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while True:
            self.samples.append(float(Path("/proc/loadavg").read_text().split()[0]))
            time.sleep(5)

    def report(self) -> str:
        s = self.samples or [0.0]
        return (
            f"load average (1 min) during the run: min {min(s):.1f}, "
            f"median {statistics.median(s):.1f}, max {max(s):.1f} on {os.cpu_count()} cores"
        )


def api_ratios(args: Any, people: Any) -> None:
    """GET /api/v1/contacts/{id}: the bare app's server CPU per request over
    OpenPRM's, for each role that sees contacts (benchmarks.bench_api's apps
    and load; a partner user sees its opportunities' customers' contacts,
    ORD-6)."""
    from benchmarks.bench_api import APPS, _cpu_seconds, _serve, _visible_ids
    from benchmarks.measures import _free_port, _load
    from openprm.identity.actors import actor_for
    from openprm.identity.services import token_create

    print("\n| role | OpenPRM server CPU ms / request | bare | ratio (>= 0.30) |")
    print("|---|---|---|---|")
    for role, user in people.users.items():
        actor = actor_for(user)
        ids = _visible_ids(actor, 500)
        if not ids:
            print(f"| {role} | — | — | no contact to read through this API |")
            continue
        _token, plaintext = token_create(actor=actor, name="bench-pages")
        cpu = {}
        for label, application in APPS.items():
            port = _free_port()
            server = _serve(application, port, args.workers, args.threads)
            try:
                _load(port, plaintext, ids, 1.0, 2)
                before = _cpu_seconds(server.pid)
                rate = _load(port, plaintext, ids, args.api_seconds, 2)
                used = _cpu_seconds(server.pid) - before
                cpu[label] = 1000 * used / max(1.0, rate * args.api_seconds)
            finally:
                server.terminate()
                try:
                    server.wait(60)
                except subprocess.TimeoutExpired:  # a busy machine stops it slowly
                    server.kill()
                    server.wait(10)
        ratio = cpu["bare"] / cpu["OpenPRM"]
        met = "yes" if ratio >= 0.30 else "NO"
        print(f"| {role} | {cpu['OpenPRM']:.2f} | {cpu['bare']:.2f} | {ratio:.2f} {met} |")
