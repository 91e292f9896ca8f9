"""Settings for the test suite: the `test` profile of settings.py."""

import os

os.environ["OPENPRM_ENV"] = "test"

from openprm.config.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405

STATIC_ROOT = VAR_DIR / "test-staticfiles"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_AUTOREFRESH = True

# Django's backends, emptying and restoring the database between
# transactional tests faster (core/testing).
TEST_BACKENDS = {
    "django.db.backends.postgresql": "openprm.core.testing.postgresql",
    "django.db.backends.sqlite3": "openprm.core.testing.sqlite3",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # In memory, one database per test process, as Django's default for
    # SQLite; named here because pytest-django recognizes SQLite by the
    # engine's name and would otherwise give each worker a file name.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = ":memory:"  # noqa: F405
DATABASES["default"]["ENGINE"] = TEST_BACKENDS[DATABASES["default"]["ENGINE"]]  # noqa: F405
