"""Leads and their routing to partners (DEAL-1, DEAL-4, DEAL-8).

A lead is offered to one partner at a time. The partner accepts (on a sales
account the lead becomes the partner's opportunity) or declines before the
deadline; a declined or unanswered lead goes to the next candidate, or back
to the channel manager when none is left. A partner may pass a lead it was
offered to another partner: the referrer stays on the lead and on the
opportunity it becomes. Offering holds a lock per partner, so two routing
workers never push a partner past its capacity, and the database allows one
open offer per lead, so no lead is ever with two partners.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import ANONYMOUS, Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.locks import natural_keys_lock
from openprm.core.notifications.services import notify
from openprm.core.options.selectors import profile_option_value
from openprm.core.records import record_create, record_update
from openprm.core.write_pauses import paused_for_writers
from openprm.customers.models import Account
from openprm.deals import catalog
from openprm.deals.errors import DealErrorCode
from openprm.deals.models import Lead, LeadOffer
from openprm.deals.routing import candidates, offered_before, open_offer, partner_loads
from openprm.deals.services.opportunities import opportunity_open
from openprm.partners.models import PartnerContact, PartnerProfile

Outcome = LeadOffer.Outcome


def lead_create(
    *, actor: Actor, account_id: int, name: str, amount: Decimal = Decimal(0), description: str = ""
) -> Lead:
    """DEAL-1: a lead against a prospect or a sales account the actor sees."""
    access.require_create(actor, Lead)
    account = access.get_visible(Account, actor, account_id)
    if not name.strip():
        raise ValidationFailed(field_errors={"name": [_("Name the lead.")]})
    if amount < 0:
        raise ValidationFailed(field_errors={"amount": [_("The amount cannot be negative.")]})
    lead = Lead(
        account=account,
        name=name.strip(),
        amount=amount,
        description=description,
        owner=actor.user,
    )
    return record_create(actor=actor, instance=lead)


def _deadline() -> dt.datetime:
    try:
        hours = int(profile_option_value(catalog.OFFER_ANSWER_HOURS))
    except ValueError:
        hours = 48
    return timezone.now() + dt.timedelta(hours=hours)


def _partner_users(partner_id: int) -> list[int]:
    return list(
        PartnerContact.objects.filter(partner_id=partner_id, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )


def offer(
    actor: Actor,
    lead: Lead,
    partner: PartnerProfile,
    *,
    reason: str = "",
    passed_by: PartnerProfile | None = None,
) -> LeadOffer:
    """Offer the lead to the partner unless it is at capacity or the lead is
    already with a partner; in the caller's transaction."""
    natural_keys_lock({"lead-capacity": [str(partner.pk)]})
    if partner_loads([partner.pk])[partner.pk] >= partner.lead_capacity:
        raise Conflict(
            _("%(partner)s works on as many leads as it can take (%(capacity)s).")
            % {"partner": partner.account.name, "capacity": partner.lead_capacity},
            code=DealErrorCode.PARTNER_AT_CAPACITY,
        )
    try:
        with transaction.atomic():
            made = LeadOffer.objects.create(
                lead=lead,
                partner=partner,
                passed_by=passed_by,
                reason=reason,
                deadline=_deadline(),
            )
    except IntegrityError:
        raise Conflict(
            _("This lead is already offered to a partner."), code=DealErrorCode.LEAD_STATE
        ) from None
    Lead.objects.filter(pk=lead.pk).update(status=Lead.Status.OFFERED)
    lead.status = Lead.Status.OFFERED
    for user_id in _partner_users(partner.pk):
        notify(
            user_id,
            _("A lead waits for your answer: %(name)s") % {"name": lead.name},
            link=reverse("portal:lead_list"),
        )
    return made


def lead_route(
    *, actor: Actor, lead: Lead, partner_id: int | None = None, expected_version: int
) -> LeadOffer:
    """The channel manager offers the lead to the chosen partner, or to the
    best candidate when none is chosen."""
    access.require(actor, "route", lead)
    if lead.status not in (Lead.Status.NEW,):
        raise Conflict(_("Only a new lead can be routed."), code=DealErrorCode.LEAD_STATE)
    with transaction.atomic():
        record_update(actor=actor, instance=lead, changes={}, expected_version=expected_version)
        if partner_id is None:
            ranked = candidates(lead, exclude=offered_before(lead))
            if not ranked:
                raise Conflict(
                    _("No partner can take this lead now."), code=DealErrorCode.PARTNER_AT_CAPACITY
                )
            return offer(actor, lead, ranked[0].partner, reason=ranked[0].reason)
        partner = access.get_visible(
            PartnerProfile,
            actor,
            partner_id,
            access.visible(PartnerProfile, actor).select_related("account"),
        )
        return offer(actor, lead, partner, reason=_("chosen by the channel manager"))


def _offer_for(actor: Actor, lead: Lead) -> LeadOffer:
    access.require(actor, "answer", lead)
    found = open_offer(lead)
    if found is None or found.partner_id != actor.partner_id:
        raise Conflict(
            _("This lead is not waiting for your answer."), code=DealErrorCode.LEAD_STATE
        )
    if found.deadline < timezone.now():
        raise Conflict(
            _("The time to answer this lead has passed."), code=DealErrorCode.OFFER_EXPIRED
        )
    return found


def lead_accept(*, actor: Actor, lead: Lead) -> Lead:
    """The partner takes the lead; on a sales account it becomes the
    partner's opportunity at once, the referrer kept (DEAL-8)."""
    with transaction.atomic():
        found = _offer_for(actor, lead)
        LeadOffer.objects.filter(pk=found.pk).update(
            outcome=Outcome.ACCEPTED, answered_at=timezone.now()
        )
        changes: dict[str, Any] = {"partner_id": found.partner_id, "status": Lead.Status.ACCEPTED}
        if lead.account.is_sales_account:
            opportunity = opportunity_open(
                actor=actor,
                account=lead.account,
                name=lead.name,
                close_date=timezone.localdate() + dt.timedelta(days=90),
                lines=[],
                partner=found.partner,
                require_lines=False,
                referring_partner=lead.referring_partner,
            )
            changes.update(status=Lead.Status.CONVERTED, opportunity=opportunity)
        return record_update(actor=actor, instance=lead, changes=changes, expected_version=None)


def next_candidate(actor: Actor, lead: Lead) -> LeadOffer | None:
    """Offer the lead to the best partner not offered it yet; with none
    left, the lead returns to its owner as new."""
    ranked = candidates(lead, exclude=offered_before(lead))
    if ranked:
        try:
            return offer(actor, lead, ranked[0].partner, reason=ranked[0].reason)
        except Conflict:
            pass
    Lead.objects.filter(pk=lead.pk).update(status=Lead.Status.NEW)
    notify(
        lead.owner_id,
        _("No partner took the lead %(name)s") % {"name": lead.name},
        link=lead.get_absolute_url(),
    )
    return None


def lead_decline(*, actor: Actor, lead: Lead, reason: str) -> LeadOffer | None:
    """Declined with a reason; the lead goes to the next candidate."""
    if not reason.strip():
        raise ValidationFailed(field_errors={"reason": [_("Say why you decline the lead.")]})
    with transaction.atomic():
        found = _offer_for(actor, lead)
        LeadOffer.objects.filter(pk=found.pk).update(
            outcome=Outcome.DECLINED, answered_at=timezone.now(), decline_reason=reason.strip()
        )
        return next_candidate(actor, lead)


def lead_pass(*, actor: Actor, lead: Lead) -> LeadOffer:
    """DEAL-8: the partner the lead is offered to passes it on, and is
    recorded as the referrer. The receiver is the best routing candidate
    not offered the lead yet (DEAL-4), and the passing partner is not told
    which: a partner user learns nothing of another organization (PRG-7).
    With no candidate left the lead stays with the partner, to accept or
    decline."""
    with transaction.atomic():
        found = _offer_for(actor, lead)
        LeadOffer.objects.filter(pk=found.pk).update(
            outcome=Outcome.WITHDRAWN, answered_at=timezone.now()
        )
        Lead.objects.filter(pk=lead.pk).update(referring_partner_id=found.partner_id)
        lead.referring_partner_id = found.partner_id
        for candidate in candidates(lead, exclude=offered_before(lead)):
            try:
                with transaction.atomic():
                    return offer(
                        actor,
                        lead,
                        candidate.partner,
                        reason=_("passed on by a partner"),
                        passed_by=found.partner,
                    )
            except Conflict as refused:
                if refused.code != DealErrorCode.PARTNER_AT_CAPACITY:
                    raise
        raise Conflict(
            _("No other partner can take this lead now; accept or decline it."),
            code=DealErrorCode.PARTNER_AT_CAPACITY,
        )


def offers_time_out(now: dt.datetime | None = None) -> int:
    """Unanswered offers past their deadline lapse and their leads go to the
    next candidate (DEAL-8); re-runnable. A routed batch lapses all at once,
    one offer a transaction, so on SQLite it pauses for other writers as the
    batch did (core.write_pauses)."""
    now = now or timezone.now()
    lapsed = list(
        LeadOffer.objects.filter(outcome=Outcome.OPEN, deadline__lt=now).select_related(
            "lead__owner", "lead__account"
        )
    )
    system = ANONYMOUS
    for found in paused_for_writers(lapsed):
        with transaction.atomic():
            if LeadOffer.objects.filter(pk=found.pk, outcome=Outcome.OPEN).update(
                outcome=Outcome.TIMED_OUT, answered_at=now
            ):
                next_candidate(system, found.lead)
    return len(lapsed)
