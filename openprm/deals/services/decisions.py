"""The life of a submitted registration (DEAL-2, DEAL-3, DEAL-6, DEAL-7, TER-4).

Draft → Submitted → (Returned ⇄ Submitted) → Approved | Rejected; a submitted
or returned one can be withdrawn by its partner; an approved one ends as Won,
Lost, Expired or Cancelled. The conflict check runs at submission and again
at approval. The partner is never told that another deal exists: a
conflicting registration simply stays under review, and one that loses is
rejected with "an earlier registration holds this opportunity".
"""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.locks import natural_keys_lock
from openprm.core.lookups.selectors import lookup_value_find
from openprm.core.options.selectors import profile_option_value
from openprm.core.records import record_update
from openprm.customers.levels import AccessLevel
from openprm.customers.models import Account
from openprm.deals import catalog
from openprm.deals.conflicts import Candidate, Customer, conflicts_of, duplicates_of
from openprm.deals.errors import DealErrorCode
from openprm.deals.events import (
    RegistrationApproved,
    RegistrationExtended,
    RegistrationFirstApproval,
    RegistrationRejected,
    RegistrationReturned,
    RegistrationSubmitted,
    RegistrationWithdrawn,
)
from openprm.deals.models import DealRegistration, Opportunity
from openprm.deals.providers import default_terms, protection_terms
from openprm.deals.services.drafts import (
    EDITABLE,
    check_lines,
    lines_of,
    registration_partner,
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


def _state_refused(registration: DealRegistration, wanted: Sequence[str]) -> Conflict:
    return Conflict(
        _("This registration is %(state)s now, so this cannot be done.")
        % {"state": registration.get_state_display().lower()},
        code=DealErrorCode.REGISTRATION_STATE,
        extra={"state": registration.state, "allowed": list(wanted)},
    )


def _require_state(registration: DealRegistration, *wanted: str) -> None:
    if registration.state not in wanted:
        raise _state_refused(registration, wanted)


def _move(
    actor: Actor, registration: DealRegistration, expected_version: int, **changes: object
) -> DealRegistration:
    return record_update(
        actor=actor, instance=registration, changes=changes, expected_version=expected_version
    )


def registration_submit(
    *, actor: Actor, registration: DealRegistration, expected_version: int
) -> DealRegistration:
    """A complete draft (or a returned registration) goes to the channel
    manager. A second live registration of the same deal by the same partner
    is refused, naming the partner's own registration; conflicts with other
    partners are recorded on the timeline, never told to the partner."""
    access.require(actor, "change", registration)
    registration_partner(actor)
    _require_state(registration, *EDITABLE)
    lines = lines_of(registration)
    errors = check_lines(lines, required=True)
    if registration.close_date < timezone.localdate():
        errors["close_date"] = [_("The estimated close date cannot be in the past.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    now = timezone.now()
    with transaction.atomic():
        _lock_customer(registration)
        own = duplicates_of(registration)
        if own:
            number = DealRegistration.objects.get(pk=own[0].pk).number
            raise Conflict(
                _("You already have %(number)s for this customer.") % {"number": number},
                code=DealErrorCode.ALREADY_REGISTERED,
                extra={"registration": own[0].pk},
            )
        registration = _move(
            actor,
            registration,
            expected_version,
            state=State.SUBMITTED,
            submitted_at=now,
            first_submitted_at=registration.first_submitted_at or now,
            first_approver=None,
        )
        conflicts = conflicts_of(registration)
        publish(RegistrationSubmitted(actor=actor, record=registration, conflicts=len(conflicts)))
    return registration


def _lock_customer(registration: DealRegistration) -> None:
    """Two submissions of one deal by one partner at the same moment: the
    second waits for the first and then finds it (core.locks)."""
    customer = Customer.of(registration)
    keys = [
        str(customer.account_id or ""),
        customer.tax_id,
        customer.web_domain,
        f"{customer.name_key}|{customer.country}" if customer.name_key else "",
    ]
    natural_keys_lock({f"deal:{registration.partner_id}": keys})


def registration_withdraw(
    *, actor: Actor, registration: DealRegistration, expected_version: int
) -> DealRegistration:
    access.require(actor, "change", registration)
    _require_state(registration, State.SUBMITTED, State.RETURNED)
    with transaction.atomic():
        registration = _move(actor, registration, expected_version, state=State.WITHDRAWN)
        publish(RegistrationWithdrawn(actor=actor, record=registration))
    return registration


def registration_return(
    *, actor: Actor, registration: DealRegistration, note: str, expected_version: int
) -> DealRegistration:
    """Back to the partner for more information, with a note it reads."""
    access.require(actor, "approve", registration)
    _require_state(registration, State.SUBMITTED)
    if not note.strip():
        raise ValidationFailed(field_errors={"note": [_("Tell the partner what is missing.")]})
    with transaction.atomic():
        registration = _move(
            actor,
            registration,
            expected_version,
            state=State.RETURNED,
            decision_note=note.strip(),
            first_approver=None,
        )
        publish(RegistrationReturned(actor=actor, record=registration))
    return registration


def _reject(
    actor: Actor, registration: DealRegistration, reason: str, note: str, expected_version: int
) -> DealRegistration:
    registration = _move(
        actor,
        registration,
        expected_version,
        state=State.REJECTED,
        reject_reason=reason,
        decision_note=note,
        decided_at=timezone.now(),
        decided_by=actor.user,
    )
    publish(RegistrationRejected(actor=actor, record=registration, reason=reason))
    return registration


def registration_reject(
    *,
    actor: Actor,
    registration: DealRegistration,
    reason: str,
    note: str = "",
    expected_version: int,
) -> DealRegistration:
    """Rejected with a reason from the DEAL_REJECT_REASON lookup."""
    access.require(actor, "approve", registration)
    _require_state(registration, State.SUBMITTED, State.RETURNED)
    if lookup_value_find(catalog.REJECT_REASONS, reason) is None:
        raise ValidationFailed(field_errors={"reason": [_("Choose a rejection reason.")]})
    with transaction.atomic():
        return _reject(actor, registration, reason, note.strip(), expected_version)


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
    _require_state(registration, State.SUBMITTED)
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
                registration = _move(
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
            _reject(actor, other, catalog.HELD_BY_EARLIER, "", other.version)
        opportunity = _opportunity_for(actor, registration, account, link)
        today = timezone.localdate()
        registration = _move(
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


def registration_extend(
    *, actor: Actor, registration: DealRegistration, expected_version: int
) -> DealRegistration:
    """One more protection period, up to the allowed number of extensions."""
    access.require(actor, "approve", registration)
    _require_state(registration, State.APPROVED)
    terms = protection_terms(registration.partner_id)
    if registration.extensions_used >= terms.extension_count:
        raise Conflict(
            _("This registration was already extended %(count)s time(s), the most allowed.")
            % {"count": registration.extensions_used},
            code=DealErrorCode.EXTENSION_LIMIT,
        )
    until = registration.protection_ends + dt.timedelta(days=terms.extension_days)
    with transaction.atomic():
        registration = _move(
            actor,
            registration,
            expected_version,
            protection_ends=until,
            extensions_used=registration.extensions_used + 1,
            reminded_days=None,
        )
        publish(RegistrationExtended(actor=actor, record=registration, until=until.isoformat()))
    return registration


def registration_cancel(
    *, actor: Actor, registration: DealRegistration, note: str, expected_version: int
) -> DealRegistration:
    """The brand owner ends an approved registration's protection early."""
    access.require(actor, "approve", registration)
    _require_state(registration, State.APPROVED)
    with transaction.atomic():
        return _move(
            actor,
            registration,
            expected_version,
            state=State.CANCELLED,
            decision_note=note.strip(),
        )
