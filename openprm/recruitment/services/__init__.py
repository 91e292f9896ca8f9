"""Every write of the recruitment app (PRG-1, PRG-10).

An application moves Submitted → Under review → (More information
requested ⇄ Under review) → Approved | Rejected | Withdrawn | Expired. The
applicant (anonymous, known by its private link) submits, answers and
withdraws; an internal user with Approve Partner Applications decides.

Approval is one transaction through the partners' and programs' own
services — account of type Partner with its Active partner profile, its
partnership at the program's entry tier, the primary contact as Partner
Administrator, promoted to resource and portal user — so their rules
apply as they do on their own pages; the invitation e-mail leaves only
once everything is committed. A step that fails leaves nothing behind.
The portal organization is the partner profile itself: a partner user's
membership is its partner contact record (partners.policies.membership).

The applicant's steps are in applicant.py, the approver's in review.py,
approval in approval.py, what they share in steps.py, campaigns in
campaigns.py.
"""

from openprm.recruitment.services.applicant import (
    application_answer,
    application_submit,
    application_withdraw,
)
from openprm.recruitment.services.approval import application_approve, application_link_account
from openprm.recruitment.services.campaigns import campaign_create, campaign_update
from openprm.recruitment.services.review import (
    application_reject,
    application_request_info,
    application_review_start,
)

__all__ = [
    "application_answer",
    "application_approve",
    "application_link_account",
    "application_reject",
    "application_request_info",
    "application_review_start",
    "application_submit",
    "application_withdraw",
    "campaign_create",
    "campaign_update",
]
