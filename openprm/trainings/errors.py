"""The codes of the trainings app's refusals: part of the API contract."""

from enum import StrEnum


class TrainingErrorCode(StrEnum):
    ALREADY_REVOKED = "already_revoked"
    EXPIRES_BEFORE_ISSUE = "expires_before_issue"
    INACTIVE_TRAINING = "inactive_training"
    EVIDENCE_REFUSED = "evidence_refused"
