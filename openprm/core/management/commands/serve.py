"""Serve OpenPRM with gunicorn (WSGI) plus a background-task worker."""

import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

APPLICATION = "openprm.config.wsgi:application"


def gunicorn_command(
    application: str = APPLICATION, *, bind: str, workers: int, threads: int
) -> list[str]:
    """The gunicorn command line of `openprm serve`; the API benchmark serves
    both OpenPRM and its bare WSGI baseline with it, so they compare under
    the same server settings (issue 6).

    Always the threaded worker, even with one thread: gunicorn's sync worker
    answers the arbiter's heartbeat only between requests, so a download
    longer than the worker timeout (a million-row export) was killed
    half-way; the threaded worker's main thread keeps answering."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        application,
        "--bind",
        bind,
        "--worker-class",
        "gthread",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
    ]


class Command(BaseCommand):
    help = "Serve the app with gunicorn (WSGI) and run the background task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("OPENPRM_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("OPENPRM_WORKERS", "2"))
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("OPENPRM_THREADS", "4"))
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the task worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        processes: list[subprocess.Popen[bytes]] = []
        if not options["no_worker"]:
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "openprm.cli", "db_worker", "--interval", "0.5"]
                )
            )
        gunicorn = subprocess.Popen(
            gunicorn_command(
                bind=options["bind"], workers=options["workers"], threads=options["threads"]
            )
        )
        processes.append(gunicorn)
        self.stdout.write(self.style.SUCCESS(f"OpenPRM is serving on http://{options['bind']}/"))

        def stop(*_: Any) -> None:
            for process in processes:
                process.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        code = gunicorn.wait()
        stop()
        for process in processes:
            process.wait(timeout=10)
        raise SystemExit(code)
