"""Opportunities, leads and deal registrations (DEAL-1..9).

Opportunities are opportunities.py; deal registrations registrations.py;
leads leads.py.
"""

from openprm.deals.models.leads import Lead, LeadOffer, LeadStatus
from openprm.deals.models.opportunities import (
    Opportunity,
    OpportunityLine,
    OpportunityStage,
    OpportunityTeamMember,
)
from openprm.deals.models.registrations import DealRegistration, RegistrationLine, RegistrationState

__all__ = [
    "DealRegistration",
    "Lead",
    "LeadOffer",
    "LeadStatus",
    "Opportunity",
    "OpportunityLine",
    "OpportunityStage",
    "OpportunityTeamMember",
    "RegistrationLine",
    "RegistrationState",
]
