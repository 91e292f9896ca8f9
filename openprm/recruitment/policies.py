"""Who sees and decides partner applications and manages recruitment
campaigns (PRG-1, PRG-10): internal users holding Approve Partner
Applications. Nobody else sees an application through the access module;
the applicant reaches its own one by its private link only
(`selectors.application_by_token`), never through a policy."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege, missing_privilege
from openprm.recruitment.catalog import APPROVE_PARTNER_APPLICATIONS
from openprm.recruitment.models import Application, Campaign


def approver_refusal(actor: Actor) -> PermissionRefused | None:
    if not actor.is_internal:
        return PermissionRefused(_("Only the brand owner decides partner applications."))
    return missing_privilege(actor, APPROVE_PARTNER_APPLICATIONS)


def _approvers_only(rows: QuerySet, actor: Actor) -> QuerySet:  # type: ignore[type-arg]
    if actor.is_internal and has_privilege(actor, APPROVE_PARTNER_APPLICATIONS):
        return rows
    return rows.none()


@access.policy(Application)
class ApplicationPolicy(access.Policy[Application]):
    def view(self, rows: QuerySet[Application], actor: Actor) -> QuerySet[Application]:
        return _approvers_only(rows, actor)

    def check_decide(self, actor: Actor, application: Application) -> PermissionRefused | None:
        """Start the review, ask for information, link, approve or reject."""
        return approver_refusal(actor)


@access.policy(Campaign)
class CampaignPolicy(access.Policy[Campaign]):
    def view(self, rows: QuerySet[Campaign], actor: Actor) -> QuerySet[Campaign]:
        return _approvers_only(rows, actor)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return approver_refusal(actor)

    def check_change(self, actor: Actor, campaign: Campaign) -> PermissionRefused | None:
        return approver_refusal(actor)
