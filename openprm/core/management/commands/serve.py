"""Serve OpenPRM with gunicorn (WSGI) plus a background-task worker, which
is started again (after failing or resuming its tasks) when it dies."""

import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from openprm.core.schedule import tick
from openprm.core.worker import tasks_abandoned, worker_command, worker_id

APPLICATION = "openprm.config.wsgi:application"
WORKER_CHECK_SECONDS = 1.0
SCHEDULE_SECONDS = 30.0


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
        worker = None if options["no_worker"] else _Worker()
        gunicorn = subprocess.Popen(
            gunicorn_command(
                bind=options["bind"], workers=options["workers"], threads=options["threads"]
            )
        )
        self.stdout.write(self.style.SUCCESS(f"OpenPRM is serving on http://{options['bind']}/"))
        stopping = threading.Event()

        def stop(*_: Any) -> None:
            stopping.set()
            if worker is not None:
                worker.process.send_signal(signal.SIGTERM)
            gunicorn.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        scheduled = _Schedule(enabled=worker is not None)
        while gunicorn.poll() is None:
            scheduled.tick()
            if worker is not None and worker.process.poll() is not None and not stopping.is_set():
                self.stderr.write(f"The task worker stopped ({worker.process.returncode}).")
                worker.replace()
            stopping.wait(WORKER_CHECK_SECONDS)
        stop()
        if worker is not None:
            worker.process.wait(timeout=10)
        raise SystemExit(gunicorn.returncode)


class _Worker:
    """The task worker, under an id of its own so that the tasks it was
    running can be found when it dies (`core.worker`)."""

    def __init__(self) -> None:
        self.number = 0
        self.process = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        self.number += 1
        self.identifier = worker_id(self.number)
        return subprocess.Popen(worker_command(self.identifier))

    def replace(self) -> None:
        """Fail (or resume) the dead worker's tasks, then start another."""
        try:
            tasks_abandoned(self.identifier)
        finally:
            connections.close_all()
        self.process = self._start()


class _Schedule:
    """Starts the periodic tasks (core.schedule) every SCHEDULE_SECONDS while
    this server runs a task worker; servers started with --no-worker leave
    the schedule to the others."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.next_at = 0.0

    def tick(self) -> None:
        now = time.monotonic()
        if not self.enabled or now < self.next_at:
            return
        self.next_at = now + SCHEDULE_SECONDS
        try:
            tick()
        finally:
            connections.close_all()
