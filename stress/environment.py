"""A fresh installation to stress: SQLite in a work directory, or a
PostgreSQL database dropped and created again, with demo data and tokens."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.run import _recreate_postgres


def prepare(work: Path, database_url: str = "", size: str = "small") -> dict[str, str]:
    """The environment of the installation (settings come from it)."""
    work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "OPENPRM_VAR_DIR": str(work),
        "OPENPRM_ENV": "local",
        "DJANGO_SETTINGS_MODULE": "openprm.config.settings",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        _recreate_postgres(database_url)
        env["DATABASE_URL"] = database_url
    else:
        for name in ("openprm.sqlite3", "openprm.sqlite3-wal", "openprm.sqlite3-shm"):
            (work / name).unlink(missing_ok=True)
    openprm(env, "setup", "--no-demo")
    openprm(env, "demo", "--size", size)
    return env


def openprm(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "openprm.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"openprm {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def fixtures(env: dict[str, str]) -> dict[str, Any]:
    """An administrator's API token and some record ids, for the clients."""
    code = (
        "import json\n"
        "from openprm.contacts.models import Person\n"
        "from openprm.customers.models import Account\n"
        "from openprm.identity.actors import actor_for\n"
        "from openprm.identity.models import User\n"
        "from openprm.identity.services import token_create\n"
        "admin = actor_for(User.objects.get(username='admin'))\n"
        "print(json.dumps({'token': token_create(actor=admin, name='stress')[1],\n"
        "  'contacts': list(Person.objects.values_list('pk', flat=True)[:500]),\n"
        "  'accounts': list(Account.objects.filter(is_active=True)"
        ".values_list('pk', flat=True)[:500])}))\n"
    )
    return json.loads(openprm(env, "shell", "-c", code).strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_listening(port: int, process: subprocess.Popen[Any], seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited while starting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port}")


def serve(env: dict[str, str], port: int, *extra: str) -> subprocess.Popen[bytes]:
    """`openprm serve` (gunicorn + the task worker), its own process group
    so that stopping it stops its children too."""
    process = subprocess.Popen(
        [sys.executable, "-m", "openprm.cli", "serve", "--bind", f"127.0.0.1:{port}", *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_listening(port, process)
    return process


def stop(process: subprocess.Popen[Any]) -> None:
    """SIGTERM to the server's group (gunicorn and the worker), then wait."""
    try:
        os.killpg(process.pid, 15)
    except ProcessLookupError:
        return
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait(10)


def post_contact(port: int, token: str, body: str, timeout: float) -> str:
    """POST one contact to the API: the answer's status, or the name of the
    connection error (the server was restarting, a backend was killed)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            "POST",
            "/api/v1/contacts",
            body,
            {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        response.read()
        return str(response.status)
    except OSError as error:
        return type(error).__name__
    finally:
        connection.close()
