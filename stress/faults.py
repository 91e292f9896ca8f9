"""Faults: the task worker killed (SIGKILL) in the middle of an import, a
territory realignment and an export; on PostgreSQL, the server's database
backends terminated mid-request. Each fault `--runs` times (default 20).

    python -m stress.faults [--database-url postgres://...] [--runs 20]
        [--only import|realignment|export|terminate]

A running `openprm serve` (gunicorn and its task worker) gets a job; once
the job runs, its worker is killed with SIGKILL. Checked: no partial rows,
what the job says in the end (or that it is stuck), that a repeated job
finishes, and that the server still answers. Only 127.0.0.1 is
addressed; every wait is bounded.
"""

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stress.environment import fixtures, free_port, post_contact, prepare, serve, stop

IMPORT_ROWS = 12_000
ACCOUNTS = 100_000
TERRITORIES = 500


def _until(condition: Callable[[], bool], seconds: float, step: float = 0.01) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def _worker_pid(server: subprocess.Popen[bytes]) -> int | None:
    """The task worker `openprm serve` runs (a child with db_worker)."""
    for proc in Path("/proc").iterdir():
        try:
            stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            command = (proc / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if int(stat[1]) == server.pid and b"db_worker" in command:
            return int(proc.name)
    return None


def _kill_worker(server: subprocess.Popen[bytes]) -> bool:
    pid = _worker_pid(server)
    if pid is None:
        return False
    os.kill(pid, signal.SIGKILL)
    return True


def _serving(port: int, token: str) -> bool:
    """The server answers an API read with 200."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/api/v1/accounts", headers={"Authorization": f"Bearer {token}"})
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _csv(rows: list[list[str]]) -> bytes:
    lines = ["First name,Last name,E-mail", *(",".join(r) for r in rows)]
    return ("\n".join(lines) + "\n").encode()


def import_run(server: subprocess.Popen[bytes], number: int, admin: Any) -> dict[str, Any]:
    from django.core.files.base import ContentFile

    from openprm.contacts.models import ContactPoint
    from openprm.imports.services.job_setup import job_create
    from openprm.imports.tasks import import_job_run

    domain = f"run{number}.fault.example"
    rows = [[f"F{i}", f"Fault{number}", f"p{i}@{domain}"] for i in range(IMPORT_ROWS)]
    job = job_create(
        actor=admin, kind="contacts", upload=ContentFile(_csv(rows), name="f.csv"), name="f.csv"
    )
    import_job_run.enqueue(job.pk)
    caught = _until(lambda: job.__class__.objects.filter(pk=job.pk, status="running").exists(), 120)
    time.sleep(random.uniform(0, 2))  # somewhere in its two batches of 10,000
    killed = _kill_worker(server)
    job.refresh_from_db()
    points = ContactPoint.objects.filter(email__endswith=f"@{domain}").count()
    whole = points == job.accepted_rows == max(job.last_committed_row - 1, 0)
    status_after_kill = job.status
    finished = _until(
        lambda: job.__class__.objects.filter(pk=job.pk, status__in=["done", "failed"]).exists(),
        300,
        0.2,
    )
    job.refresh_from_db()
    final = ContactPoint.objects.filter(email__endswith=f"@{domain}").count()
    return {
        "killed_while_running": caught and killed and status_after_kill == "running",
        "whole_batches_only": whole,
        "final_status": job.status if finished else "stuck " + job.status,
        "all_rows_once": final == IMPORT_ROWS,
    }


def realignment_run(server: subprocess.Popen[bytes], number: int, admin: Any) -> dict[str, Any]:
    from django.db import transaction

    from benchmarks.bench_realignment import reset
    from openprm.territories.models import AccountTerritory, RealignmentRun
    from openprm.territories.services import realignment_start

    reset()  # every run writes all assignments and team members again
    before = AccountTerritory.objects.count()
    with transaction.atomic():
        run = realignment_start(actor=admin)
    caught = _until(
        lambda: RealignmentRun.objects.filter(pk=run.pk, status="running").exists(), 60, 0.002
    )
    time.sleep(random.uniform(0, 1.5))
    killed = _kill_worker(server)
    after = AccountTerritory.objects.count()
    finished = _until(
        lambda: RealignmentRun.objects.filter(pk=run.pk, status__in=["done", "failed"]).exists(),
        60,
        0.2,
    )
    run.refresh_from_db()
    with transaction.atomic():
        again = realignment_start(actor=admin)
    repeated = _until(
        lambda: RealignmentRun.objects.filter(pk=again.pk, status="done").exists(), 300, 0.2
    )
    expected = AccountTerritory.objects.count()
    return {
        "killed_while_running": caught and killed,
        # A killed run committed nothing, or all of it (what a full run makes).
        "all_or_nothing": after in (before, expected),
        "final_status": run.status if finished else "stuck " + run.status,
        "error": run.error,
        "next_run_done": repeated,
    }


def export_run(server: subprocess.Popen[bytes], number: int, admin: Any) -> dict[str, Any]:
    from openprm.core.exporters.models import ExportJob
    from openprm.core.exporters.tasks import export_job_task

    job = ExportJob.objects.create(
        created_by=admin,
        path="/customers/accounts/",
        query="export=xlsx",
        filename=f"accounts-{number}",
    )
    export_job_task.enqueue(job.pk)
    caught = _until(
        lambda: ExportJob.objects.filter(
            pk=job.pk, status="running", processed_rows__gt=0
        ).exists(),
        120,
    )
    killed = _kill_worker(server)
    finished = _until(
        lambda: ExportJob.objects.filter(pk=job.pk, status__in=["done", "failed"]).exists(),
        60,
        0.2,
    )
    job.refresh_from_db()
    return {
        "killed_while_running": caught and killed,
        "no_file_unless_done": not job.file or job.status == "done",
        "final_status": job.status if finished else "stuck " + job.status,
        "error": job.error,
    }


def terminate_runs(env: dict[str, str], port: int, token: str, runs: int) -> dict[str, Any]:
    """Creates and reads through the API while the server's backends are
    terminated, `runs` times; then the server must answer again and every
    created contact must have its e-mail (no partial create)."""
    import psycopg

    from openprm.contacts.models import ContactPoint, Person

    url = env["DATABASE_URL"]
    statuses: Counter[str] = Counter()
    stop_at = [time.time() + 3600.0]
    guard = threading.Lock()

    def client(number: int) -> None:
        sent = 0
        while time.time() < stop_at[0]:
            sent += 1
            body = json.dumps(
                {
                    "last_name": f"Term{number}x{sent}",
                    "email": f"t{number}x{sent}@terminate.example",
                    "confirm_duplicates": True,
                }
            )
            outcome = post_contact(port, token, body, timeout=60)
            with guard:
                statuses[outcome] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    terminated = 0
    recovered = 0
    with psycopg.connect(url, autocommit=True) as admin_connection:
        for _ in range(runs):
            time.sleep(1.0)
            found = admin_connection.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND state <> 'idle'"
            ).fetchone()
            terminated += found[0] if found else 0
            if _until(lambda: _serving(port, token), 30, 0.2):
                recovered += 1
    stop_at[0] = 0
    for thread in threads:
        thread.join(120)
    persons = Person.objects.filter(last_name__startswith="Term").count()
    points = ContactPoint.objects.filter(email__endswith="@terminate.example").count()
    return {
        "runs": runs,
        "backends_terminated": terminated,
        "answered_again_after_each": recovered,
        "statuses": dict(statuses),
        "persons": persons,
        "points": points,
        "no_partial_rows": persons == points,
    }


def _summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    keys = results[0].keys() if results else []
    return {key: dict(Counter(str(r[key]) for r in results)) for key in keys}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; default SQLite")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--work-dir", default="")
    args = parser.parse_args(argv)
    work = Path(args.work_dir or tempfile.mkdtemp(prefix="openprm-faults-"))
    env = prepare(work, args.database_url)
    token = fixtures(env)["token"]
    os.environ.update(env)

    import django

    django.setup()
    from benchmarks.bench_realignment import generate

    if {"realignment", "export"} & set(args.only or ["realignment"]):
        # Accounts and territories: a realignment of seconds and an export
        # of a minute, to kill in the middle.
        generate(ACCOUNTS, TERRITORIES)
    from openprm.identity.actors import actor_for
    from openprm.identity.models import User

    admin = actor_for(User.objects.get(username="admin"))
    wanted = args.only or ["import", "realignment", "export", "terminate"]
    port = free_port()
    server = serve(env, port)
    report: dict[str, Any] = {"database": "postgresql" if args.database_url else "sqlite"}
    try:
        for name, run in (
            ("import", import_run),
            ("realignment", realignment_run),
            ("export", export_run),
        ):
            if name not in wanted:
                continue
            results = []
            for number in range(args.runs):
                outcome = run(server, number, admin)
                outcome["server_answers"] = _serving(port, token)
                results.append(outcome)
            report[name] = _summary(results)
        if "terminate" in wanted and args.database_url:
            report["terminate"] = terminate_runs(env, port, token, args.runs)
    finally:
        stop(server)
    (work / "faults.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
