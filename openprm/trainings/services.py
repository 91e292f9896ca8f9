"""The rules of trainings and certifications (PRG-6, PRG-12).

The catalogue is kept by Manage Partner Programs. A completion is recorded
with its evidence by the channel team or by the partner administrator for
its own people; a certification is issued (its expiry defaults to the issue
date plus the certification's validity) and revoked with a reason by the
channel team.
"""

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_create, record_update
from openprm.partners.models import PartnerContact
from openprm.trainings.errors import TrainingErrorCode
from openprm.trainings.events import CertificationIssued, CertificationRevoked, TrainingCompleted
from openprm.trainings.evidence import checked_evidence
from openprm.trainings.models import (
    Certification,
    HeldCertification,
    Training,
    TrainingCompletion,
)

TRAINING_FIELDS = frozenset({"code", "name", "description", "topic", "duration_hours", "is_active"})
CERTIFICATION_FIELDS = frozenset({"code", "name", "description", "validity_months"})
EXPIRES_BEFORE_ISSUE = gettext_lazy(
    "A certification cannot expire before it was issued: "
    "choose an expiry date after the issue date."
)


def _clean(data: Mapping[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValidationFailed(field_errors={name: [_("Unknown field.")] for name in unknown})
    values = dict(data)
    for name in ("code", "name", "topic"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if "code" in values:
        values["code"] = values["code"].upper()
    return values


def _code_taken(
    model: type[Training] | type[Certification], code: Any, pk: int | None = None
) -> None:
    """Codes are unique across the catalogue, whoever may see the holder."""
    if access.unscoped(model).filter(code=code).exclude(pk=pk).exists():
        raise Conflict(_("The code %(code)s is taken already.") % {"code": code})


# Catalogue --------------------------------------------------------------------------


def training_create(*, actor: Actor, data: Mapping[str, Any]) -> Training:
    access.require_create(actor, Training)
    values = _clean(data, TRAINING_FIELDS)
    _code_taken(Training, values.get("code", ""))
    return record_create(actor=actor, instance=Training(**values))


def training_update(
    *, actor: Actor, training: Training, changes: Mapping[str, Any], expected_version: int | None
) -> Training:
    """A retired (inactive) training stays on the completions that name it."""
    access.require(actor, "change", training)
    values = _clean(changes, TRAINING_FIELDS)
    if "code" in values:
        _code_taken(Training, values["code"], training.pk)
    return record_update(
        actor=actor, instance=training, changes=values, expected_version=expected_version
    )


def _trainings(actor: Actor, ids: Iterable[int]) -> list[Training]:
    wanted = set(ids)
    found = list(access.visible(Training, actor).filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationFailed(field_errors={"required_trainings": [_("Unknown training.")]})
    return found


def certification_create(
    *, actor: Actor, data: Mapping[str, Any], required_trainings: Iterable[int] = ()
) -> Certification:
    access.require_create(actor, Certification)
    values = _clean(data, CERTIFICATION_FIELDS)
    _code_taken(Certification, values.get("code", ""))
    trainings = _trainings(actor, required_trainings)
    with transaction.atomic():
        certification = record_create(actor=actor, instance=Certification(**values))
        certification.required_trainings.set(trainings)
    return certification


def certification_update(
    *,
    actor: Actor,
    certification: Certification,
    changes: Mapping[str, Any],
    expected_version: int | None,
    required_trainings: Iterable[int] | None = None,
) -> Certification:
    """A new validity applies to certifications issued from now on; those
    held keep the expiry they were issued with."""
    access.require(actor, "change", certification)
    values = _clean(changes, CERTIFICATION_FIELDS)
    if "code" in values:
        _code_taken(Certification, values["code"], certification.pk)
    trainings = _trainings(actor, required_trainings) if required_trainings is not None else None
    with transaction.atomic():
        certification = record_update(
            actor=actor, instance=certification, changes=values, expected_version=expected_version
        )
        if trainings is not None:
            certification.required_trainings.set(trainings)
    return certification


# Completions ------------------------------------------------------------------------


def completion_record(
    *,
    actor: Actor,
    contact_id: int,
    training_id: int,
    completed_on: dt.date,
    evidence: Any | None = None,
    evidence_reference: str = "",
    today: dt.date | None = None,
) -> TrainingCompletion:
    """PRG-6: a person completed a training, with its evidence: a
    certificate file or a reference. The partner administrator records its
    own people only (another organization's person is not found)."""
    access.require_create(actor, TrainingCompletion)
    contact = access.get_visible(PartnerContact, actor, contact_id)
    access.require(actor, "record_training", contact)
    training = access.get_visible(Training, actor, training_id)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if not training.is_active:
        errors["training"] = [_("This training is no longer offered.")]
    if completed_on > today:
        errors["completed_on"] = [_("A training cannot be completed in the future.")]
    reference = (evidence_reference or "").strip()
    if evidence is None and not reference:
        errors["evidence"] = [_("Attach the certificate or give its link or reference.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    stored = checked_evidence(evidence) if evidence is not None else ""
    if (
        access.unscoped(TrainingCompletion)
        .filter(contact=contact, training=training, completed_on=completed_on)
        .exists()
    ):
        raise Conflict(
            _("%(person)s's completion of %(training)s on this day is recorded already.")
            % {"person": contact, "training": training}
        )
    with transaction.atomic():
        completion = record_create(
            actor=actor,
            instance=TrainingCompletion(
                contact=contact,
                training=training,
                completed_on=completed_on,
                evidence=stored,
                evidence_reference=reference,
                recorded_by=actor.user if actor.is_active else None,
            ),
        )
        publish(TrainingCompleted(actor=actor, record=completion, training=training.code))
    return completion


# Certifications held ----------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, on the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def certification_issue(
    *,
    actor: Actor,
    holder_id: int,
    certification_id: int,
    issued_on: dt.date,
    expires_on: dt.date | None = None,
) -> HeldCertification:
    """PRG-12: the expiry defaults to the issue date plus the certification's
    validity; one before (or on) the issue date is refused."""
    access.require_create(actor, HeldCertification)
    holder = access.get_visible(PartnerContact, actor, holder_id)
    certification = access.get_visible(Certification, actor, certification_id)
    expires_on = expires_on or add_months(issued_on, certification.validity_months)
    if expires_on <= issued_on:
        raise ValidationFailed(
            EXPIRES_BEFORE_ISSUE,
            field_errors={"expires_on": [EXPIRES_BEFORE_ISSUE]},
            code=TrainingErrorCode.EXPIRES_BEFORE_ISSUE,
        )
    with transaction.atomic():
        held = record_create(
            actor=actor,
            instance=HeldCertification(
                holder=holder,
                certification=certification,
                issued_on=issued_on,
                expires_on=expires_on,
            ),
        )
        publish(
            CertificationIssued(
                actor=actor,
                record=held,
                certification=certification.code,
                expires_on=expires_on.isoformat(),
            )
        )
    return held


def certification_revoke(
    *,
    actor: Actor,
    held: HeldCertification,
    reason: str,
    expected_version: int | None,
    today: dt.date | None = None,
) -> HeldCertification:
    """PRG-12: revoked with a reason, from today; it no longer counts."""
    access.require(actor, "revoke", held)
    if held.revoked_on is not None:
        raise Conflict(
            _("This certification is revoked already."), code=TrainingErrorCode.ALREADY_REVOKED
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(field_errors={"reason": [_("Say why it is revoked.")]})
    with transaction.atomic():
        held = record_update(
            actor=actor,
            instance=held,
            changes={"revoked_on": today or timezone.localdate(), "revoke_reason": reason},
            expected_version=expected_version,
        )
        publish(CertificationRevoked(actor=actor, record=held, reason=reason))
    return held


def require_to(*, actor: Actor, record: Any, action: str) -> None:
    """An edit or revoke form opens only for those who may save it."""
    access.require(actor, action, record)
