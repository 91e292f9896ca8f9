"""Every write of the imports app (IMP-1, IMP-2).

Preparing a job (its file, mapping and value mapping) is jobs.py; running,
cancelling and resuming it running.py.
"""

from openprm.imports.services.jobs import (
    abandoned_uploads_delete,
    file_header,
    file_samples,
    job_create,
    job_set_mapping,
    job_set_values,
    job_value_choices,
)
from openprm.imports.services.running import (
    BATCH_SIZE,
    job_cancel,
    job_prepare_resume,
    job_run,
)

__all__ = [
    "BATCH_SIZE",
    "abandoned_uploads_delete",
    "file_header",
    "file_samples",
    "job_cancel",
    "job_create",
    "job_prepare_resume",
    "job_run",
    "job_set_mapping",
    "job_set_values",
    "job_value_choices",
]
