"""An import's rows, batch by batch, prepared while the batch before is
written (IMP-1).

A kind that `prepares` its rows (contacts: names, e-mails, phones) has them
prepared in a second process: while this process checks batch N against the
database and writes it, the second one reads and prepares batch N+1, so
both cores of a small server work: 10-20% of a contact import's time on
two otherwise idle cores, nothing when other work keeps both busy
(docs/performance.md). The second process prepares the first batch too:
forked, it starts at once. With a file of one batch, a kind that does not
prepare, or other threads running in this process, the rows are read and
prepared here.

The second process only reads the file: every check that involves the
database, the actor or visibility runs here, in the batch's transaction, so
a killed import still leaves whole batches. It is forked from this process
(`imports.worker`) and stops with it: its pipe breaks.
"""

import multiprocessing
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, islice
from multiprocessing.connection import Connection
from typing import Any

from openprm.imports.kinds.base import CUSTOM_PREFIX, ImportKind, MappedRow
from openprm.imports.models import ImportJob
from openprm.imports.readers import Row, read_table
from openprm.imports.worker import END, FAILED, prepare_and_send

_FORK = multiprocessing.get_context("fork")


def mapped_rows(
    rows: Iterator[Row],
    header: list[str],
    mapping: dict[str, str],
    value_mapping: dict[str, dict[str, str]] | None = None,
) -> Iterator[MappedRow]:
    """The file's rows by target field; a value the job's value mapping
    names for its field is replaced by the chosen one ("Customer - Direct"
    → "customer", `imports.values`)."""
    plan = [(i, mapping[t]) for i, t in enumerate(header) if mapping.get(t)]
    fields = [(i, t) for i, t in plan if not t.startswith(CUSTOM_PREFIX)]
    custom = [(i, t.removeprefix(CUSTOM_PREFIX)) for i, t in plan if t.startswith(CUSTOM_PREFIX)]
    replaced = [(t, value_mapping[t]) for _i, t in fields if (value_mapping or {}).get(t)]
    for row in rows:
        values = row.values
        data = {t: values[i] for i, t in fields}
        for target, chosen in replaced:
            data[target] = chosen.get(data[target].strip(), data[target])
        yield MappedRow(row.line, values, data, {t: values[i] for i, t in custom})


def file_batches(
    path: str,
    name: str,
    mapping: dict[str, str],
    after_line: int,
    batch_size: int,
    value_mapping: dict[str, dict[str, str]] | None = None,
) -> Iterator[list[MappedRow]]:
    """The mapped rows after `after_line`, in batches."""
    header, rows = read_table(path, name)
    mapped = mapped_rows(rows, header, mapping, value_mapping)
    pending = (r for r in mapped if r.line > after_line)
    while batch := list(islice(pending, batch_size)):
        yield batch


@contextmanager
def prepared_batches(
    job: ImportJob, kind: ImportKind, batch_size: int, memo: dict[str, Any]
) -> Iterator[Iterator[list[MappedRow]]]:
    """The batches of `job` after its last committed line, prepared by `kind`
    from `memo` (its `prepare_memo`). Leaving the block stops the second
    process."""
    path, name = job.file.path, job.original_name
    batches = file_batches(
        path, name, job.mapping, job.last_committed_row, batch_size, job.value_mapping
    )
    first = next(batches, None)
    if first is None:
        yield iter(())
        return
    if not kind.prepares or len(first) < batch_size or not _may_fork():
        yield _inline(kind, chain([first], batches), memo)
        return
    batches.close()
    file_args = {
        "path": path,
        "name": name,
        "mapping": job.mapping,
        "after_line": first[-1].line,
        "batch_size": batch_size,
        "value_mapping": job.value_mapping,
    }
    reader, writer = _FORK.Pipe(duplex=False)
    worker = _FORK.Process(
        target=prepare_and_send, args=(reader, writer, kind, memo, first, file_args), daemon=True
    )
    worker.start()
    writer.close()  # the second process's end only: it breaks when that one stops
    del first  # prepared and sent back by the second process
    try:
        yield _received(reader)
    finally:
        worker.kill()
        worker.join()
        worker.close()
        reader.close()


def _may_fork() -> bool:
    """Forking copies only the calling thread: with others running (a
    threaded server), one of them could hold a lock the copy would wait for
    forever, so the rows are prepared here."""
    return threading.active_count() == 1


def _inline(
    kind: ImportKind, batches: Iterator[list[MappedRow]], memo: dict[str, Any]
) -> Iterator[list[MappedRow]]:
    for batch in batches:
        kind.prepare(batch, memo)
        yield batch


def _received(reader: Connection) -> Iterator[list[MappedRow]]:
    """Batches from the second process."""
    while True:
        try:
            what, payload = reader.recv()
        except EOFError:
            raise RuntimeError("The process preparing the import's rows stopped.") from None
        if what == END:
            return
        if what == FAILED:
            raise RuntimeError(payload)
        yield payload
