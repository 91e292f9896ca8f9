"""The applicant's steps, by its private link (PRG-1, PRG-10): it submits,
answers the approver's question and withdraws."""

import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from openprm.contacts.normalize import normalize_phone
from openprm.core import access
from openprm.core.actor import ANONYMOUS
from openprm.core.errors import ValidationFailed
from openprm.core.events import publish
from openprm.core.notifications.services import Message, notify, notify_many
from openprm.core.records import record_create
from openprm.identity.models import User
from openprm.recruitment import selectors
from openprm.recruitment.catalog import APPROVE_PARTNER_APPLICATIONS
from openprm.recruitment.events import (
    ApplicationAnswered,
    ApplicationSubmitted,
    ApplicationWithdrawn,
)
from openprm.recruitment.models import MESSAGE_MAX, Application
from openprm.recruitment.normalize import domain_key, search_key, tax_key
from openprm.recruitment.services.steps import decide, mail_applicant, require_state

State = Application.State
APPLICANT_FIELDS = (
    "company_name",
    "country",
    "website",
    "tax_id",
    "address_line1",
    "city",
    "postal_code",
    "first_name",
    "last_name",
    "email",
    "phone",
    "message",
)
REQUIRED = ("company_name", "country", "first_name", "last_name", "email")


def _text(data: Mapping[str, Any], name: str) -> str:
    return str(data.get(name) or "").strip()


def _applicant_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """The applicant's fields, trimmed and checked; the phone in E.164 read
    in the applicant's country. Lengths and the e-mail's form are the
    model's checks (record_create)."""
    unknown = sorted(set(data) - set(APPLICANT_FIELDS))
    if unknown:
        raise ValidationFailed(
            field_errors={name: [_("This field cannot be set here.")] for name in unknown}
        )
    values = {name: _text(data, name) for name in APPLICANT_FIELDS}
    values["country"] = values["country"].upper()
    errors = {name: [_("This field is required.")] for name in REQUIRED if not values[name]}
    for name, value in values.items():
        limit = Application._meta.get_field(name).max_length
        if limit is not None and len(value) > limit:
            errors[name] = [_("Keep it under %(limit)s characters.") % {"limit": f"{limit + 1:,}"}]
    if values["phone"]:
        try:
            values["phone"] = normalize_phone(values["phone"], values["country"] or None)
        except ValueError as error:
            errors["phone"] = [str(error)]
    if values["email"]:
        try:
            validate_email(values["email"])
        except DjangoValidationError:
            errors["email"] = [_("Enter a valid e-mail address.")]
    if values["website"] and not domain_key(values["website"]):
        errors["website"] = [_("Enter your web site's address, e.g. www.example.com.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return values


def approver_ids() -> list[int]:
    """The active internal users holding Approve Partner Applications (a
    system read: the applicant who triggers the notification sees nobody)."""
    return list(
        access.unscoped(User)
        .filter(
            is_active=True,
            user_type=User.UserType.INTERNAL,
            roles__privileges__code=APPROVE_PARTNER_APPLICATIONS,
        )
        .values_list("pk", flat=True)
        .distinct()
    )


def application_submit(
    *,
    program_code: str,
    data: Mapping[str, Any],
    campaign_code: str = "",
    client_address: str | None = None,
    base_url: str = "",
) -> Application:
    """PRG-1/PRG-10: a prospective partner applies to a public program.

    A campaign code is recorded as the link carried it; it names the
    campaign only when that campaign exists and is active, so a mistyped or
    retired code is kept for the channel team to read and counts for no
    campaign. The approvers are notified."""
    program = selectors.public_program_get(program_code)
    values = _applicant_values(data)
    code = campaign_code.strip()
    if len(code) > Application._meta.get_field("campaign_code").max_length:  # type: ignore[operator]
        raise ValidationFailed(field_errors={"campaign": [_("This campaign code is too long.")]})
    application = Application(
        program=program,
        campaign=selectors.campaign_by_code(code),
        campaign_code=code,
        name_search=search_key(values["company_name"]),
        domain=domain_key(values["website"]),
        tax_key=tax_key(values["tax_id"]),
        token=secrets.token_urlsafe(32),
        client_address=client_address,
        **values,
    )
    with transaction.atomic():
        record_create(actor=ANONYMOUS, instance=application)
        publish(ApplicationSubmitted(actor=ANONYMOUS, record=application, campaign_code=code))
        link = reverse("recruitment:application_detail", args=[application.pk])
        recipients = approver_ids()
        transaction.on_commit(
            lambda: notify_many(
                Message(
                    recipient,
                    _("New partner application: %(name)s") % {"name": application.company_name},
                    _("%(name)s applies to %(program)s.")
                    % {"name": application.company_name, "program": program.name},
                    link,
                )
                for recipient in recipients
            ),
            robust=True,
        )
        if base_url:
            mail_applicant(
                application,
                _("We received your partner application"),
                _("thank you for applying to %(program)s. We will review your application.")
                % {"program": program.name},
                base_url,
            )
    return application


def application_answer(*, application: Application, answer: str) -> Application:
    """The applicant answers the question through its private link; the
    application goes back under review and its reviewer is told."""
    require_state(application, State.INFO_REQUESTED)
    text = answer.strip()
    if not text:
        raise ValidationFailed(field_errors={"answer": [_("Write your answer.")]})
    if len(text) > MESSAGE_MAX:
        raise ValidationFailed(field_errors={"answer": [_("Keep it under 2,000 characters.")]})
    with transaction.atomic():
        decide(
            ANONYMOUS,
            application,
            application.version,
            state=State.UNDER_REVIEW,
            info_answer=text,
            info_requested_at=None,
        )
        publish(ApplicationAnswered(actor=ANONYMOUS, record=application))
        reviewer = application.reviewer_id
        transaction.on_commit(
            lambda: notify(
                reviewer,
                _("%(name)s answered your question") % {"name": application.company_name},
                text[:200],
                application.get_absolute_url(),
            ),
            robust=True,
        )
    return application


def application_withdraw(*, application: Application) -> Application:
    """The applicant withdraws an application not yet decided."""
    require_state(application, *Application.OPEN)
    with transaction.atomic():
        decide(ANONYMOUS, application, application.version, state=State.WITHDRAWN)
        publish(ApplicationWithdrawn(actor=ANONYMOUS, record=application))
    return application
