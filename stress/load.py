"""Load: 200 simulated users against `openprm serve` for 2 minutes, then the
bare WSGI app (benchmarks/bare_wsgi.py) under the same gunicorn command for
the throughput ratio.

    python -m stress.load [--database-url postgres://...] [--users 200] [--seconds 120]

Users are internal staff on pages, partner staff in the portal and API
clients (stress/locustfile.py), without think time, so the throughput is the
server's capacity under that mix. Only 127.0.0.1 is addressed.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from openprm.core.management.commands.serve import gunicorn_command
from stress.environment import fixtures, free_port, prepare, serve, stop, wait_listening

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
MIXES = {"full": ["InternalUser", "PortalUser", "ApiUser"], "lookup": ["BareUser"]}


def locust(
    env: dict[str, str], port: int, users: int, seconds: int, classes: list[str], out: Path
) -> dict[str, Any]:
    """Run locust headless; the aggregated figures of its CSV."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--host",
            f"http://127.0.0.1:{port}",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(users // 10, 1)),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--csv",
            str(out),
            "--only-summary",
            "--loglevel",
            "WARNING",
            *classes,
        ],
        env=env,
        check=False,
        timeout=seconds + 120,
    )
    with open(f"{out}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    with open(f"{out}_stats_history.csv", newline="") as handle:
        history = [r for r in csv.DictReader(handle) if r["Name"] == "Aggregated"]
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    return {
        "requests": requests,
        "failures": failures,
        "error_rate": failures / requests if requests else 0.0,
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "rps": float(total["Requests/s"]),
        "rps_second_half": _second_half_rps(history),
        "by_name": {
            r["Name"]: {
                "requests": int(r["Request Count"]),
                "failures": int(r["Failure Count"]),
                "p95_ms": float(r["95%"]),
            }
            for r in rows
            if r["Name"] != "Aggregated"
        },
    }


def _second_half_rps(history: list[dict[str, str]]) -> float:
    """Throughput over the run's second half: the first is dominated by the
    users signing in (one Argon2 verification each)."""
    points = [(int(r["Timestamp"]), int(r["Total Request Count"])) for r in history]
    if len(points) < 4:
        return 0.0
    middle = points[0][0] + (points[-1][0] - points[0][0]) / 2
    start = next(p for p in points if p[0] >= middle)
    return (points[-1][1] - start[1]) / max(points[-1][0] - start[0], 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; default SQLite")
    parser.add_argument("--size", default="small", choices=["small", "large"])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--baseline-seconds", type=int, default=60)
    parser.add_argument(
        "--mix",
        choices=["full", "lookup"],
        default="full",
        help="full: pages, portal and API; lookup: only the bare app's contact lookup",
    )
    parser.add_argument("--work-dir", default="")
    args = parser.parse_args(argv)
    work = Path(args.work_dir or tempfile.mkdtemp(prefix="openprm-load-"))
    env = prepare(work, args.database_url, args.size)
    fixture_file = work / "fixtures.json"
    fixture_file.write_text(json.dumps(fixtures(env)))
    env["STRESS_FIXTURES"] = str(fixture_file)

    port = free_port()
    server = serve(env, port)
    try:
        app = locust(
            env,
            port,
            args.users,
            args.seconds,
            MIXES[args.mix],
            work / "app",
        )
    finally:
        stop(server)

    port = free_port()
    bare = subprocess.Popen(
        gunicorn_command(
            "benchmarks.bare_wsgi:application", bind=f"127.0.0.1:{port}", workers=2, threads=4
        ),
        env={**env, "OPENPRM_VAR_DIR": str(work)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_listening(port, bare)
        baseline = locust(env, port, args.users, args.baseline_seconds, ["BareUser"], work / "bare")
    finally:
        stop(bare)
    result = {
        "database": "postgresql" if args.database_url else "sqlite",
        "size": args.size,
        "mix": args.mix,
        "users": args.users,
        "seconds": args.seconds,
        "cpus": os.cpu_count(),
        "app": app,
        "bare": {k: v for k, v in baseline.items() if k != "by_name"},
        "ratio": app["rps"] / baseline["rps"] if baseline["rps"] else None,
        "ratio_second_half": app["rps_second_half"] / baseline["rps_second_half"]
        if baseline["rps_second_half"]
        else None,
    }
    (work / "result.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
