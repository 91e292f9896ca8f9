"""Approving a registration (DEAL-2, DEAL-6, DEAL-7, TER-4): the conflict
check again, a second approver above the amount the profile option sets,
the opportunity opened or linked on a sales account, the protection started
and the partner's territories added to the account."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.options.selectors import profile_option_value
from openprm.core.records import record_update
from openprm.customers.levels import AccessLevel
from openprm.customers.models import Account
from openprm.deals import catalog
from openprm.deals.conflicts import Candidate, conflicts_of
from openprm.deals.errors import DealErrorCode
from openprm.deals.events import (
    RegistrationApproved,
    RegistrationFirstApproval,
)
from openprm.deals.models import DealRegistration, Opportunity
from openprm.deals.providers import default_terms, protection_terms
from openprm.deals.services.decisions import move, reject, require_state
from openprm.deals.services.drafts import (
    lines_of,
)
from openprm.deals.services.opportunities import opportunity_open, require_sales_account
from openprm.partners.models import PartnerContact
from openprm.territories.models import Territory
from openprm.territories.services import account_add_partner_territories

State = DealRegistration.State


def _number(code: str) -> Decimal:
    try:
        return Decimal(profile_option_value(code))
    except InvalidOperation:
        return Decimal(0)


def protection_days(partner_id: int | None) -> int:
    """DEAL-6: the days an approval protects, from the partner's tier."""
    if partner_id is None:
        return default_terms().days
    return protection_terms(partner_id).days


def _opportunity_for(
    actor: Actor, registration: DealRegistration, account: Account, link: Opportunity | None
) -> Opportunity:
    """Link the chosen open opportunity (the partner joins it) or open one
    from the registration, with the partner and its owner on the team."""
    owner_resource = (
        PartnerContact.objects.filter(user_id=registration.owner_id)
        .values_list("resource_id", flat=True)
        .first()
    )
    if link is not None:
        if link.partner_id is None:
            record_update(
                actor=actor,
                instance=link,
                changes={"partner": registration.partner},
                expected_version=link.version,
            )
        if owner_resource is not None:
            link.team.get_or_create(
                resource_id=owner_resource, defaults={"access_level": AccessLevel.EDIT}
            )
        return link
    lines = lines_of(registration)
    return opportunity_open(
        actor=actor,
        account=account,
        name=registration.title,
        close_date=max(registration.close_date, timezone.localdate()),
        lines=lines,
        partner=registration.partner,
        team=[(owner_resource, AccessLevel.EDIT)] if owner_resource else [],
        currency=registration.currency,
    )


def _add_partner_territories(
    actor: Actor, registration: DealRegistration, account: Account
) -> None:
    """TER-4: approving adds the partner's territories to the account."""
    territories = list(
        Territory.objects.filter(
            partner_id=registration.partner.account_id,
            active=True,
            territory_type=Territory.Type.PARTNER,
        ).values_list("pk", flat=True)
    )
    if territories:
        account_add_partner_territories(
            actor=actor, account_id=account.pk, territory_ids=territories
        )


def registration_approve(
    *,
    actor: Actor,
    registration: DealRegistration,
    expected_version: int,
    account_id: int | None = None,
    opportunity_id: int | None = None,
    reject_others: bool = False,
    conflict_note: str = "",
) -> DealRegistration:
    """Approve (DEAL-2, DEAL-7): the conflict check runs again; with
    conflicts, either the other pending registrations are rejected
    (`reject_others`) or the approval goes ahead with a reason
    (`conflict_note`). Above the second-approval amount a different approver
    must approve too. Approval opens or links the opportunity on a sales
    account, starts the protection and adds the partner's territories."""
    access.require(actor, "approve", registration)
    require_state(registration, State.SUBMITTED)
    account = _approval_account(actor, registration, account_id)
    link = (
        access.get_visible(
            Opportunity,
            actor,
            opportunity_id,
            Opportunity.objects.filter(is_open=True, account=account),
        )
        if opportunity_id
        else None
    )
    conflicts = [
        c
        for c in conflicts_of(registration)
        if link is None or c.is_registration or c.pk != link.pk
    ]
    losing = _resolve(conflicts, reject_others=reject_others, note=conflict_note)
    threshold = _number(catalog.SECOND_APPROVAL_AMOUNT)
    with transaction.atomic():
        if threshold > 0 and registration.amount > threshold:
            if registration.first_approver_id is None:
                registration = move(
                    actor, registration, expected_version, first_approver=actor.user
                )
                publish(RegistrationFirstApproval(actor=actor, record=registration))
                return registration
            if registration.first_approver_id == actor.pk:
                raise Conflict(
                    _("A second, different approver must approve this registration."),
                    code=DealErrorCode.SAME_APPROVER,
                )
        for other in losing:
            reject(actor, other, catalog.HELD_BY_EARLIER, "", other.version)
        opportunity = _opportunity_for(actor, registration, account, link)
        today = timezone.localdate()
        registration = move(
            actor,
            registration,
            expected_version,
            state=State.APPROVED,
            account=account,
            opportunity=opportunity,
            decided_at=timezone.now(),
            decided_by=actor.user,
            conflict_note=conflict_note.strip(),
            protection_starts=today,
            protection_ends=today + dt.timedelta(days=protection_days(registration.partner_id)),
        )
        _add_partner_territories(actor, registration, account)
        publish(
            RegistrationApproved(
                actor=actor,
                record=registration,
                opportunity=opportunity.pk,
                despite_conflict=bool(conflicts) and bool(conflict_note.strip()),
            )
        )
    return registration


def _approval_account(
    actor: Actor, registration: DealRegistration, account_id: int | None
) -> Account:
    """The registration's account, or the sales account the channel manager
    matched an unmatched customer to."""
    chosen = account_id or registration.account_id
    if chosen is None:
        raise ValidationFailed(
            _("Match the customer to a sales account before approving."),
            field_errors={"account_id": [_("Choose the customer's sales account.")]},
        )
    account = access.get_visible(Account, actor, chosen)
    require_sales_account(account)
    return account


def _resolve(
    conflicts: list[Candidate], *, reject_others: bool, note: str
) -> list[DealRegistration]:
    """The pending registrations the approval rejects; refuses an approval
    that leaves a conflict unresolved and unexplained."""
    if not conflicts:
        return []
    pending = [c.pk for c in conflicts if c.is_pending]
    remaining = len(conflicts) - (len(pending) if reject_others else 0)
    if remaining and not note.strip():
        raise Conflict(
            _(
                "This registration conflicts with %(count)s other deal(s). Approve it and "
                "reject the other registrations, or give a reason to approve despite the conflict."
            )
            % {"count": len(conflicts)},
            code=DealErrorCode.CONFLICT_UNRESOLVED,
            extra={"conflicts": len(conflicts), "pending": len(pending)},
        )
    if not reject_others:
        return []
    return list(DealRegistration.objects.filter(pk__in=pending).order_by("pk"))
