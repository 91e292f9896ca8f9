"""Issue 16 abuse target: the public application API keeps answering under
50 submissions a second from one address while it refuses the excess (429
with Retry-After), served by gunicorn with the settings of `openprm serve`.

    python -m benchmarks.bench_recruitment
    python -m benchmarks.bench_recruitment --rate 50 --seconds 10 --per-hour 100
    python -m benchmarks.bench_recruitment --database-url postgres://postgres@127.0.0.1:5432/bench_rec

SQLite goes into a fresh temporary directory; a PostgreSQL database named by
--database-url is dropped and created again (never `postgres`/`test`). The
load is paced: one submission every 1/rate seconds from 127.0.0.1 (one
address), each on a new connection, sent by a pool of threads so a slow
answer never delays the next send. Reported: the rate achieved, the answers
by status, their latency (p50, p95, max), whether every 429 carried
Retry-After, and the applications stored against the 201s. Figures are
reported, never asserted.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection

from benchmarks.run import _prepare_environment

PATH = "/api/v1/public/partner-applications"


def _serve(port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    from openprm.core.management.commands.serve import gunicorn_command

    command = gunicorn_command(
        "openprm.config.wsgi:application",
        bind=f"127.0.0.1:{port}",
        workers=workers,
        threads=threads,
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
    raise RuntimeError("the server did not start")


def _setup(per_hour: int) -> None:
    """A public program with an entry tier, and the limit per address."""
    from django.core.management import call_command

    from openprm.core.options.models import ProfileOption
    from openprm.identity.actors import actor_for
    from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER
    from openprm.identity.models import Role, User
    from openprm.programs.services import program_create, tier_create
    from openprm.recruitment.catalog import APPLICATIONS_PER_HOUR

    call_command("migrate", verbosity=0)
    manager = User.objects.create(username="bench-cam")
    manager.roles.set([Role.objects.get(code=CHANNEL_ACCOUNT_MANAGER)])
    actor = actor_for(manager)
    program = program_create(actor=actor, data={"code": "BENCH", "name": "Bench Program"})
    tier_create(actor=actor, program=program, data={"name": "Registered"})
    ProfileOption.objects.filter(code=APPLICATIONS_PER_HOUR).update(value=str(per_hour))


def _warm(port: int, workers: int) -> None:
    """Until every worker has loaded the app: a status read of an unknown
    token (404) answers in well under a second, several times in a row."""
    quick = 0
    deadline = time.time() + 120
    while quick < 4 * workers and time.time() < deadline:
        started = time.perf_counter()
        connection = HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("GET", f"{PATH}/warm-up")
            connection.getresponse().read()
        finally:
            connection.close()
        quick = quick + 1 if time.perf_counter() - started < 0.5 else 0


def _submit(port: int, number: int) -> tuple[int, float, bool]:
    body = json.dumps(
        {
            "program_code": "BENCH",
            "company_name": f"Bench Company {number}",
            "country": "DE",
            "first_name": "Ada",
            "last_name": f"Bench {number}",
            "email": f"ada{number}@bench.example",
        }
    )
    started = time.perf_counter()
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", PATH, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        status, retry = response.status, response.getheader("Retry-After") is not None
    except OSError:
        status, retry = 0, False
    finally:
        connection.close()
    return status, time.perf_counter() - started, retry


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _flood(port: int, rate: float, seconds: float) -> tuple[list[tuple[int, float, bool]], float]:
    """Send at `rate` a second for `seconds`; the answers and the rate sent."""
    results: list[tuple[int, float, bool]] = []
    lock = threading.Lock()

    def one(number: int) -> None:
        found = _submit(port, number)
        with lock:
            results.append(found)

    total = int(rate * seconds)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=64) as pool:
        for number in range(total):
            due = started + number / rate
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            pool.submit(one, number)
        sent_in = time.perf_counter() - started
    return results, total / sent_in


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--work-dir", default="", help="default: a new temporary directory")
    parser.add_argument("--rate", type=float, default=50.0, help="submissions a second")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--per-hour", type=int, default=40, help="the limit per address")
    parser.add_argument("--workers", type=int, default=2, help="as `openprm serve` defaults")
    parser.add_argument("--threads", type=int, default=4, help="as `openprm serve` defaults")
    args = parser.parse_args(argv)
    _prepare_environment(args)

    import django

    django.setup()
    from django.db import connection

    from benchmarks.measures import _free_port
    from openprm.recruitment.models import Application

    _setup(args.per_hour)
    port = _free_port()
    server = _serve(port, args.workers, args.threads)
    try:
        _warm(port, args.workers)
        results, sent_rate = _flood(port, args.rate, args.seconds)
    finally:
        server.terminate()
        server.wait(10)
    by_status: dict[int, list[float]] = {}
    for status, latency, _retry in results:
        by_status.setdefault(status, []).append(latency * 1000)
    refused = [r for r in results if r[0] == 429]
    print(
        f"{len(results)} submissions from one address at {sent_rate:.1f}/s for "
        f"{args.seconds:g} s, limit {args.per_hour}/hour ({connection.vendor}, "
        f"{args.workers} workers x {args.threads} threads)"
    )
    for status, latencies in sorted(by_status.items()):
        print(
            f"  {status or 'no answer'}: {len(latencies)}, p50 "
            f"{statistics.median(latencies):.1f} ms, p95 {_percentile(latencies, 0.95):.1f} ms, "
            f"max {max(latencies):.1f} ms"
        )
    print(f"  every 429 with Retry-After: {all(retry for _s, _l, retry in refused)}")
    stored = Application.objects.count()
    print(f"  applications stored: {stored} (201 answers: {len(by_status.get(201, []))})")


if __name__ == "__main__":
    main()
