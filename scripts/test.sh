#!/usr/bin/env bash
# Set up and run the whole test suite: lint, format check, pytest (including
# browser tests in Debian chromium and schemathesis), and Django's deployment
# checks with production settings. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh
ensure_venv test
ensure_node_modules
ensure_chromium

echo "== ruff check"
ruff check .
echo "== ruff format --check"
ruff format --check .
echo "== manage.py check --deploy (production settings)"
OPENPRM_ENV=production \
OPENPRM_SECRET_KEY="check-deploy-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
OPENPRM_ALLOWED_HOSTS=prm.example.com \
OPENPRM_VAR_DIR="$(mktemp -d)" \
  python manage.py check --deploy --fail-level WARNING
echo "== makemigrations --check"
OPENPRM_VAR_DIR="$(mktemp -d)" python manage.py makemigrations --check --dry-run >/dev/null
echo "== pytest (${DATABASE_URL:+PostgreSQL}${DATABASE_URL:-SQLite})"
python -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
