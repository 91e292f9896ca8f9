"""The second process of an import (`imports.pipeline`): it reads the file,
prepares the rows batch by batch and sends them back.

It is forked from the importing process, so it starts with Django, the
kind and the kind's memo already loaded: starting a fresh interpreter and
setting Django up with every app cost more CPU than preparing 10,000
contact rows (docs/performance.md). Starting at once, it prepares every
batch, the first one too, and the importing process only checks rows
against the database and writes them. It never touches the database
connections it inherits and leaves by `os._exit`, so they are not closed
under the importing process. It stops when the pipe breaks, that is when
the import stopped: done, cancelled, failed or killed.
"""

import gc
import os
from itertools import chain
from multiprocessing.connection import Connection
from typing import Any

from openprm.imports.kinds.base import ImportKind, MappedRow

END = "end"
BATCH = "batch"
FAILED = "failed"


def prepare_and_send(
    reader: Connection,
    writer: Connection,
    kind: ImportKind,
    memo: dict[str, Any],
    first: list[MappedRow],
    file_args: dict[str, Any],
) -> None:
    """Runs in the forked process: the batch the importing process read to
    decide, then the file's next ones (`file_args` are
    `pipeline.file_batches`'s)."""
    from openprm.imports.pipeline import file_batches

    reader.close()  # the import's end only: a killed import breaks the pipe
    os.setsid()  # a Ctrl-C stops the import, which stops this process
    # Paused as in the importing process: a batch's rows are thousands of
    # short-lived objects, and a full collection walks all of Django too.
    gc.disable()
    try:
        for batch in chain([first], file_batches(**file_args)):
            kind.prepare(batch, memo)
            writer.send((BATCH, batch))
            del batch
            gc.collect(1)
        del first
        writer.send((END, None))
    except (BrokenPipeError, ConnectionResetError):
        return
    except Exception as error:  # the import fails the job with this message
        writer.send((FAILED, str(error) or type(error).__name__))
