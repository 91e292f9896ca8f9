"""The approver's steps (PRG-1, PRG-10): an internal user with Approve
Partner Applications takes an application up, asks the applicant for more
information or rejects it. Approval is approval.py."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.events import publish
from openprm.core.lookups.selectors import lookup_value_find
from openprm.recruitment.catalog import REJECT_REASONS
from openprm.recruitment.events import (
    ApplicationInfoRequested,
    ApplicationRejected,
    ApplicationReviewStarted,
)
from openprm.recruitment.models import MESSAGE_MAX, Application
from openprm.recruitment.services.steps import decide, mail_applicant, require_state

State = Application.State


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
        mail_applicant(
            application,
            _("Your partner application: more information needed"),
            _("we need more information about your application:\n\n%(question)s")
            % {"question": text},
            base_url,
        )
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
            mail_applicant(
                application,
                _("Your partner application"),
                _("we are sorry: we cannot accept your application (%(reason)s).")
                % {"reason": found.meaning},
                base_url,
            )
    return application
