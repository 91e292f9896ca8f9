"""One partner's checklist as a page shows it: each step, done or not, and
the page that does a missing one (PRG-9)."""

from dataclasses import dataclass

from django.urls import reverse

from openprm.onboarding import steps as s
from openprm.partners.models import PartnerProfile


@dataclass(frozen=True)
class StepState:
    step: s.Step
    done: bool
    url: str

    @property
    def key(self) -> str:
        return self.step.key


def _done(partner: PartnerProfile) -> dict[str, bool]:
    """The step flags of a partner read by selectors.partner_steps or
    incomplete_partners."""
    return {
        s.PARTNERSHIP: partner.has_partnership,  # type: ignore[attr-defined]
        s.ORGANIZATION: partner.status == PartnerProfile.Status.ACTIVE
        and partner.has_administrator,  # type: ignore[attr-defined]
        s.USER_ACCESS: partner.has_portal_user,  # type: ignore[attr-defined]
        s.INVITATIONS: partner.has_invitation,  # type: ignore[attr-defined]
        s.FIRST_SIGN_IN: partner.has_signed_in,  # type: ignore[attr-defined]
    }


def _url(step: str, partner: PartnerProfile) -> str:
    page = reverse("partners:partner_detail", args=[partner.pk])
    if step == s.PARTNERSHIP:
        return s.first_url("programs:partnership_create") or page
    if step == s.ORGANIZATION and partner.status != PartnerProfile.Status.ACTIVE:
        return page
    return page + "?tab=contacts"


def checklist(partner: PartnerProfile) -> list[StepState]:
    done = _done(partner)
    return [StepState(step, done[step.key], _url(step.key, partner)) for step in s.PARTNER_STEPS]


def missing(partner: PartnerProfile) -> list[StepState]:
    return [state for state in checklist(partner) if not state.done]
