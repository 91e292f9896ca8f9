"""CPU time of the contact and account imports, for A/B runs of two commits:
`python -m benchmarks.import_cpu --rows 20000` (run from each checkout, in
turns). Prints one JSON line.

`benchmarks.run` reports rows per second by the wall clock, which on a
shared machine measures the neighbours as much as the import. This runs the
same two imports (the same generated data and files) and reports the CPU
seconds of the importing process and, separately, of the process that
prepares contact rows beside it (`imports.pipeline`).
"""

import argparse
import json
import resource
import time
from pathlib import Path
from typing import Any

from benchmarks import run


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000, help="contacts generated and imported")
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; default SQLite")
    cli = parser.parse_args()
    args = argparse.Namespace(
        contacts=cli.rows,
        accounts=0,
        partners=0,
        import_rows=cli.rows,
        database_url=cli.database_url,
        work_dir="",
        http_seconds=1.0,
        skip=[],
    )
    run._prepare_environment(args)
    import django

    django.setup()
    from benchmarks import measures

    figures: dict[str, Any] = {}
    plain_import = measures._import

    def timed(s: measures.Setup, kind: str, path: Path) -> tuple[float, Any]:
        cpu, children = time.process_time(), _children_cpu()
        elapsed, job = plain_import(s, kind, path)
        figures[kind] = {
            "wall_s": round(elapsed, 3),
            "cpu_s": round(time.process_time() - cpu, 3),
            "second_process_cpu_s": round(_children_cpu() - children, 3),
            "accepted": job.accepted_rows,
        }
        return elapsed, job

    measures._import = timed
    setup, _generated = measures.setup(args)
    measures.measure_import_contacts(setup)
    measures.measure_import_accounts(setup)
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main()
