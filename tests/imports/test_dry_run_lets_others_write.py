"""Issue 18, IMP-1: a dry run on SQLite does not hold the write lock, so the
other users of the installation keep saving while it checks a large file,
and it still reports what the import then does.

Runs in a subprocess on a file-based SQLite database in WAL mode, as an
installation does; a second connection saves a row after each batch.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.imports.conftest import csv_bytes

ROWS = 1_000
BATCH = 200
SCRIPT = """
import json, sqlite3, sys
import django
django.setup()
from django.core.files.base import File
from openprm.identity.actors import actor_for
from openprm.identity.models import User
from openprm.imports.dry_run import job_from_dry_run
from openprm.imports.services.job_setup import job_create
from openprm.imports.services.runs import job_run

db, source, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
actor = actor_for(User.objects.get(username="importer"))
saves = []

def another_user_saves(job):
    other = sqlite3.connect(db, timeout=2)
    try:
        with other:
            other.execute(
                "UPDATE identity_user SET first_name = ? WHERE username = 'importer'",
                (f"Batch {len(saves)}",),
            )
        saves.append("saved")
    except sqlite3.OperationalError as error:
        saves.append(str(error))
    finally:
        other.close()

def outcome(job):
    return [job.status, job.total_rows, job.accepted_rows, job.rejected_rows,
            job.skipped_rows, job.warning_count]

def persons():
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT count(*) FROM contacts_person").fetchone()[0]
    finally:
        connection.close()

with open(source, "rb") as upload:
    dry = job_create(actor=actor, kind="contacts", upload=File(upload, name="c.csv"), dry_run=True)
dry = job_run(dry, progress=another_user_saves, batch_size=batch)
after_dry = persons()
real = job_run(job_from_dry_run(actor=actor, job=dry), batch_size=batch)
print(json.dumps({
    "saves": saves, "dry": outcome(dry), "real": outcome(real),
    "persons_after_dry": after_dry, "persons_after_real": persons(),
    "first_name": User.objects.get(username="importer").first_name,
}))
"""


def _command(env: dict[str, str], *args: str, stdin: bytes = b"") -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, input=stdin, capture_output=True, timeout=600
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


def test_imp_1_a_dry_run_on_sqlite_lets_other_users_save_and_reports_the_import(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "OPENPRM_VAR_DIR": str(tmp_path),
        "OPENPRM_ENV": "local",
        "DJANGO_SETTINGS_MODULE": "openprm.config.settings",
    }
    env.pop("DATABASE_URL", None)
    _command(env, "-m", "openprm.cli", "migrate", "-v0")
    _command(
        env,
        "-m",
        "openprm.cli",
        "createadmin",
        "importer",
        "--password-stdin",
        stdin=b"Imp-Pass-2026\n",
    )
    rows = [
        # Every 10th row has no last name (rejected), every 25th repeats the
        # e-mail of the row before (a duplicate).
        ["First", "" if i % 10 == 0 else f"Last{i}", f"p{i - 1 if i % 25 == 0 else i}@example.com"]
        for i in range(ROWS)
    ]
    source = tmp_path / "contacts.csv"
    source.write_bytes(csv_bytes(["First name", "Last name", "E-mail"], rows))

    found = json.loads(
        _command(env, "-c", SCRIPT, str(tmp_path / "openprm.sqlite3"), str(source), str(BATCH))
    )

    assert found["saves"] == ["saved"] * (ROWS // BATCH)
    assert found["first_name"] == f"Batch {ROWS // BATCH - 1}"
    assert found["persons_after_dry"] == 0
    assert found["dry"] == found["real"]
    status, total, accepted, rejected, _skipped, _warnings = found["dry"]
    assert (status, total) == ("done", ROWS)
    assert rejected > 0
    assert found["persons_after_real"] == accepted
