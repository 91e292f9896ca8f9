"""The life of a submitted registration (DEAL-2, DEAL-3, DEAL-6, DEAL-7, TER-4).

Draft → Submitted → (Returned ⇄ Submitted) → Approved | Rejected; a submitted
or returned one can be withdrawn by its partner; an approved one ends as Won,
Lost, Expired or Cancelled. The conflict check runs at submission and again
at approval. The partner is never told that another deal exists: a
conflicting registration simply stays under review, and one that loses is
rejected with "an earlier registration holds this opportunity". Approval
is approval.py.
"""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.locks import natural_keys_lock
from openprm.core.lookups.selectors import lookup_value_find
from openprm.core.records import record_update
from openprm.deals import catalog
from openprm.deals.conflicts import Customer, conflicts_of, duplicates_of
from openprm.deals.errors import DealErrorCode
from openprm.deals.events import (
    RegistrationExtended,
    RegistrationRejected,
    RegistrationReturned,
    RegistrationSubmitted,
    RegistrationWithdrawn,
)
from openprm.deals.models import DealRegistration
from openprm.deals.providers import protection_terms
from openprm.deals.services.drafts import (
    EDITABLE,
    check_lines,
    lines_of,
    registration_partner,
)

State = DealRegistration.State


def _state_refused(registration: DealRegistration, wanted: Sequence[str]) -> Conflict:
    return Conflict(
        _("This registration is %(state)s now, so this cannot be done.")
        % {"state": registration.get_state_display().lower()},
        code=DealErrorCode.REGISTRATION_STATE,
        extra={"state": registration.state, "allowed": list(wanted)},
    )


def require_state(registration: DealRegistration, *wanted: str) -> None:
    if registration.state not in wanted:
        raise _state_refused(registration, wanted)


def move(
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
    require_state(registration, *EDITABLE)
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
        registration = move(
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
    require_state(registration, State.SUBMITTED, State.RETURNED)
    with transaction.atomic():
        registration = move(actor, registration, expected_version, state=State.WITHDRAWN)
        publish(RegistrationWithdrawn(actor=actor, record=registration))
    return registration


def registration_return(
    *, actor: Actor, registration: DealRegistration, note: str, expected_version: int
) -> DealRegistration:
    """Back to the partner for more information, with a note it reads."""
    access.require(actor, "approve", registration)
    require_state(registration, State.SUBMITTED)
    if not note.strip():
        raise ValidationFailed(field_errors={"note": [_("Tell the partner what is missing.")]})
    with transaction.atomic():
        registration = move(
            actor,
            registration,
            expected_version,
            state=State.RETURNED,
            decision_note=note.strip(),
            first_approver=None,
        )
        publish(RegistrationReturned(actor=actor, record=registration))
    return registration


def reject(
    actor: Actor, registration: DealRegistration, reason: str, note: str, expected_version: int
) -> DealRegistration:
    registration = move(
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
    require_state(registration, State.SUBMITTED, State.RETURNED)
    if lookup_value_find(catalog.REJECT_REASONS, reason) is None:
        raise ValidationFailed(field_errors={"reason": [_("Choose a rejection reason.")]})
    with transaction.atomic():
        return reject(actor, registration, reason, note.strip(), expected_version)


def registration_extend(
    *, actor: Actor, registration: DealRegistration, expected_version: int
) -> DealRegistration:
    """One more protection period, up to the allowed number of extensions."""
    access.require(actor, "approve", registration)
    require_state(registration, State.APPROVED)
    terms = protection_terms(registration.partner_id)
    if registration.extensions_used >= terms.extension_count:
        raise Conflict(
            _("This registration was already extended %(count)s time(s), the most allowed.")
            % {"count": registration.extensions_used},
            code=DealErrorCode.EXTENSION_LIMIT,
        )
    until = registration.protection_ends + dt.timedelta(days=terms.extension_days)
    with transaction.atomic():
        registration = move(
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
    require_state(registration, State.APPROVED)
    with transaction.atomic():
        return move(
            actor,
            registration,
            expected_version,
            state=State.CANCELLED,
            decision_note=note.strip(),
        )
