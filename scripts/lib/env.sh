# Shared by scripts/run.sh and scripts/test.sh: a virtual environment in .venv
# with OpenPRM installed, reinstalled only when pyproject.toml changes, and the
# front-end assets in node_modules, reinstalled only when package-lock.json changes.

ensure_venv() {
  local extras="$1" python="${PYTHON:-python3.11}"
  command -v "$python" >/dev/null 2>&1 || python=python3
  if [ ! -x .venv/bin/python ]; then
    echo "Creating the virtual environment in .venv"
    "$python" -m venv .venv
  fi
  local stamp=".venv/.openprm-installed-$extras"
  local wanted
  wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing OpenPRM and its dependencies ($extras)"
    .venv/bin/python -m pip install --quiet --upgrade pip
    if [ "$extras" = "run" ]; then
      .venv/bin/python -m pip install --quiet -e .
    else
      .venv/bin/python -m pip install --quiet -e ".[$extras]"
    fi
    echo "$wanted" > "$stamp"
  fi
  export PATH="$PWD/.venv/bin:$PATH"
}

ensure_chromium() {
  # Browser tests drive Debian's chromium through Playwright; never a browser download.
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian chromium for the browser tests"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  fi
}

ensure_node_modules() {
  # The design system, icons, chart library and axe-core come from npm
  # (package.json + package-lock.json); `npm ci` reruns only when the lock changes.
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing Debian nodejs and npm for the front-end assets"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
  fi
  local stamp="node_modules/.openprm-installed"
  local wanted
  wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing the front-end assets (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$wanted" > "$stamp"
  fi
}
