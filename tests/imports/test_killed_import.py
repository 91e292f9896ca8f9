"""IMP-2: an import killed with SIGKILL leaves whole batches and a job that
says where it stopped; `openprm import --resume` finishes without duplicates.

Runs the real command in a subprocess on a file-based SQLite database.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.imports.conftest import csv_bytes

ROWS = 20_000
BATCH = 200


def _command(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "openprm.cli", *args],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _query(db: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(db, timeout=20)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _children(pid: int) -> list[int]:
    """The processes `pid` started: the import's forked second process."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            status = (proc / "status").read_text()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in status:
            found.append(int(proc.name))
    return found


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has stopped, unreaped


def _gone(pids: list[int]) -> bool:
    """The worker notices the import is gone at its next write to the pipe,
    which a busy machine can delay by seconds: poll, bounded generously."""
    deadline = time.time() + 60
    while any(_running(pid) for pid in pids) and time.time() < deadline:
        time.sleep(0.1)
    return not any(_running(pid) for pid in pids)


def test_imp_2_killed_import_resumes_without_duplicates(tmp_path: Path) -> None:
    """Batches are prepared in a second process while the import writes
    (`imports.pipeline`); it stops with the killed import."""
    env = {
        **os.environ,
        "OPENPRM_VAR_DIR": str(tmp_path),
        "OPENPRM_ENV": "local",
        "DJANGO_SETTINGS_MODULE": "openprm.config.settings",
    }
    env.pop("DATABASE_URL", None)
    db = tmp_path / "openprm.sqlite3"
    assert _command(env, "migrate", "-v0").wait(300) == 0
    admin = _command(env, "createadmin", "importer", "--password-stdin")
    admin.communicate(b"Imp-Pass-2026\n")
    assert admin.returncode == 0
    rows = [[f"First{i}", f"Last{i}", f"p{i}@example.com"] for i in range(ROWS)]
    source = tmp_path / "contacts.csv"
    source.write_bytes(csv_bytes(["First name", "Last name", "E-mail"], rows))

    running = _command(
        env, "import", "contacts", str(source), "--quiet", "--batch-size", str(BATCH)
    )
    deadline = time.time() + 120
    committed = 0
    while time.time() < deadline and committed < 2 * BATCH:
        time.sleep(0.05)
        found = (
            _query(db, "SELECT max(last_committed_row) FROM imports_importjob")
            if db.exists()
            else []
        )
        committed = (found[0][0] or 0) if found else 0
    workers = _children(running.pid)
    assert workers, "the rows were not prepared in a second process"
    running.send_signal(signal.SIGKILL)
    running.wait(10)
    assert _gone(workers)

    [(job_id, status, last_line, accepted)] = _query(
        db, "SELECT id, status, last_committed_row, accepted_rows FROM imports_importjob"
    )
    persons = _query(db, "SELECT count(*) FROM contacts_person")[0][0]
    assert status == "running"
    assert last_line < ROWS + 1, "the import finished before it could be killed"
    assert persons == accepted == last_line - 1
    assert persons % BATCH == 0

    resumed = _command(env, "import", "--resume", str(job_id), "--quiet")
    assert resumed.wait(300) == 0, resumed.stderr.read().decode() if resumed.stderr else ""
    [(status, accepted, rejected)] = _query(
        db, "SELECT status, accepted_rows, rejected_rows FROM imports_importjob"
    )
    assert (status, accepted, rejected) == ("done", ROWS, 0)
    assert _query(db, "SELECT count(*), count(DISTINCT email) FROM contacts_contactpoint") == [
        (ROWS, ROWS)
    ]
    assert _query(db, "SELECT count(*) FROM contacts_person")[0][0] == ROWS
