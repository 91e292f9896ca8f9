"""Issue 6 API target: `GET /api/v1/contacts/{id}` over HTTP with a Bearer
token, OpenPRM versus the bare WSGI app doing the same SQL lookup
(benchmarks/bare_wsgi.py), both served by gunicorn with the settings of
`openprm serve` (workers, threads, access log). Target: >= 0.30 of bare.

    python -m benchmarks.bench_api --contacts 10000
    python -m benchmarks.bench_api --database-url postgres://postgres@127.0.0.1:5432/bench_api

SQLite goes into a fresh temporary directory; a PostgreSQL database named by
--database-url is dropped and created again (never `postgres`/`test`).
Requests come from --clients threads, one new connection per request, like
the suite's measurement (benchmarks.measures.measure_api). Each round runs
OpenPRM then the bare app back to back; the ratio reported is the median of
the rounds' ratios, which keeps a busy machine's drift out of the figure.
The CPU ratio (bare's CPU per request over OpenPRM's, server processes plus
the load generator, from /proc) is what the req/s ratio tends to on an idle
machine, where both are CPU-bound on the same cores; on a machine shared with
other work it is the steadier of the two figures.
"""

import argparse
import os
import random
import socket
import statistics
import subprocess
import time
from pathlib import Path
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


def _cpu_seconds(pid: int) -> float:
    """CPU time of the gunicorn master and its workers (Linux /proc)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0
    for process in [pid, *map(int, children)]:
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _measure(application: str, args: Any, token: str, ids: list[int]) -> tuple[float, float]:
    """Requests per second, and server plus client CPU milliseconds per request."""
    from benchmarks.measures import _free_port, _load

    port = _free_port()
    server = _serve(application, port, args.workers, args.threads)
    try:
        _load(port, token, ids, 1.0, args.clients)
        server_cpu, client_cpu = _cpu_seconds(server.pid), time.process_time()
        rate = _load(port, token, ids, args.seconds, args.clients)
        server_cpu = _cpu_seconds(server.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
        return rate, 1000 * (server_cpu + client_cpu) / (rate * args.seconds)
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
    actors = {"administrator": s.admin, "salesperson": s.salespeople[0]}
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
                f"{label} round {_round + 1}: OpenPRM {ours:,.0f} req/s ({ours_cpu:.2f} ms CPU "
                f"a request), bare WSGI {bare:,.0f} req/s ({bare_cpu:.2f} ms), "
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
