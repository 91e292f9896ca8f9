"""In production a missing or weak OPENPRM_SECRET_KEY refuses to start: a key
anyone can guess lets them forge sessions and CSRF tokens."""

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEAK_KEYS = {
    "missing": None,
    "short": secrets.token_urlsafe(20),
    "django default": "django-insecure-" + secrets.token_urlsafe(48),
    "placeholder": "changeme-" + secrets.token_urlsafe(48),
    "secret word": "my-app-secret-key-" + secrets.token_urlsafe(40),
    "low entropy": "ab" * 30,
    "one character": "x" * 64,
}


def _openprm(tmp_path: Path, key: str | None, *args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "OPENPRM_ENV": "production",
        "OPENPRM_VAR_DIR": str(tmp_path),
        "OPENPRM_ALLOWED_HOSTS": "prm.example.com",
    }
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; check --deploy refuses it.
    for name in (
        "DJANGO_SETTINGS_MODULE",
        "DATABASE_URL",
        "OPENPRM_SECRET_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(name, None)
    if key is not None:
        env["OPENPRM_SECRET_KEY"] = key
    return subprocess.Popen(
        [sys.executable, "-m", "openprm.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    """The exit code and output; a command that started serving instead of
    refusing is stopped (with its gunicorn) and fails the test."""
    try:
        out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate(timeout=30)
        pytest.fail("the command started instead of refusing the key")
    return process.returncode, out + err


@pytest.mark.parametrize("key", WEAK_KEYS.values(), ids=WEAK_KEYS.keys())
def test_a_weak_production_key_fails_the_start_up_check(tmp_path: Path, key: str | None) -> None:
    code, output = _finish(_openprm(tmp_path, key, "check", "--deploy"))
    assert code != 0
    assert "OPENPRM_SECRET_KEY" in output
    assert "Traceback" not in output


def test_openprm_serve_refuses_a_weak_key(tmp_path: Path) -> None:
    code, output = _finish(
        _openprm(tmp_path, "changeme", "serve", "--no-worker", "--bind", "127.0.0.1:0")
    )
    assert code != 0
    assert "OPENPRM_SECRET_KEY is too short" in output


@pytest.mark.parametrize(
    "key",
    [secrets.token_urlsafe(50), secrets.token_hex(32), "check-deploy-" + secrets.token_urlsafe(48)],
    ids=["url-safe", "hex", "scripts/test.sh"],
)
def test_a_strong_production_key_passes(tmp_path: Path, key: str) -> None:
    code, output = _finish(_openprm(tmp_path, key, "check", "--deploy", "--fail-level", "WARNING"))
    assert code == 0, output
