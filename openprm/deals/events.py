"""Business events of deal registrations, opportunities and leads, for their
timelines, notifications and dashboards (core.events)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openprm.core.events import Event


@dataclass(frozen=True, kw_only=True)
class RegistrationSubmitted(Event):
    code = "registration_submitted"
    label = _("Registration submitted")
    conflicts: int


@dataclass(frozen=True, kw_only=True)
class RegistrationReturned(Event):
    code = "registration_returned"
    label = _("Registration returned for more information")


@dataclass(frozen=True, kw_only=True)
class RegistrationWithdrawn(Event):
    code = "registration_withdrawn"
    label = _("Registration withdrawn")


@dataclass(frozen=True, kw_only=True)
class RegistrationFirstApproval(Event):
    code = "registration_first_approval"
    label = _("Registration approved, waiting for a second approver")


@dataclass(frozen=True, kw_only=True)
class RegistrationApproved(Event):
    code = "registration_approved"
    label = _("Registration approved")
    opportunity: int
    despite_conflict: bool


@dataclass(frozen=True, kw_only=True)
class RegistrationRejected(Event):
    code = "registration_rejected"
    label = _("Registration rejected")
    reason: str


@dataclass(frozen=True, kw_only=True)
class RegistrationExtended(Event):
    code = "registration_extended"
    label = _("Protection extended")
    until: str


@dataclass(frozen=True, kw_only=True)
class RegistrationExpired(Event):
    code = "registration_expired"
    label = _("Protection expired")


@dataclass(frozen=True, kw_only=True)
class RegistrationClosed(Event):
    code = "registration_closed"
    label = _("Registration closed")
    state: str


@dataclass(frozen=True, kw_only=True)
class OpportunityCreated(Event):
    code = "opportunity_created"
    label = _("Opportunity created")


@dataclass(frozen=True, kw_only=True)
class OpportunityClosed(Event):
    code = "opportunity_closed"
    label = _("Opportunity closed")
    stage: str
