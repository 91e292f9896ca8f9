"""Helpers for import tests: write a file, run an import as a user."""

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.core.files.base import ContentFile

from openprm.identity.models import User
from openprm.imports.models import ImportJob
from openprm.imports.services.job_setup import job_create
from openprm.imports.services.runs import job_run
from tests.factories import as_actor


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


@pytest.fixture
def run_import() -> Callable[..., ImportJob]:
    def run(
        actor: User,
        kind: str,
        data: bytes,
        name: str = "file.csv",
        mapping: dict[str, str] | None = None,
        batch_size: int = 1000,
    ) -> ImportJob:
        job = job_create(
            actor=as_actor(actor),
            kind=kind,
            upload=ContentFile(data, name=name),
            name=name,
            mapping=mapping,
        )
        return job_run(job, batch_size=batch_size)

    return run
