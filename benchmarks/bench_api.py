"""Issue 6 and 19 API target: `GET /api/v1/contacts/{id}` over HTTP with a
Bearer token, OpenPRM versus the bare WSGI app doing the same SQL lookup
(benchmarks/bare_wsgi.py), both served by gunicorn with the settings of
`openprm serve` (workers, threads, access log). Target (issue 19): the bare
app's server CPU per request over OpenPRM's >= 0.30, for every role.

    python -m benchmarks.bench_api --contacts 10000
    python -m benchmarks.bench_api --database-url postgres://postgres@127.0.0.1:5432/bench_api

SQLite goes into a fresh temporary directory; a PostgreSQL database named by
--database-url is dropped and created again (never `postgres`/`test`).
Requests come from --clients threads, one new connection per request, like
the suite's measurement (benchmarks.measures.measure_api). Each round runs
OpenPRM then the bare app back to back; the figures are the median of the
rounds, which keeps a busy machine's drift out of them.

The CPU counted is the server's alone: the gunicorn master and workers,
from /proc. The load generator's CPU is left out on both sides (it is the
same work for both, and counting it pulled the ratio towards 1). On SQLite
the server's CPU includes the SQL; on PostgreSQL it does not, for either app.
The req/s ratio is printed too; on a machine shared with other work the CPU
ratio is the steadier figure.

Roles: the administrator (sees every contact), a salesperson (its own
accounts) and a partner user (ORD-6: the contacts of the customers of its
organization's opportunities; 200 opportunities on generated customers).
"""

import argparse
import http.client
import os
import random
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from benchmarks.run import _prepare_environment

SETUP_DEFAULTS = {"accounts": 0, "partners": 0}
APPS = {"OpenPRM": "openprm.config.wsgi:application", "bare": "benchmarks.bare_wsgi:application"}


def _serve(
    application: str, port: int, workers: int, threads: int, tree: str | None = None
) -> subprocess.Popen[bytes]:
    """The app served by gunicorn; from the checkout `tree` when given
    (benchmarks.api_before_after), else from this one."""
    from openprm.core.management.commands.serve import gunicorn_command

    command = gunicorn_command(
        application, bind=f"127.0.0.1:{port}", workers=workers, threads=threads
    )
    environment = os.environ.copy() if tree is None else {**os.environ, "PYTHONPATH": tree}
    process = subprocess.Popen(command, env=environment, cwd=tree, stdout=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            _answered(port)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{application} did not start")


def _answered(port: int) -> None:
    """One request answered, whatever its status: the master listens at once,
    but its workers answer only once they have loaded the app (seconds on a
    busy machine), and a load started before then measured timeouts."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", "/api/v1/contacts/0")
        connection.getresponse().read()
    finally:
        connection.close()


def _cpu_seconds(pid: int) -> float:
    """CPU time of the gunicorn master and its workers (Linux /proc)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0
    for process in [pid, *map(int, children)]:
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _measure(application: str, args: Any, token: str, ids: list[int]) -> tuple[float, float]:
    """Requests per second, and the server's CPU milliseconds per request."""
    from benchmarks.measures import _free_port, _load

    port = _free_port()
    server = _serve(application, port, args.workers, args.threads)
    try:
        _load(port, token, ids, 1.0, args.clients)
        before = _cpu_seconds(server.pid)
        rate = _load(port, token, ids, args.seconds, args.clients)
        return rate, 1000 * (_cpu_seconds(server.pid) - before) / (rate * args.seconds)
    finally:
        _stop(server)


def _stop(server: subprocess.Popen[bytes]) -> None:
    """A graceful stop, then a kill: on a busy machine gunicorn's graceful
    shutdown outlasted the wait."""
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)


def _visible_ids(user: Any, count: int) -> list[int]:
    from openprm.contacts.models import Person
    from openprm.core import access

    ids = list(access.visible(Person, user).values_list("pk", flat=True)[:20_000])
    return random.Random(5).sample(ids, min(count, len(ids)))


def _partner_user(s: Any) -> Any:
    """A partner organization made through the services, whose portal user
    sees the contacts of 200 generated customers through its opportunities."""
    import datetime as dt

    from openprm.deals.models import Opportunity
    from openprm.identity.actors import actor_for
    from openprm.identity.models import Role
    from openprm.partners.models import PartnerContact
    from openprm.partners.services import (
        partner_contact_promote_to_resource,
        partner_contact_promote_to_user,
        partner_create,
    )

    admin = actor_for(s.admin)
    portal = partner_create(
        actor=admin,
        data={"name": "Bench API Partner", "country": "US"},
        primary_contact={"first_name": "Pat", "last_name": "Portal"},
        confirm_duplicates=True,
    )
    primary = PartnerContact.objects.get(partner=portal, is_primary=True)
    primary = partner_contact_promote_to_resource(
        actor=admin,
        contact=primary,
        role_id=Role.objects.get(code="partner_administrator").pk,
        expected_version=primary.version,
    )
    member = partner_contact_promote_to_user(
        actor=admin,
        contact=primary,
        username="bench-api-partner",
        email="partner@bench.example",
        expected_version=primary.version,
        base_url="http://localhost/",
        invite=False,
    )
    customers = random.Random(7).sample(s.account_ids, min(200, len(s.account_ids)))
    Opportunity.objects.bulk_create(
        Opportunity(
            name=f"Deal {n}",
            account_id=account,
            close_date=dt.date.today(),
            owner=s.admin,
            partner=portal,
        )
        for n, account in enumerate(customers)
    )
    return member.user


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--work-dir", default="", help="default: a new temporary directory")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="as `openprm serve` defaults")
    parser.add_argument("--threads", type=int, default=4, help="as `openprm serve` defaults")
    parser.add_argument("--rounds", type=int, default=3, help="OpenPRM/bare pairs measured")
    args = parser.parse_args(argv)
    for name, value in SETUP_DEFAULTS.items():
        setattr(args, name, value)
    _prepare_environment(args)

    import django

    django.setup()
    from django.db import connection

    from benchmarks import measures
    from openprm.identity.actors import actor_for
    from openprm.identity.services import token_create

    s, _generated = measures.setup(args)
    actors = {
        "administrator": s.admin,
        "salesperson": s.salespeople[0],
        "partner user": _partner_user(s),
    }
    for label, actor in actors.items():
        _token, plaintext = token_create(actor=actor_for(actor), name="bench")
        ids = _visible_ids(actor_for(actor), 1000)
        ratios, cpu_ratios = [], []
        for _round in range(args.rounds):
            (ours, ours_cpu), (bare, bare_cpu) = (
                _measure(application, args, plaintext, ids) for application in APPS.values()
            )
            ratios.append(ours / bare)
            cpu_ratios.append(bare_cpu / ours_cpu)
            print(
                f"{label} round {_round + 1}: OpenPRM {ours:,.0f} req/s ({ours_cpu:.2f} ms "
                f"server CPU a request), bare WSGI {bare:,.0f} req/s ({bare_cpu:.2f} ms), "
                f"ratio {ratios[-1]:.2f}, CPU ratio {cpu_ratios[-1]:.2f}",
                flush=True,
            )
        print(
            f"{label}: median ratio {statistics.median(ratios):.2f}, median CPU ratio "
            f"{statistics.median(cpu_ratios):.2f} over {args.rounds} rounds "
            f"({connection.vendor}, {args.contacts:,} contacts, {args.workers} workers x "
            f"{args.threads} threads, {args.clients} clients)",
            flush=True,
        )


if __name__ == "__main__":
    main()
