"""Issue 19: `GET /api/v1/contacts/{id}` before and after a change, on server
CPU alone, per role: the app served from two checkouts (git worktrees) of
the same database, next to the bare WSGI app, in alternating order round
after round, so a machine shared with other work loads both alike.

    python -m benchmarks.bench_pages --contacts 20000 --work-dir /tmp/pages20k \\
        --only none --api-seconds 0
    python -m benchmarks.api_before_after --work-dir /tmp/pages20k \\
        --before /work/wt-before --after /work/wt-after --rounds 4

The data are bench_pages' (SQLite in --work-dir; the people of
benchmarks.pages_data), the load and the CPU count bench_api's: two clients,
a new connection per request, the gunicorn master and workers' CPU from
/proc. Prints, per role, the median CPU milliseconds a request of each
server (each round's figure in brackets), the bare app's ratio to each, and
the one-minute load average seen after each measurement.
"""

import argparse
import os
import statistics
from typing import Any

SERVED = ("before", "after", "bare")


def _cpu_per_request(served: str, args: Any, token: str, ids: list[int]) -> float:
    from benchmarks.bench_api import APPS, _cpu_seconds, _serve, _stop
    from benchmarks.measures import _free_port, _load

    application = APPS["bare" if served == "bare" else "OpenPRM"]
    tree = args.after if served == "bare" else getattr(args, served)
    port = _free_port()
    server = _serve(application, port, 2, 4, tree=tree)
    try:
        _load(port, token, ids, 1.0, 2)
        before = _cpu_seconds(server.pid)
        rate = _load(port, token, ids, args.seconds, 2)
        return 1000 * (_cpu_seconds(server.pid) - before) / max(1.0, rate * args.seconds)
    finally:
        _stop(server)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", required=True, help="bench_pages' SQLite data")
    parser.add_argument("--before", required=True, help="checkout of the version before")
    parser.add_argument("--after", required=True, help="checkout of the version after")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--roles", default="", help="comma-separated; default every role")
    args = parser.parse_args(argv)
    os.environ.update(
        OPENPRM_VAR_DIR=args.work_dir,
        OPENPRM_ENV="local",
        DJANGO_SETTINGS_MODULE="openprm.config.settings",
        GUNICORN_CMD_ARGS="--log-level warning",
    )
    import django

    django.setup()
    from benchmarks import pages_data
    from benchmarks.bench_api import _visible_ids
    from openprm.identity.actors import actor_for
    from openprm.identity.services import token_create

    users = pages_data.people().users
    print("| role | before ms | after ms | bare ms | ratio before | ratio after | load |")
    print("|---|---|---|---|---|---|---|")
    for role in args.roles.split(",") if args.roles else list(users):
        actor = actor_for(users[role])
        ids = _visible_ids(actor, 500)
        _token, plaintext = token_create(actor=actor, name="api-before-after")
        cpu: dict[str, list[float]] = {served: [] for served in SERVED}
        loads = []
        for number in range(args.rounds):
            first, second = SERVED[:2] if number % 2 == 0 else SERVED[1::-1]
            for served in (first, second, "bare"):
                cpu[served].append(_cpu_per_request(served, args, plaintext, ids))
                loads.append(os.getloadavg()[0])
        median = {served: statistics.median(figures) for served, figures in cpu.items()}
        cells = [
            f"{median[served]:.2f} ({' '.join(f'{x:.2f}' for x in cpu[served])})"
            for served in SERVED
        ]
        print(
            f"| {role} | {' | '.join(cells)} | {median['bare'] / median['before']:.2f} | "
            f"{median['bare'] / median['after']:.2f} | {min(loads):.1f}-{max(loads):.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
