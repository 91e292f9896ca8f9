"""An application from its submission to its rejection (PRG-1, PRG-10):
the applicant submits, answers and withdraws by its private link; an
internal user with Approve Partner Applications reviews, asks for more
information or rejects. Approval is approval.py."""

import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.contacts.normalize import normalize_phone
from openprm.core import access
from openprm.core.actor import ANONYMOUS, Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.lookups.selectors import lookup_value_find
from openprm.core.notifications.services import Message, notify, notify_many
from openprm.core.records import record_create, record_update
from openprm.identity.models import User
from openprm.recruitment import selectors
from openprm.recruitment.catalog import APPROVE_PARTNER_APPLICATIONS, REJECT_REASONS
from openprm.recruitment.errors import RecruitmentErrorCode
from openprm.recruitment.events import (
    ApplicationAnswered,
    ApplicationInfoRequested,
    ApplicationRejected,
    ApplicationReviewStarted,
    ApplicationSubmitted,
    ApplicationWithdrawn,
)
from openprm.recruitment.models import MESSAGE_MAX, Application
from openprm.recruitment.normalize import domain_key, search_key, tax_key

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


def require_state(application: Application, *states: str) -> None:
    """An application moves only from the states a step names (its life cycle
    above); any other is refused with the state it is in."""
    if application.state not in states:
        raise Conflict(
            _("This application is %(state)s; it cannot be changed this way.")
            % {"state": application.get_state_display().lower()},
            code=RecruitmentErrorCode.APPLICATION_STATE,
        )


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


def _mail_applicant(application: Application, subject: str, text: str, base_url: str) -> None:
    """An e-mail to the applicant with its private status link, once the
    change is committed."""
    link = base_url.rstrip("/") + application.status_path()
    body = _("Hello %(name)s,\n\n%(text)s\n\nFollow your application here:\n%(link)s\n") % {
        "name": application.contact_name,
        "text": text,
        "link": link,
    }
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [application.email], fail_silently=True),
        robust=True,
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
            _mail_applicant(
                application,
                _("We received your partner application"),
                _("thank you for applying to %(program)s. We will review your application.")
                % {"program": program.name},
                base_url,
            )
    return application


def decide(
    actor: Actor, application: Application, expected_version: int, **changes: Any
) -> Application:
    """An internal user's step on the application: a versioned, audited write."""
    return record_update(
        actor=actor, instance=application, changes=changes, expected_version=expected_version
    )


def application_review_start(
    *, actor: Actor, application: Application, expected_version: int
) -> Application:
    """The approver takes the application up (also back from waiting for
    the applicant's answer)."""
    access.require(actor, "decide", application)
    require_state(application, State.SUBMITTED, State.INFO_REQUESTED)
    with transaction.atomic():
        decide(actor, application, expected_version, state=State.UNDER_REVIEW, reviewer=actor.user)
        publish(ApplicationReviewStarted(actor=actor, record=application))
    return application


def application_request_info(
    *, actor: Actor, application: Application, message: str, expected_version: int, base_url: str
) -> Application:
    """PRG-10: the approver asks the applicant a question; the application
    waits for the answer (and expires without one, `housekeeping`)."""
    access.require(actor, "decide", application)
    require_state(application, State.SUBMITTED, State.UNDER_REVIEW)
    text = message.strip()
    if not text:
        raise ValidationFailed(field_errors={"message": [_("Write what you need to know.")]})
    if len(text) > MESSAGE_MAX:
        raise ValidationFailed(field_errors={"message": [_("Keep it under 2,000 characters.")]})
    with transaction.atomic():
        decide(
            actor,
            application,
            expected_version,
            state=State.INFO_REQUESTED,
            info_request=text,
            info_requested_at=timezone.now(),
            info_answer="",
            reviewer=actor.user,
        )
        publish(ApplicationInfoRequested(actor=actor, record=application, request=text))
        _mail_applicant(
            application,
            _("Your partner application: more information needed"),
            _("we need more information about your application:\n\n%(question)s")
            % {"question": text},
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


def application_reject(
    *,
    actor: Actor,
    application: Application,
    reason: str,
    note: str = "",
    expected_version: int,
    base_url: str = "",
) -> Application:
    """PRG-10: rejected with a reason from PARTNER_APPLICATION_REJECT_REASON;
    the applicant reads its meaning on the status page."""
    access.require(actor, "decide", application)
    require_state(application, *Application.OPEN)
    found = lookup_value_find(REJECT_REASONS, reason)
    if found is None:
        raise ValidationFailed(field_errors={"reason": [_("Choose a rejection reason.")]})
    with transaction.atomic():
        decide(
            actor,
            application,
            expected_version,
            state=State.REJECTED,
            reject_reason=reason,
            decision_note=note.strip()[:MESSAGE_MAX],
            decided_at=timezone.now(),
            reviewer=actor.user,
        )
        publish(ApplicationRejected(actor=actor, record=application, reason=reason))
        if base_url:
            _mail_applicant(
                application,
                _("Your partner application"),
                _("we are sorry: we cannot accept your application (%(reason)s).")
                % {"reason": found.meaning},
                base_url,
            )
    return application
