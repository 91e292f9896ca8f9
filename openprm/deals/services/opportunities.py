"""Opportunities (DEAL-1, DEAL-9): only against sales accounts, with product
lines and a sales team of internal and partner resources."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, NotFound, ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_create, record_delete, record_update
from openprm.customers.levels import AccessLevel
from openprm.customers.models import Account
from openprm.customers.qualification import qualification_failures
from openprm.deals.errors import DealErrorCode
from openprm.deals.events import OpportunityClosed, OpportunityCreated, RegistrationClosed
from openprm.deals.models import (
    DealRegistration,
    Opportunity,
    OpportunityLine,
    OpportunityTeamMember,
)
from openprm.deals.services.drafts import LineIn, check_lines
from openprm.identity.models import Resource
from openprm.partners.models import PartnerProfile


def require_sales_account(account: Account) -> None:
    """DEAL-1: opportunities only against sales accounts; for a prospect the
    message names the qualification rules it still fails (CUS-3)."""
    if account.is_sales_account:
        return
    failing = [label for _code, label in qualification_failures(account)]
    detail = (
        _("Convert the prospect to a sales account first; it still fails: %(rules)s.")
        % {"rules": "; ".join(failing)}
        if failing
        else _("Convert the prospect to a sales account first.")
    )
    raise ValidationFailed(
        _("Opportunities are opened only on sales accounts. %(detail)s") % {"detail": detail},
        code=DealErrorCode.NOT_A_SALES_ACCOUNT,
        field_errors={"account_id": [detail]},
    )


def opportunity_open(
    *,
    actor: Actor,
    account: Account,
    name: str,
    close_date: dt.date,
    lines: Sequence[LineIn],
    partner: PartnerProfile | None = None,
    team: Sequence[tuple[int, str]] = (),
    currency: str = "USD",
    require_lines: bool = True,
    referring_partner: PartnerProfile | None = None,
) -> Opportunity:
    """Write one opportunity with its lines and team; the callers have
    checked who may open it. An accepted lead opens one without lines."""
    require_sales_account(account)
    errors = check_lines(lines, required=require_lines)
    if errors:
        raise ValidationFailed(field_errors=errors)
    opportunity = Opportunity(
        name=name,
        account=account,
        stage=Opportunity.Stage.QUALIFICATION,
        amount=sum((line.amount for line in lines), Decimal(0)),
        currency=currency,
        close_date=close_date,
        owner_id=account.owner_id or actor.pk,
        partner=partner,
        referring_partner=referring_partner,
    )
    with transaction.atomic():
        record_create(actor=actor, instance=opportunity)
        OpportunityLine.objects.bulk_create(
            OpportunityLine(
                opportunity=opportunity,
                product_id=line.product_id,
                quantity=line.quantity,
                amount=line.amount,
            )
            for line in lines
        )
        OpportunityTeamMember.objects.bulk_create(
            OpportunityTeamMember(opportunity=opportunity, resource_id=resource, access_level=level)
            for resource, level in dict(team).items()
        )
        publish(OpportunityCreated(actor=actor, record=opportunity))
    return opportunity


def opportunity_create(
    *,
    actor: Actor,
    account_id: int,
    name: str,
    close_date: dt.date,
    lines: Sequence[LineIn],
    currency: str = "USD",
) -> Opportunity:
    """An internal user opens an opportunity on an account it may edit; its
    own resource joins the team with Full access."""
    access.require_create(actor, Opportunity)
    account = access.get_visible(Account, actor, account_id)
    access.require(actor, "change", account)
    if not name.strip():
        raise ValidationFailed(field_errors={"name": [_("Name the opportunity.")]})
    if close_date < timezone.localdate():
        raise ValidationFailed(
            field_errors={"close_date": [_("The estimated close date cannot be in the past.")]}
        )
    team = [(actor.resource_id, AccessLevel.FULL)] if actor.resource_id else []
    return opportunity_open(
        actor=actor,
        account=account,
        name=name.strip(),
        close_date=close_date,
        lines=lines,
        team=team,
        currency=currency,
    )


CLOSING = {
    Opportunity.Stage.WON: DealRegistration.State.WON,
    Opportunity.Stage.LOST: DealRegistration.State.LOST,
}


def opportunity_set_stage(
    *, actor: Actor, opportunity: Opportunity, stage: str, expected_version: int
) -> Opportunity:
    """Moving to Closed won or lost closes the opportunity and ends its
    approved registrations as Won or Lost (DEAL-6); a closed one stays
    where it ended (409 `opportunity_closed`)."""
    access.require(actor, "stage", opportunity)
    if stage not in Opportunity.Stage.values:
        raise ValidationFailed(field_errors={"stage": [_("Choose a stage.")]})
    if not opportunity.is_open:
        raise Conflict(
            _("This opportunity is closed; its stage can no longer change."),
            code=DealErrorCode.OPPORTUNITY_CLOSED,
        )
    closing = stage in CLOSING
    with transaction.atomic():
        opportunity = record_update(
            actor=actor,
            instance=opportunity,
            changes={"stage": stage, "closed_at": timezone.now() if closing else None},
            expected_version=expected_version,
        )
        if closing:
            publish(OpportunityClosed(actor=actor, record=opportunity, stage=stage))
            for registration in opportunity.registrations.filter(
                state=DealRegistration.State.APPROVED
            ):
                record_update(
                    actor=actor,
                    instance=registration,
                    changes={"state": CLOSING[Opportunity.Stage(stage)]},
                    expected_version=registration.version,
                )
                publish(RegistrationClosed(actor=actor, record=registration, state=stage))
    return opportunity


def opportunity_team_add(
    *, actor: Actor, opportunity: Opportunity, resource_id: int, access_level: str
) -> OpportunityTeamMember:
    """DEAL-9: an internal or partner resource joins the deal's team with a
    TEAM-1 level; a partner resource makes the deal visible to its
    organization's users. Full access only (TEAM-2)."""
    access.require(actor, "manage_team", opportunity)
    if access_level not in AccessLevel.values:
        raise ValidationFailed(field_errors={"access_level": [_("Choose an access level.")]})
    resource = Resource.objects.filter(pk=resource_id, active=True).first()
    if resource is None:
        raise ValidationFailed(field_errors={"resource_id": [_("Choose an active resource.")]})
    if opportunity.team.filter(resource=resource).exists():
        raise Conflict(
            _("%(name)s is already on this team.") % {"name": resource.name},
            code=DealErrorCode.ALREADY_ON_TEAM,
        )
    member = OpportunityTeamMember(
        opportunity=opportunity, resource=resource, access_level=access_level
    )
    return record_create(actor=actor, instance=member)


def opportunity_team_remove(*, actor: Actor, opportunity: Opportunity, member_id: int) -> None:
    access.require(actor, "manage_team", opportunity)
    member = opportunity.team.filter(pk=member_id).first()
    if member is None:
        raise NotFound()
    record_delete(actor=actor, instance=member)
