"""The database, the caches and the background task queue."""

import os

import dj_database_url

from openprm.config.settings.environment import ENV, VAR_DIR


def _database() -> dict[str, object]:
    """SQLite in WAL mode by default; PostgreSQL (or anything dj-database-url
    reads) when DATABASE_URL is set."""
    if url := os.environ.get("DATABASE_URL"):
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] == "django.db.backends.sqlite3":
            # Duplicate checks rely on each transaction holding the write lock.
            config.setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
        if config["ENGINE"] == "django.db.backends.postgresql":
            # JIT compiled the visibility-scoped list for 3-7 s per call
            # (docs/performance.md); short OLTP queries never gain from it.
            config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
            if os.environ.get("OPENPRM_PG_PREPARED_STATEMENTS", "1") == "1":
                # Planning the visibility conditions cost PostgreSQL more than
                # running them; a statement run twice on a connection is
                # prepared and its plan reused (API lookup 0.24 -> 0.32 of a
                # bare app). Poolers in transaction mode need this off.
                config["OPTIONS"]["server_side_binding"] = True
                config["OPTIONS"]["prepare_threshold"] = 2
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "openprm.sqlite3",
        # Each gunicorn thread keeps its connection: opening one (with the
        # PRAGMAs below) cost about 3 ms, more than an API request itself.
        "CONN_MAX_AGE": None,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA cache_size=-64000;"
            ),
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits of the public forms (recruitment) count in a database table, so
# every app server sharing the database counts the same requests, each count
# one atomic statement (core/counter_cache.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "openprm.core.counter_cache.CounterDatabaseCache",
        "LOCATION": "openprm_rate_limits",
    },
}
RATELIMIT_USE_CACHE = "ratelimit"

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if ENV == "test"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}
