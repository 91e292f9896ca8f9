"""A server worker starts without the file libraries (IMP-1, IMP-3).

openpyxl, Pillow, pypdf, rapidfuzz, charset_normalizer and python-calamine
hold some 20 MB of a process together. Only exports, pictures, evidence,
duplicate checks and imports use them, so they are imported where they are
used: a worker that answers pages and API calls never loads them, and an
export worker loads openpyxl alone. A new top-level import of one of them
fails here, in a fresh interpreter that loads the app as gunicorn does and
then every view of the URLconf, as its first requests do. The import kinds
and the trainings' evidence check are among the modules loaded, so the
probe covers them: trainings checks PDF evidence with pypdf and imports
its certifications from a spreadsheet.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("openpyxl", "PIL", "pypdf", "rapidfuzz", "charset_normalizer", "python_calamine")
# Modules whose file handling uses the libraries, loaded by the probe.
COVERED = (
    "openprm.imports.readers",
    "openprm.trainings.evidence",
    "openprm.trainings.import_kinds",
    "openprm.trainings.views",
)
PROBE = (
    "import json, sys\n"
    "import openprm.config.wsgi\n"
    "from django.urls import URLResolver, get_resolver\n"
    "def views(resolver):\n"
    "    for pattern in resolver.url_patterns:\n"
    "        views(pattern) if isinstance(pattern, URLResolver) else pattern.callback\n"
    "views(get_resolver())\n"
    f"print(json.dumps([sorted(m for m in {HEAVY!r} if m in sys.modules),\n"
    f"                  sorted(m for m in {COVERED!r} if m in sys.modules)]))\n"
)


def test_imp_3_a_fresh_server_process_loads_no_file_library(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "openprm.config.settings",
        "OPENPRM_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    heavy, covered = json.loads(done.stdout.splitlines()[-1])
    assert heavy == []
    assert covered == sorted(COVERED)
