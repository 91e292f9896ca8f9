"""Importing certifications held and training completions from a file
(IMP-1; PRG-6, PRG-12).

Each row goes through the service a manual entry uses
(`certification_issue`, `completion_record`) in a savepoint, so every rule
applies as it is (an expiry before the issue date is refused, the importer
must see the person) and a refused row leaves nothing. The person is found
by e-mail among the partner contacts the importer sees. Re-running a file
skips the rows imported before (the import keys).
"""

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.imports.kinds.base import Column, ImportContext, MappedRow, register_kind
from openprm.imports.kinds.partners import ServiceRowKind
from openprm.partners.models import PartnerContact
from openprm.trainings.models import Certification, HeldCertification, Training, TrainingCompletion
from openprm.trainings.services import certification_issue, completion_record

EMAIL = Column(
    "email", gettext_lazy("Partner contact e-mail"), ("e-mail", "mail", "contact email"), True
)


def _contact(actor: Actor, row: MappedRow) -> PartnerContact:
    email = row.data.get("email", "").strip()
    matches = (
        list(
            access.visible(PartnerContact, actor)
            .filter(
                Q(person__contact_points__kind="email", person__contact_points__email__iexact=email)
                | Q(user__email__iexact=email)
            )
            .distinct()[:2]
        )
        if email
        else []
    )
    if len(matches) != 1:
        message = (
            _("No partner contact you can see has this e-mail.")
            if not matches
            else _("Several partner contacts have this e-mail.")
        )
        raise ValidationFailed(field_errors={"email": [message]})
    return matches[0]


def _optional_date(row: MappedRow, name: str) -> dt.date | None:
    return _date(row, name) if row.data.get(name, "").strip() else None


def _date(row: MappedRow, name: str) -> dt.date:
    raw = row.data.get(name, "").strip()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationFailed(field_errors={name: [_("Give the date as YYYY-MM-DD.")]}) from None


def _code(row: MappedRow, name: str) -> str:
    return row.data.get(name, "").strip().upper()


class HeldCertificationKind(ServiceRowKind):
    code = "certifications_held"
    label = gettext_lazy("Certifications held")
    model_label = "trainings.heldcertification"
    columns = (
        EMAIL,
        Column("certification", gettext_lazy("Certification code"), ("certification code",), True),
        Column("issued_on", gettext_lazy("Issued on"), ("issued", "issue date"), True),
        Column("expires_on", gettext_lazy("Expires on"), ("expires", "expiry date")),
    )

    def check_actor(self, actor: Actor) -> None:
        access.require_create(actor, HeldCertification)

    def row_key(self, row: MappedRow) -> str:
        email = row.data.get("email", "").strip().lower()
        return f"held:{email}|{_code(row, 'certification')}|{row.data.get('issued_on', '').strip()}"

    def create(self, ctx: ImportContext, row: MappedRow) -> int:
        certification = (
            access.visible(Certification, ctx.actor)
            .filter(code=_code(row, "certification"))
            .first()
        )
        if certification is None:
            raise ValidationFailed(field_errors={"certification": [_("No such certification.")]})
        return certification_issue(
            actor=ctx.actor,
            holder_id=_contact(ctx.actor, row).pk,
            certification_id=certification.pk,
            issued_on=_date(row, "issued_on"),
            expires_on=_optional_date(row, "expires_on"),
        ).pk


class CompletionKind(ServiceRowKind):
    code = "training_completions"
    label = gettext_lazy("Training completions")
    model_label = "trainings.trainingcompletion"
    columns = (
        EMAIL,
        Column("training", gettext_lazy("Training code"), ("training code",), True),
        Column("completed_on", gettext_lazy("Completed on"), ("completed", "date"), True),
        Column(
            "evidence_reference",
            gettext_lazy("Evidence link or reference"),
            ("evidence", "certificate", "url"),
            True,
        ),
    )

    def check_actor(self, actor: Actor) -> None:
        access.require_create(actor, TrainingCompletion)

    def row_key(self, row: MappedRow) -> str:
        email = row.data.get("email", "").strip().lower()
        return f"done:{email}|{_code(row, 'training')}|{row.data.get('completed_on', '').strip()}"

    def create(self, ctx: ImportContext, row: MappedRow) -> int:
        training: Any = (
            access.visible(Training, ctx.actor).filter(code=_code(row, "training")).first()
        )
        if training is None:
            raise ValidationFailed(field_errors={"training": [_("No such training.")]})
        return completion_record(
            actor=ctx.actor,
            contact_id=_contact(ctx.actor, row).pk,
            training_id=training.pk,
            completed_on=_date(row, "completed_on"),
            evidence_reference=row.data.get("evidence_reference", ""),
        ).pk


register_kind(HeldCertificationKind())
register_kind(CompletionKind())
