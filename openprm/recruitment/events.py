"""Business events of partner applications, for their timeline and the
approvers' notifications (core.events)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openprm.core.events import Event


@dataclass(frozen=True, kw_only=True)
class ApplicationSubmitted(Event):
    code = "partner_application_submitted"
    label = _("Partner application submitted")
    campaign_code: str


@dataclass(frozen=True, kw_only=True)
class ApplicationReviewStarted(Event):
    code = "partner_application_review_started"
    label = _("Review started")


@dataclass(frozen=True, kw_only=True)
class ApplicationInfoRequested(Event):
    code = "partner_application_info_requested"
    label = _("More information requested")
    request: str


@dataclass(frozen=True, kw_only=True)
class ApplicationAnswered(Event):
    code = "partner_application_answered"
    label = _("Applicant answered")


@dataclass(frozen=True, kw_only=True)
class ApplicationLinked(Event):
    code = "partner_application_linked"
    label = _("Linked to an existing account")
    account: int


@dataclass(frozen=True, kw_only=True)
class ApplicationApproved(Event):
    code = "partner_application_approved"
    label = _("Partner application approved")
    partner: int


@dataclass(frozen=True, kw_only=True)
class ApplicationRejected(Event):
    code = "partner_application_rejected"
    label = _("Partner application rejected")
    reason: str


@dataclass(frozen=True, kw_only=True)
class ApplicationWithdrawn(Event):
    code = "partner_application_withdrawn"
    label = _("Application withdrawn by the applicant")


@dataclass(frozen=True, kw_only=True)
class ApplicationExpired(Event):
    code = "partner_application_expired"
    label = _("Application expired without an answer")
