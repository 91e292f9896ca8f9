"""Opportunities, leads and deal registrations (DEAL-1..9).

Opportunities are opportunities.py; deal registrations registrations.py;
leads leads.py.
"""

from openprm.deals.models.leads import Lead, LeadOffer
from openprm.deals.models.opportunities import Opportunity, OpportunityLine, OpportunityTeamMember
from openprm.deals.models.registrations import DealRegistration, RegistrationLine

__all__ = [
    "DealRegistration",
    "Lead",
    "LeadOffer",
    "Opportunity",
    "OpportunityLine",
    "OpportunityTeamMember",
    "RegistrationLine",
]
