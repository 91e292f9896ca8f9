"""Business events of trainings and certifications (core.events)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openprm.core.events import Event


@dataclass(frozen=True, kw_only=True)
class TrainingCompleted(Event):
    code = "training_completed"
    label = _("Training completion recorded")
    training: str


@dataclass(frozen=True, kw_only=True)
class CertificationIssued(Event):
    code = "certification_issued"
    label = _("Certification issued")
    certification: str
    expires_on: str


@dataclass(frozen=True, kw_only=True)
class CertificationRevoked(Event):
    code = "certification_revoked"
    label = _("Certification revoked")
    reason: str
