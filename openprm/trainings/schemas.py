"""API shapes of trainings, certifications, completions and certifications held."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema
from pydantic import StrictBool

from openprm.core.apikit.types import Input, RecordId, Version
from openprm.trainings.models import HeldStatus


class TrainingIn(Input):
    code: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=200)
    topic: str = Field("", max_length=80)
    description: str = Field("", max_length=5000)
    duration_hours: Decimal = Field(Decimal(1), ge=0, max_digits=5, decimal_places=1)
    is_active: StrictBool = True


class TrainingUpdateIn(Input):
    version: Version
    code: str | None = Field(None, min_length=1, max_length=40)
    name: str | None = Field(None, min_length=1, max_length=200)
    topic: str | None = Field(None, max_length=80)
    description: str | None = Field(None, max_length=5000)
    duration_hours: Decimal | None = Field(None, ge=0, max_digits=5, decimal_places=1)
    is_active: StrictBool | None = None


class TrainingOut(Schema):
    id: int
    code: str
    name: str
    topic: str
    description: str
    duration_hours: Decimal
    is_active: bool
    version: int


class CertificationIn(Input):
    code: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    validity_months: int = Field(24, ge=1, le=120)
    required_trainings: list[RecordId] = Field(default_factory=list, max_length=100)


class CertificationUpdateIn(Input):
    version: Version
    code: str | None = Field(None, min_length=1, max_length=40)
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=5000)
    validity_months: int | None = Field(None, ge=1, le=120)
    required_trainings: list[RecordId] | None = Field(None, max_length=100)


class CertificationOut(Schema):
    id: int
    code: str
    name: str
    description: str
    validity_months: int
    required_trainings: list[int]
    version: int

    @staticmethod
    def resolve_required_trainings(obj: object) -> list[int]:
        return [t.pk for t in obj.required_trainings.all()]  # type: ignore[attr-defined]


class CompletionIn(Input):
    contact_id: RecordId
    training_id: RecordId
    completed_on: dt.date
    evidence_reference: str = Field(..., min_length=1, max_length=300)


class CompletionUploadIn(Input):
    """The form fields sent with a certificate file (multipart): the file is
    the evidence, a reference may go with it."""

    contact_id: RecordId
    training_id: RecordId
    completed_on: dt.date
    evidence_reference: str = Field("", max_length=300)


class CompletionOut(Schema):
    id: int
    contact_id: int
    person: str
    partner_id: int
    training_id: int
    training: str
    completed_on: dt.date
    evidence_reference: str
    has_evidence_file: bool

    @staticmethod
    def resolve_person(obj: object) -> str:
        return obj.contact.person.full_name  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_partner_id(obj: object) -> int:
        return obj.contact.partner_id  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_training(obj: object) -> str:
        return obj.training.name  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_has_evidence_file(obj: object) -> bool:
        return bool(obj.evidence)  # type: ignore[attr-defined]


class HeldIn(Input):
    holder_id: RecordId
    certification_id: RecordId
    issued_on: dt.date
    expires_on: dt.date | None = None


class RevokeIn(Input):
    version: Version
    reason: str = Field(..., min_length=1, max_length=2000)


class HeldOut(Schema):
    id: int
    holder_id: int
    person: str
    partner_id: int
    certification_id: int
    certification_code: str
    issued_on: dt.date
    expires_on: dt.date
    status: HeldStatus
    revoked_on: dt.date | None
    revoke_reason: str
    version: int

    @staticmethod
    def resolve_person(obj: object) -> str:
        return obj.holder.person.full_name  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_partner_id(obj: object) -> int:
        return obj.holder.partner_id  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_certification_code(obj: object) -> str:
        return obj.certification.code  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_status(obj: object) -> str:
        return str(obj.status.value)  # type: ignore[attr-defined]
