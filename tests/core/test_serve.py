"""`openprm serve`'s gunicorn: a download that outlasts the worker timeout
completes, with one thread as with several (IMP-3: long exports)."""

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from openprm.core.management.commands.serve import gunicorn_command

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_imp_3_a_download_longer_than_the_worker_timeout_completes_with_one_thread() -> None:
    port = _free_port()
    command = gunicorn_command(
        "tests.core.slow_wsgi:application", bind=f"127.0.0.1:{port}", workers=1, threads=1
    )
    env = {**os.environ, "GUNICORN_CMD_ARGS": "--timeout 2 --graceful-timeout 1"}
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=15) as response:
            body = response.read().decode()
    finally:
        server.terminate()
        server.wait(10)
    assert body.endswith("done\n")
