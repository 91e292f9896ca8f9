"""A server worker starts without the file libraries (IMP-1, IMP-3).

openpyxl, Pillow, pypdf, rapidfuzz, charset_normalizer and python-calamine
hold some 20 MB of a process together. Only exports, pictures, evidence,
duplicate checks and imports use them, so they are imported where they are
used: a worker that answers pages and API calls never loads them, and an
export worker loads openpyxl alone. A new top-level import of one of them
fails here, in a fresh interpreter that loads the app as gunicorn does.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("openpyxl", "PIL", "pypdf", "rapidfuzz", "charset_normalizer", "python_calamine")
PROBE = (
    "import json, sys\n"
    "import openprm.config.wsgi\n"
    f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
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
    assert json.loads(done.stdout.splitlines()[-1]) == []
