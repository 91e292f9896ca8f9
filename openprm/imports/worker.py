"""The second process of an import (`imports.pipeline`): it reads the file,
prepares the rows batch by batch and sends them back.

Run as `python -m openprm.imports.worker` with the arguments pickled on its
standard input; it writes the pickled batches to its standard output (what
it would print goes to standard error) and stops when the pipe breaks, that
is when the import stopped: done, cancelled, failed or killed.
"""

import gc
import os
import pickle
import sys
from typing import Any

END = "end"
BATCH = "batch"
FAILED = "failed"


def main() -> None:
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    args: dict[str, Any] = pickle.load(sys.stdin.buffer)  # noqa: S301 - from the import
    import django

    django.setup()
    from django.utils import translation

    from openprm.imports.kinds import kind_get
    from openprm.imports.pipeline import file_batches
    from openprm.imports.services.run_tuning import collector_paused

    if args["language"]:
        translation.activate(args["language"])
    kind = kind_get(args["kind"])
    memo: dict[str, Any] = pickle.loads(args["memo"])  # noqa: S301 - from the import
    try:
        # Paused as in the importing process: a batch's rows are thousands of
        # short-lived objects, and a full collection walks all of Django too.
        with collector_paused():
            for batch in file_batches(
                args["path"],
                args["name"],
                args["mapping"],
                args["after_line"],
                args["batch_size"],
                args["value_mapping"],
            ):
                kind.prepare(batch, memo)
                _send(out, (BATCH, batch))
                del batch
                gc.collect(1)
        _send(out, (END, None))
    except BrokenPipeError:
        return
    except Exception as error:  # the import fails the job with this message
        _send(out, (FAILED, str(error) or type(error).__name__))


def _send(out: Any, message: tuple[str, Any]) -> None:
    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        sys.exit(0)
