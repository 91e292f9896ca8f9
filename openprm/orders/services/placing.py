"""Placing, editing, submitting and cancelling orders (ORD-3, ORD-6, ORD-7, ORD-8).

A partner user orders for its own organization (stock for its store,
`customer_id` None) or for a customer account it may see (404 otherwise),
at the price list that applies to it; the prices of every line come from
that price list, never from the caller.
"""

import uuid
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.catalog import pricing
from openprm.catalog.models import PriceList
from openprm.contacts.models import Person
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.audit.services import audit_create
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.records import full_clean, record_update
from openprm.customers.models import Account
from openprm.deals.models import Opportunity
from openprm.orders.errors import OrderErrorCode
from openprm.orders.events import OrderCancelled, OrderPlaced, OrderSubmitted
from openprm.orders.line_audit import audit_lines, lines_state
from openprm.orders.line_build import build_lines
from openprm.orders.line_store import save_lines
from openprm.orders.lines import Draft, LineSpec, Problems, load_context
from openprm.orders.models import (
    PAST_NO_RETURN,
    FulfilmentStatus,
    LineAction,
    Order,
    OrderLine,
    OrderState,
)
from openprm.orders.services.revisable import (
    cancel_pending_revisions,
    moved,
    require_revisable,
)
from openprm.orders.services.touching import require_untouched
from openprm.partners.models import PartnerProfile


def own_organization(actor: Actor, customer_id: int | None) -> bool:
    """Whether the account is the partner user's own organization: its
    stock, bought at its own prices (ORD-6), however the caller names it."""
    if customer_id is None or not actor.is_partner or actor.partner_id is None:
        return False
    own = access.unscoped(PartnerProfile).filter(pk=actor.partner_id, account_id=customer_id)
    return own.exists()


def buyer(actor: Actor, customer_id: int | None) -> tuple[Account, PartnerProfile | None]:
    """ORD-6: the account the order is for and the partner placing it."""
    partner = None
    if actor.is_partner and actor.partner_id is not None:
        partner = access.unscoped(PartnerProfile).select_related("account").get(pk=actor.partner_id)
    if customer_id is None:
        if partner is None:
            raise ValidationFailed(
                _("Customer account: name the customer account the order is for."),
                code=OrderErrorCode.CUSTOMER_REQUIRED,
                field_errors={"customer_id": [_("Choose a customer account.")]},
            )
        return partner.account, partner
    return access.get_visible(Account, actor, customer_id), partner


def callers_price_list(
    actor: Actor, customer_id: int | None, price_list_id: int | None
) -> PriceList:
    """ORD-1, ORD-6: only the price list that applies to the caller (for
    itself or for the customer) may price its order; None asks for that one."""
    applies = pricing.price_list_for(actor, for_customer=customer_id)
    if applies is None or price_list_id not in (None, applies.pk):
        raise ValidationFailed(
            _(
                "Caller's price list: price list %(asked)s is not the one that applies here "
                "(%(applies)s)."
            )
            % {
                "asked": price_list_id or _("none"),
                "applies": applies.name if applies else _("none"),
            },
            code=OrderErrorCode.PRICE_LIST_NOT_CALLERS,
            field_errors={"price_list_id": [_("Use the price list that applies to you.")]},
        )
    return applies


def _opportunity(actor: Actor, opportunity_id: int | None, customer: Account) -> Opportunity | None:
    if opportunity_id is None:
        return None
    opportunity = access.get_visible(Opportunity, actor, opportunity_id)
    if opportunity.account_id != customer.pk:
        raise ValidationFailed(
            _("Opportunity of the account: the opportunity %(name)s is not of %(account)s.")
            % {"name": opportunity.name, "account": customer.name},
            code=OrderErrorCode.OPPORTUNITY_OTHER_ACCOUNT,
            field_errors={"opportunity_id": [_("Choose an opportunity of this account.")]},
        )
    return opportunity


def totals(drafts: Sequence[Draft]) -> tuple[Decimal, Decimal]:
    """What the order charges: its Add and Update lines, one-time and monthly apart."""
    charged = [d for d in drafts if d.action in (LineAction.ADD, LineAction.UPDATE)]
    return (
        sum((d.one_time_amount for d in charged), Decimal(0)),
        sum((d.monthly_amount for d in charged), Decimal(0)),
    )


def create_order(*, actor: Actor, order: Order, drafts: Sequence[Draft]) -> Order:
    """Insert a new order (or revision) with its lines."""
    order.one_time_total, order.monthly_total = totals(drafts)
    insert_order(actor=actor, order=order)
    save_lines(order.pk, drafts, new=True)
    return order


def insert_order(*, actor: Actor, order: Order) -> Order:
    """Insert the order itself, on the trail; the first revision takes its
    number from its id."""
    order.placed_by_id = actor.pk
    full_clean(order, exclude=["number", "previous"])
    if not order.number:
        order.number = f"NEW-{uuid.uuid4().hex[:16]}"  # until its id is known
        order.save(force_insert=True)
        order.number = f"ORD-{order.pk:06d}"
        order.save(update_fields=["number"])
    else:
        order.save(force_insert=True)
    audit_create(actor=actor, instance=order)
    return order


def place_order(
    *,
    actor: Actor,
    customer_id: int | None,
    contact_id: int | None,
    price_list_id: int,
    opportunity_id: int | None,
    lines: Sequence[LineSpec],
) -> Order:
    """A new Pending order. Every line is checked (ORD-1, ORD-8) and
    refused together, before anything is written."""
    access.require_create(actor, Order)
    if own_organization(actor, customer_id):
        customer_id = None
    with transaction.atomic():
        customer, partner = buyer(actor, customer_id)
        contact = access.get_visible(Person, actor, contact_id) if contact_id else None
        price_list = callers_price_list(actor, customer_id, price_list_id)
        opportunity = _opportunity(actor, opportunity_id, customer)
        ctx = load_context(
            actor=actor, price_list=price_list, specs=lines, day=timezone.localdate()
        )
        problems = Problems()
        drafts = build_lines(lines, ctx, problems)
        problems.raise_any()
        order = Order(
            customer=customer,
            partner=partner,
            contact=contact,
            price_list=price_list,
            currency=price_list.currency,
            opportunity=opportunity,
        )
        create_order(actor=actor, order=order, drafts=drafts)
        publish(OrderPlaced(actor=actor, record=order, number=order.number))
    return order


def _require_pending(order: Order) -> None:
    if order.state != OrderState.PENDING:
        raise Conflict(
            _("Pending order: %(order)s is %(state)s; only a pending order or revision changes.")
            % {"order": order, "state": order.get_state_display()},
            code=OrderErrorCode.STATE_REFUSES,
        )


def order_lines_replace(
    *, actor: Actor, order: Order, lines: Sequence[LineSpec], expected_version: int | None
) -> Order:
    """A pending order's (or revision's) lines, all of them at once: a line
    that keeps one of the order's lines names it (`line_id`) and keeps its
    product (ORD-7)."""
    access.require(actor, "change", order)
    with transaction.atomic():
        _require_pending(order)
        kept = {
            line.pk: line
            for line in access.unscoped(OrderLine)
            .filter(order=order)
            .select_related("product")
            .prefetch_related("children")
        }
        ctx = load_context(
            actor=actor,
            price_list=order.price_list,
            specs=lines,
            day=timezone.localdate(),
            kept=kept,
        )
        problems = Problems()
        drafts = build_lines(lines, ctx, problems)
        problems.raise_any()
        saved = save_lines(order.pk, drafts)
        before = lines_state(kept.values())
        after = lines_state(saved)
        audit_lines(actor=actor, order=order, before=before, after=after)
        one_time, monthly = totals(drafts)
        return record_update(
            actor=actor,
            instance=order,
            changes={"one_time_total": one_time, "monthly_total": monthly},
            expected_version=expected_version,
        )


def _carry_fulfilment(order: Order, previous: Order) -> str:
    """A revision's unchanged lines keep where fulfilment of the revision
    it replaces has got to; the order's state follows."""
    lines = access.unscoped(OrderLine).filter(order=order)
    same = access.unscoped(OrderLine).filter(
        order=previous,
        key=OuterRef("key"),
        quantity=OuterRef("quantity"),
        product_id=OuterRef("product_id"),
    )
    lines.filter(Exists(same.exclude(fulfilment_status=OuterRef("fulfilment_status")))).update(
        fulfilment_status=Subquery(same.values("fulfilment_status")[:1])
    )  # one statement whatever the number of lines
    moved = lines.exclude(fulfilment_status=FulfilmentStatus.OPEN).exists()
    return OrderState.IN_PROGRESS if moved else OrderState.OPEN


def order_submit(*, actor: Actor, order: Order, expected_version: int | None) -> Order:
    """Pending → Open. A submitted revision replaces the one it revises,
    which becomes read-only history (ORD-4, ORD-7)."""
    access.require(actor, "change", order)
    with transaction.atomic():
        _require_pending(order)
        require_untouched(order)
        state = OrderState.OPEN
        if order.previous_id is not None:
            previous = access.unscoped(Order).select_for_update().get(pk=order.previous_id)
            require_revisable(previous)
            state = _carry_fulfilment(order, previous)
            moved(actor, previous, OrderState.SUPERSEDED)
        order = record_update(
            actor=actor,
            instance=order,
            changes={"state": state, "submitted_at": timezone.now()},
            expected_version=expected_version,
        )
        publish(OrderSubmitted(actor=actor, record=order, revision=order.revision))
    return order


def order_cancel(*, actor: Actor, order: Order, expected_version: int | None) -> Order:
    """A pending revision is cancelled and the revision it revises stands
    again; an order is cancelled until a line passes its point of no
    return. Nothing is deleted (ORD-7)."""
    access.require(actor, "change", order)
    with transaction.atomic():
        if order.state not in (OrderState.PENDING, OrderState.OPEN, OrderState.IN_PROGRESS):
            raise Conflict(
                _("Cancelling: %(order)s is %(state)s and cannot be cancelled.")
                % {"order": order, "state": order.get_state_display()},
                code=OrderErrorCode.STATE_REFUSES,
            )
        past = access.unscoped(OrderLine).filter(order=order, fulfilment_status__in=PAST_NO_RETURN)
        if order.state != OrderState.PENDING and past.exists():
            raise Conflict(
                _(
                    "Point of no return: a line of %(order)s has passed its point of no return; "
                    "it can no longer be cancelled."
                )
                % {"order": order},
                code=OrderErrorCode.STATE_REFUSES,
            )
        order = record_update(
            actor=actor,
            instance=order,
            changes={"state": OrderState.CANCELLED},
            expected_version=expected_version,
        )
        publish(OrderCancelled(actor=actor, record=order, revision=order.revision))
        cancel_pending_revisions(actor, order)
    return order
