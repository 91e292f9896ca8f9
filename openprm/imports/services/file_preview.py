"""What the mapping page shows of an import's file: its header and a few
values of each column."""

from openprm.imports.models import ImportJob
from openprm.imports.readers import read_table


def file_samples(job: ImportJob, rows: int = 20, per_column: int = 3) -> dict[str, list[str]]:
    """A few distinct values of each column from the file's first rows,
    shown beside the column on the mapping page."""
    header, table = read_table(job.file.path, job.original_name)
    samples: dict[str, list[str]] = {title: [] for title in header}
    for count, row in enumerate(table):
        if count >= rows:
            break
        for title, value in zip(header, row.values, strict=False):
            value = value.strip().replace("\n", " ")
            if value and value not in samples[title] and len(samples[title]) < per_column:
                samples[title].append(value[:40])
    return samples


def file_header(job: ImportJob) -> list[str]:
    header, _rows = read_table(job.file.path, job.original_name)
    return header
