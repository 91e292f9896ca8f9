"""Every write of the deals app (DESIGN.md: services own the rules)."""

from openprm.deals.services.approval import registration_approve
from openprm.deals.services.decisions import (
    registration_cancel,
    registration_extend,
    registration_reject,
    registration_return,
    registration_submit,
    registration_withdraw,
)
from openprm.deals.services.drafts import LineIn, registration_create, registration_update
from openprm.deals.services.lead_batches import RoutingReport, leads_route_batch
from openprm.deals.services.leads import (
    lead_accept,
    lead_create,
    lead_decline,
    lead_pass,
    lead_route,
)
from openprm.deals.services.opportunities import (
    opportunity_create,
    opportunity_set_stage,
    opportunity_team_add,
    opportunity_team_remove,
)
from openprm.deals.services.opportunity_edits import opportunity_update
from openprm.deals.services.opportunity_lines import opportunity_line_add, opportunity_line_remove

__all__ = [
    "LineIn",
    "RoutingReport",
    "lead_accept",
    "lead_create",
    "lead_decline",
    "lead_pass",
    "lead_route",
    "leads_route_batch",
    "opportunity_create",
    "opportunity_line_add",
    "opportunity_line_remove",
    "opportunity_set_stage",
    "opportunity_team_add",
    "opportunity_team_remove",
    "opportunity_update",
    "registration_approve",
    "registration_cancel",
    "registration_create",
    "registration_extend",
    "registration_reject",
    "registration_return",
    "registration_submit",
    "registration_update",
    "registration_withdraw",
]
