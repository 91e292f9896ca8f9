#!/usr/bin/env bash
# Set up everything (virtual environment, install, migrations, demo data) and
# serve OpenPRM on http://127.0.0.1:8000 with SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh
ensure_venv run
ensure_node_modules
openprm setup
echo
echo "Open http://127.0.0.1:8000/ and sign in with one of the demo users above."
echo "List the demo sign-ins again any time with: .venv/bin/openprm demo --users"
exec openprm serve "$@"
