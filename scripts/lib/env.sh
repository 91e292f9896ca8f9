# Shared by scripts/run.sh and scripts/test.sh: a virtual environment in .venv
# with OpenPRM installed, reinstalled only when pyproject.toml changes.

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
