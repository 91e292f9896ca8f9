"""The benchmark suite: `python -m benchmarks.run --contacts 100000`.

Generates data in a fresh database (SQLite in a temporary directory, or the
PostgreSQL database named by --database-url, dropped and created again),
then prints each figure next to the raw database measured in the same run.
Figures are reported, never asserted.
"""

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path


def _prepare_environment(args: argparse.Namespace) -> None:
    """Settings read the environment once, at django.setup()."""
    work = Path(args.work_dir or tempfile.mkdtemp(prefix="openprm-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["OPENPRM_VAR_DIR"] = str(work)
    os.environ["OPENPRM_ENV"] = "local"
    os.environ["DJANGO_SETTINGS_MODULE"] = "openprm.config.settings"
    os.environ.pop("DATABASE_URL", None)
    if args.database_url:
        _recreate_postgres(args.database_url)
        os.environ["DATABASE_URL"] = args.database_url
    else:
        for name in ("openprm.sqlite3", "openprm.sqlite3-wal", "openprm.sqlite3-shm"):
            (work / name).unlink(missing_ok=True)


def _recreate_postgres(url: str) -> None:
    import psycopg
    from psycopg import sql

    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.get("dbname", "")
    if name in ("", "postgres", "test", "template0", "template1"):
        raise SystemExit(f"refusing to recreate database {name!r}: name a benchmark database")
    admin = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=100_000, help="contacts generated first")
    parser.add_argument("--accounts", type=int, default=0, help="default: contacts / 10")
    parser.add_argument("--partners", type=int, default=0, help="partner accounts among them")
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; default SQLite")
    parser.add_argument("--work-dir", default="")
    parser.add_argument("--http-seconds", type=float, default=5.0)
    parser.add_argument("--skip", action="append", default=[], help="skip a measurement by name")
    args = parser.parse_args(argv)
    _prepare_environment(args)

    import django

    django.setup()
    from benchmarks import measures

    results = measures.run_all(args)
    print()
    print(f"OpenPRM benchmarks — {measures.machine()} — Python {platform.python_version()}")
    print(measures.table(results))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
