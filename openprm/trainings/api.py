"""JSON API of trainings and certifications (PRG-6, PRG-12): the catalogue,
completions and the certifications held, each list scoped like its page."""

from typing import Any

from django.http import FileResponse, HttpRequest
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.core.errors import NotFound
from openprm.trainings import selectors, services, tables
from openprm.trainings.filters import (
    CertificationFilter,
    CompletionFilter,
    HeldFilter,
    TrainingFilter,
)
from openprm.trainings.models import (
    Certification,
    HeldCertification,
    Training,
    TrainingCompletion,
)
from openprm.trainings.schemas import (
    CertificationIn,
    CertificationOut,
    CertificationUpdateIn,
    CompletionIn,
    CompletionOut,
    CompletionUploadIn,
    HeldIn,
    HeldOut,
    RevokeIn,
    TrainingIn,
    TrainingOut,
    TrainingUpdateIn,
)

router = Router(tags=["trainings"])


@router.get("/trainings", response=list[TrainingOut])
@reads(Training)
@paginate(PagePagination)
def training_list(
    request: HttpRequest,
    filters: Query[TrainingFilter],
    sort: sort_choices(tables.TRAININGS.sortable) = tables.TRAININGS.default_sort,
) -> Any:
    """Active trainings for everyone; inactive ones too with Manage Partner Programs."""
    return tables.TRAININGS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.post("/trainings", response={201: TrainingOut})
def training_create(request: HttpRequest, payload: TrainingIn) -> Status[Training]:
    return Status(201, services.training_create(actor=request.actor, data=payload.model_dump()))


@router.get("/trainings/{training_id}", response=TrainingOut)
@reads(Training)
def training_detail(request: HttpRequest, training_id: RecordId) -> Training:
    return selectors.training_get(actor=request.actor, pk=training_id)


@router.patch("/trainings/{training_id}", response=TrainingOut)
def training_update(request: HttpRequest, training_id: RecordId, payload: TrainingUpdateIn) -> Any:
    training = selectors.training_get(actor=request.actor, pk=training_id)
    return services.training_update(
        actor=request.actor,
        training=training,
        changes=sent_changes(payload, nullable=()),
        expected_version=payload.version,
    )


@router.get("/certifications", response=list[CertificationOut])
@reads(Certification)
@paginate(PagePagination)
def certification_list(
    request: HttpRequest,
    filters: Query[CertificationFilter],
    sort: sort_choices(tables.CERTIFICATIONS.sortable) = tables.CERTIFICATIONS.default_sort,
) -> Any:
    return tables.CERTIFICATIONS.rows(
        actor=request.actor, query=request.GET, filters=filters, sort=sort
    )


@router.post("/certifications", response={201: CertificationOut})
def certification_create(request: HttpRequest, payload: CertificationIn) -> Status[Certification]:
    data = payload.model_dump()
    required = data.pop("required_trainings")
    certification = services.certification_create(
        actor=request.actor, data=data, required_trainings=required
    )
    return Status(201, certification)


@router.get("/certifications/{certification_id}", response=CertificationOut)
@reads(Certification)
def certification_detail(request: HttpRequest, certification_id: RecordId) -> Certification:
    return selectors.certification_get(actor=request.actor, pk=certification_id)


@router.patch("/certifications/{certification_id}", response=CertificationOut)
def certification_update(
    request: HttpRequest, certification_id: RecordId, payload: CertificationUpdateIn
) -> Any:
    certification = selectors.certification_get(actor=request.actor, pk=certification_id)
    changes = dict(sent_changes(payload, nullable=()))
    required = changes.pop("required_trainings", None)
    return services.certification_update(
        actor=request.actor,
        certification=certification,
        changes=changes,
        expected_version=payload.version,
        required_trainings=required,
    )


@router.get("/training-completions", response=list[CompletionOut])
@reads(TrainingCompletion)
@paginate(PagePagination)
def completion_list(
    request: HttpRequest,
    filters: Query[CompletionFilter],
    sort: sort_choices(tables.COMPLETIONS.sortable) = tables.COMPLETIONS.default_sort,
) -> Any:
    """The completions of the people the caller sees (its own organization's
    for a partner user, PRG-7)."""
    return tables.COMPLETIONS.rows(
        actor=request.actor, query=request.GET, filters=filters, sort=sort
    )


@router.post("/training-completions", response={201: CompletionOut})
def completion_create(request: HttpRequest, payload: CompletionIn) -> Status[TrainingCompletion]:
    """PRG-6: by the channel team, or by the partner administrator for its
    own people; the evidence is a link or reference (a certificate file is
    sent to /training-completions/upload)."""
    completion = services.completion_record(actor=request.actor, **payload.model_dump())
    return Status(201, selectors.completion_get(actor=request.actor, pk=completion.pk))


@router.post("/training-completions/upload", response={201: CompletionOut})
def completion_upload(
    request: HttpRequest, payload: Form[CompletionUploadIn], evidence: File[UploadedFile]
) -> Status[TrainingCompletion]:
    """PRG-6, PRG-12: a completion with its certificate file (multipart
    form), the same rules as on the page: a real PDF, PNG or JPEG of at
    most 5 MB, recorded by the channel team or by the partner administrator
    for its own people."""
    completion = services.completion_record(
        actor=request.actor, evidence=evidence, **payload.model_dump()
    )
    return Status(201, selectors.completion_get(actor=request.actor, pk=completion.pk))


@router.get("/training-completions/{completion_id}", response=CompletionOut)
@reads(TrainingCompletion)
def completion_detail(request: HttpRequest, completion_id: RecordId) -> TrainingCompletion:
    return selectors.completion_get(actor=request.actor, pk=completion_id)


@router.get("/training-completions/{completion_id}/evidence", response={200: None})
@reads(TrainingCompletion)
def completion_evidence(request: HttpRequest, completion_id: RecordId) -> FileResponse:
    """The certificate file, to those who see the completion."""
    completion = selectors.completion_get(actor=request.actor, pk=completion_id)
    if not completion.evidence:
        raise NotFound()
    return FileResponse(completion.evidence.open("rb"), as_attachment=True)


@router.get("/certifications-held", response=list[HeldOut])
@reads(HeldCertification)
@paginate(PagePagination)
def held_list(
    request: HttpRequest,
    filters: Query[HeldFilter],
    sort: sort_choices(tables.HELD.sortable) = tables.HELD.default_sort,
) -> Any:
    """PRG-12: `?status=expiring` for those expiring within 60 days."""
    return tables.HELD.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.post("/certifications-held", response={201: HeldOut})
def held_create(request: HttpRequest, payload: HeldIn) -> Status[HeldCertification]:
    """PRG-12: the expiry defaults to the issue date plus the validity."""
    held = services.certification_issue(actor=request.actor, **payload.model_dump())
    return Status(201, selectors.held_get(actor=request.actor, pk=held.pk))


@router.get("/certifications-held/{held_id}", response=HeldOut)
@reads(HeldCertification)
def held_detail(request: HttpRequest, held_id: RecordId) -> HeldCertification:
    return selectors.held_get(actor=request.actor, pk=held_id)


@router.post("/certifications-held/{held_id}/revoke", response=HeldOut)
def held_revoke(request: HttpRequest, held_id: RecordId, payload: RevokeIn) -> Any:
    held = selectors.held_get(actor=request.actor, pk=held_id)
    return services.certification_revoke(
        actor=request.actor, held=held, reason=payload.reason, expected_version=payload.version
    )
