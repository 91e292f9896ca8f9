"""Issue 6 API target: `GET /api/v1/contacts/{id}` over HTTP with a Bearer
token, OpenPRM versus the bare WSGI app doing the same SQL lookup
(benchmarks/bare_wsgi.py), both served by gunicorn with the settings of
`openprm serve` (workers, threads, access log). Target: >= 0.30 of bare.

    python -m benchmarks.bench_api --contacts 10000
    python -m benchmarks.bench_api --database-url postgres://postgres@127.0.0.1:5432/bench_api

SQLite goes into a fresh temporary directory; a PostgreSQL database named by
--database-url is dropped and created again (never `postgres`/`test`).
Requests come from --clients threads, one new connection per request, like
the suite's measurement (benchmarks.measures.measure_api).
"""

import argparse
import os
import random
import socket
import subprocess
import time
from typing import Any

from benchmarks.run import _prepare_environment

SETUP_DEFAULTS = {"accounts": 0, "partners": 0}
APPS = {"OpenPRM": "openprm.config.wsgi:application", "bare": "benchmarks.bare_wsgi:application"}


def _serve(application: str, port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    from openprm.core.management.commands.serve import gunicorn_command

    command = gunicorn_command(
        application, bind=f"127.0.0.1:{port}", workers=workers, threads=threads
    )
    process = subprocess.Popen(command, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{application} did not start")


def _measure(application: str, args: Any, token: str, ids: list[int]) -> float:
    from benchmarks.measures import _free_port, _load

    port = _free_port()
    server = _serve(application, port, args.workers, args.threads)
    try:
        _load(port, token, ids, 1.0, args.clients)
        return _load(port, token, ids, args.seconds, args.clients)
    finally:
        server.terminate()
        server.wait(10)


def _visible_ids(user: Any, count: int) -> list[int]:
    from openprm.contacts.models import Person
    from openprm.core import access

    ids = list(access.visible(Person, user).values_list("pk", flat=True)[:20_000])
    return random.Random(5).sample(ids, min(count, len(ids)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--work-dir", default="", help="default: a new temporary directory")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="as `openprm serve` defaults")
    parser.add_argument("--threads", type=int, default=4, help="as `openprm serve` defaults")
    parser.add_argument("--rounds", type=int, default=1, help="alternate apps this many times")
    args = parser.parse_args(argv)
    for name, value in SETUP_DEFAULTS.items():
        setattr(args, name, value)
    _prepare_environment(args)

    import django

    django.setup()
    from django.db import connection

    from benchmarks import measures
    from openprm.identity.services import token_create

    s, _generated = measures.setup(args)
    actors = {"administrator": s.admin, "salesperson": s.salespeople[0]}
    for label, actor in actors.items():
        _token, plaintext = token_create(actor=actor, name="bench")
        ids = _visible_ids(actor, 1000)
        rates: dict[str, list[float]] = {name: [] for name in APPS}
        for _round in range(args.rounds):
            for name, application in APPS.items():
                rates[name].append(_measure(application, args, plaintext, ids))
        ours, bare = max(rates["OpenPRM"]), max(rates["bare"])
        print(
            f"{label}: OpenPRM {ours:,.0f} req/s, bare WSGI {bare:,.0f} req/s, "
            f"ratio {ours / bare:.2f} ({connection.vendor}, {args.contacts:,} contacts, "
            f"{args.workers} workers x {args.threads} threads, {args.clients} clients)",
            flush=True,
        )


if __name__ == "__main__":
    main()
