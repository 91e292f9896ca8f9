"""Setting up an import before it runs (IMP-1): the job with its file, the
column mapping (suggested, checked, remembered), what a row matching an
existing record does, and the mapping of a choice column's values."""

from pathlib import Path
from typing import Any

from django.core.files.base import File
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.imports.kinds import kind_get
from openprm.imports.kinds.base import ImportKind
from openprm.imports.mapping import (
    saved_mapping_get,
    saved_mapping_store,
    saved_values_get,
    suggest_mapping,
    valid_targets,
)
from openprm.imports.models import ImportJob
from openprm.imports.presets import detect, preset_values
from openprm.imports.readers import read_table, read_upload_header
from openprm.imports.services.file_preview import file_header
from openprm.imports.updates import updates_supported
from openprm.imports.values import ValueChoice, checked_value_mapping, value_choices


def job_create(
    *,
    actor: Actor,
    kind: str,
    upload: Any,
    name: str = "",
    mapping: dict[str, str] | None = None,
    existing: str = ImportJob.Existing.SKIP,
    dry_run: bool = False,
) -> ImportJob:
    """Store the file and its mapping (suggested from the headers when not
    given); the mapping is remembered for the user's next import of the kind.
    A file the import cannot use is refused here and not kept. `existing`
    and `dry_run`: see `job_set_mapping`."""
    import_kind = kind_get(kind)
    import_kind.check_actor(actor)
    name = name or Path(getattr(upload, "name", "") or "import.csv").name
    job = ImportJob(
        kind=kind,
        created_by=actor.user,
        original_name=name,
        existing=_checked_existing(kind, existing),
        dry_run=dry_run,
    )
    job.file.save(name, upload if isinstance(upload, File) else File(upload, name=name), save=False)
    try:
        header = read_upload_header(job.file.path, name)
        if mapping is None:
            # The user's own choices for these headers, then the export's preset.
            preset = detect(kind, header)
            suggested = {
                **(preset.mapping_for(header) if preset else {}),
                **saved_mapping_get(actor=actor, kind=kind),
            }
            mapping = suggest_mapping(import_kind, header, suggested)
        job.mapping = _checked_mapping(import_kind, header, mapping)
    except ValidationFailed:
        job.file.delete(save=False)
        raise
    job.save()
    return job


def _checked_mapping(
    kind: ImportKind, header: list[str], mapping: dict[str, str] | None
) -> dict[str, str]:
    if mapping is None:
        mapping = suggest_mapping(kind, header)
    mapping = {title: target for title, target in mapping.items() if target}
    targets = valid_targets(kind)
    errors = {
        title: [_("“%s” is not a field of this import.") % target]
        for title, target in mapping.items()
        if target and target not in targets
    }
    errors.update(
        {
            title: [_("There is no such column in the file.")]
            for title in mapping
            if title not in header
        }
    )
    chosen = [t for t in mapping.values() if t]
    if len(chosen) != len(set(chosen)):
        errors["mapping"] = [_("Each field can be fed by one column only.")]
    missing = [
        c.name
        for c in kind.columns
        if c.required and not {c.name, *kind.stand_ins.get(c.name, ())} & set(chosen)
    ]
    if missing:
        errors["mapping"] = [_("Map a column to: %s.") % ", ".join(missing)]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return {title: target for title, target in mapping.items() if target}


def _checked_existing(kind: str, existing: str) -> str:
    """What a row matching an existing record does: skip it, or update the
    record where the kind can (`imports.updates`)."""
    if existing not in ImportJob.Existing.values:
        raise ValidationFailed(field_errors={"existing": [_("Choose skip or update.")]})
    if existing == ImportJob.Existing.UPDATE and not updates_supported(kind):
        message = _("This import cannot update existing records; choose skip.")
        raise ValidationFailed(field_errors={"existing": [message]})
    return existing


def job_set_mapping(
    *,
    actor: Actor,
    job: ImportJob,
    mapping: dict[str, str],
    missing_customers: str | None = None,
    existing: str | None = None,
    dry_run: bool | None = None,
) -> ImportJob:
    """The column mapping, and for contacts what a customer name no account
    has does (issue 18): reject the row, create the account, or import the
    contact without a customer. `existing`: a row matching an existing
    record skips it or updates it; `dry_run`: the import only checks and
    reports, writing nothing (`imports.dry_run`)."""
    job = access.get_visible(ImportJob, actor, job.pk)
    if job.status != ImportJob.Status.QUEUED or job.started_at:
        raise Conflict(_("This import has started; its mapping can no longer change."))
    header, _rows = read_table(job.file.path, job.original_name)
    job.mapping = _checked_mapping(kind_get(job.kind), header, mapping)
    if missing_customers is not None:
        if missing_customers not in ImportJob.MissingCustomers.values:
            message = _("Choose reject, create or unlink.")
            raise ValidationFailed(field_errors={"missing_customers": [message]})
        job.missing_customers = missing_customers
    if existing is not None:
        job.existing = _checked_existing(job.kind, existing)
    if dry_run is not None:
        job.dry_run = dry_run
    job.save(update_fields=["mapping", "missing_customers", "existing", "dry_run", "updated_at"])
    saved_mapping_store(actor=actor, kind=job.kind, mapping=job.mapping)
    return job


def job_value_choices(*, actor: Actor, job: ImportJob) -> list[ValueChoice]:
    """The values of the job's choice columns to map, with suggestions
    (`imports.values`)."""
    job = access.get_visible(ImportJob, actor, job.pk)
    kind = kind_get(job.kind)
    saved = saved_values_get(actor=actor, kind=job.kind)
    return value_choices(job, kind, saved, preset_values(job.kind, file_header(job)))


def job_set_values(
    *,
    actor: Actor,
    job: ImportJob,
    value_mapping: dict[str, dict[str, str]],
    with_suggestions: bool = False,
) -> ImportJob:
    """Store the value mapping on a job not started yet, and with the
    user's saved mapping for the next file. `with_suggestions` (an API
    client that names only the values it cares about) takes the suggestion
    for every value not named."""
    job = access.get_visible(ImportJob, actor, job.pk)
    if job.status != ImportJob.Status.QUEUED or job.started_at:
        raise Conflict(_("This import has started; its mapping can no longer change."))
    if with_suggestions:
        merged: dict[str, dict[str, str]] = {}
        for choice in job_value_choices(actor=actor, job=job):
            if choice.suggestion:
                merged.setdefault(choice.field, {})[choice.value] = choice.suggestion
        for field, chosen in value_mapping.items():
            merged[field] = {**merged.get(field, {}), **chosen}
        value_mapping = merged
    job.value_mapping = checked_value_mapping(kind_get(job.kind), value_mapping)
    job.save(update_fields=["value_mapping", "updated_at"])
    saved_mapping_store(actor=actor, kind=job.kind, values=job.value_mapping)
    return job
