"""The one filter definition of each trainings list (pages, files, API)."""

from typing import Annotated

from django.db.models import Q
from django.utils import timezone
from ninja import FilterLookup, FilterSchema

from openprm.core.apikit.types import RecordId
from openprm.trainings.models import HeldStatus, status_q


class TrainingFilter(FilterSchema):
    q: str | None = None
    topic: Annotated[str | None, FilterLookup("topic")] = None
    is_active: Annotated[bool | None, FilterLookup("is_active")] = None

    def filter_q(self, value: str | None) -> Q:
        if not value or not value.strip():
            return Q()
        text = value.strip()
        return Q(name__istartswith=text) | Q(code__istartswith=text)


class CertificationFilter(FilterSchema):
    q: str | None = None

    def filter_q(self, value: str | None) -> Q:
        if not value or not value.strip():
            return Q()
        text = value.strip()
        return Q(name__istartswith=text) | Q(code__istartswith=text)


class CompletionFilter(FilterSchema):
    partner: Annotated[RecordId | None, FilterLookup("contact__partner_id")] = None
    contact: Annotated[RecordId | None, FilterLookup("contact_id")] = None
    training: Annotated[RecordId | None, FilterLookup("training_id")] = None


class HeldFilter(FilterSchema):
    status: HeldStatus | None = None
    certification: Annotated[RecordId | None, FilterLookup("certification_id")] = None
    partner: Annotated[RecordId | None, FilterLookup("holder__partner_id")] = None
    holder: Annotated[RecordId | None, FilterLookup("holder_id")] = None

    def filter_status(self, value: str | None) -> Q:
        """PRG-12: the status on today's date."""
        return status_q(value, timezone.localdate()) if value else Q()
