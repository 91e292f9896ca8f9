"""Partners write their registrations (DEAL-2, DEAL-6): one short form kept
as a draft, then submitted; returned registrations are edited the same way.

Every rule is checked before anything is written, so a refused save leaves
the registration as it was (nothing half-saved).
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.catalog.models import Product
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, NotFound, PermissionRefused, ValidationFailed
from openprm.core.records import record_create, record_update
from openprm.customers.models import Account
from openprm.deals.errors import DealErrorCode
from openprm.deals.keys import domain_key, name_key, tax_id_key
from openprm.deals.models import DealRegistration, RegistrationLine
from openprm.partners.models import PartnerProfile

FIELDS = frozenset(
    {
        "title",
        "account_id",
        "customer_name",
        "country",
        "web_domain",
        "tax_id",
        "address",
        "currency",
        "close_date",
        "description",
    }
)
EDITABLE = (DealRegistration.State.DRAFT, DealRegistration.State.RETURNED)
Errors = dict[str, list[str]]


@dataclass(frozen=True)
class LineIn:
    """One product line as the partner entered it; `amount` is the line's total."""

    product_id: int
    quantity: int
    amount: Decimal


def lines_of(registration: DealRegistration) -> list[LineIn]:
    return [
        LineIn(line.product_id, line.quantity, line.amount) for line in registration.lines.all()
    ]


def registration_partner(actor: Actor) -> PartnerProfile:
    """The actor's own partner organization, which must be active to register."""
    if actor.partner_id is None:
        raise PermissionRefused(_("Only partner users register deals."))
    partner = PartnerProfile.objects.select_related("account").get(pk=actor.partner_id)
    if not partner.is_active_partner:
        raise Conflict(
            _("Your organization is inactive and cannot register deals."),
            code=DealErrorCode.PARTNER_INACTIVE,
        )
    return partner


def _unknown(data: Mapping[str, Any]) -> Errors:
    return {name: [_("Unknown field.")] for name in sorted(set(data) - FIELDS)}


def _customer(actor: Actor, values: dict[str, Any], errors: Errors) -> None:
    """The end customer is an account the partner may see, or an unmatched
    customer named with its country (DEAL-6); the conflict keys follow."""
    account_id = values.get("account_id")
    if account_id:
        try:
            account = access.get_visible(Account, actor, account_id)
        except NotFound:
            errors["account_id"] = [_("Choose a customer you can see, or enter its name.")]
            return
        values["customer_name"] = account.name
        values["country"] = account.country.code or values.get("country", "")
    elif not (values.get("customer_name") or "").strip():
        errors["customer_name"] = [_("Name the customer or choose one of your customers.")]
    elif not values.get("country"):
        errors["country"] = [_("Give the customer's country.")]
    values["customer_name"] = (values.get("customer_name") or "").strip()
    values["customer_key"] = name_key(values["customer_name"])
    values["web_domain"] = domain_key(values.get("web_domain", ""))
    values["tax_id"] = tax_id_key(values.get("tax_id", ""))


def _close_date(values: dict[str, Any], errors: Errors) -> None:
    close = values.get("close_date")
    if isinstance(close, str):
        try:
            close = dt.date.fromisoformat(close)
        except ValueError:
            errors["close_date"] = [_("Enter a date like 2027-03-31.")]
            return
        values["close_date"] = close
    if close is None:
        errors["close_date"] = [_("Give the estimated close date.")]
    elif close < timezone.localdate():
        errors["close_date"] = [_("The estimated close date cannot be in the past.")]


def check_lines(lines: Sequence[LineIn], *, required: bool) -> Errors:
    """At least one line, each of an active product with a positive quantity
    and amount."""
    if not lines:
        return {"lines": [_("Add at least one product.")]} if required else {}
    active = set(
        Product.objects.filter(
            pk__in={line.product_id for line in lines}, is_active=True
        ).values_list("pk", flat=True)
    )
    errors: Errors = {}
    for number, line in enumerate(lines):
        problems = []
        if line.product_id not in active:
            problems.append(_("Choose an active product."))
        if line.quantity < 1:
            problems.append(_("The quantity must be at least 1."))
        if line.amount <= 0:
            problems.append(_("The amount must be more than zero."))
        if problems:
            errors[f"lines.{number}"] = [
                _("Line %(n)s: %(problem)s") % {"n": number + 1, "problem": p} for p in problems
            ]
    return errors


def _values(
    actor: Actor, data: Mapping[str, Any], lines: Sequence[LineIn] | None
) -> dict[str, Any]:
    errors = _unknown(data)
    values = {k: v for k, v in data.items() if k in FIELDS}
    if not (values.get("title") or "").strip():
        errors["title"] = [_("Name the deal.")]
    _customer(actor, values, errors)
    _close_date(values, errors)
    if lines is not None:
        errors.update(check_lines(lines, required=False))
    if errors:
        raise ValidationFailed(field_errors=errors)
    values["title"] = values["title"].strip()
    return values


def _write_lines(registration: DealRegistration, lines: Sequence[LineIn]) -> None:
    registration.lines.all().delete()
    RegistrationLine.objects.bulk_create(
        RegistrationLine(
            registration=registration,
            product_id=line.product_id,
            quantity=line.quantity,
            amount=line.amount,
        )
        for line in lines
    )
    total = sum((line.amount for line in lines), Decimal(0))
    DealRegistration.objects.filter(pk=registration.pk).update(amount=total)
    registration.amount = total


def registration_create(
    *, actor: Actor, data: Mapping[str, Any], lines: Sequence[LineIn] = ()
) -> DealRegistration:
    """A draft registration of the actor's organization, owned by the actor;
    its channel manager is the partner's (the partner account's owner)."""
    partner = registration_partner(actor)
    values = _values(actor, data, lines)
    registration = DealRegistration(
        partner=partner,
        owner=actor.user,
        channel_manager_id=partner.account.owner_id,
        **values,
    )
    with transaction.atomic():
        record_create(actor=actor, instance=registration)
        registration.number = f"DR-{registration.pk:06d}"
        DealRegistration.objects.filter(pk=registration.pk).update(number=registration.number)
        _write_lines(registration, lines)
    return registration


def registration_update(
    *,
    actor: Actor,
    registration: DealRegistration,
    changes: Mapping[str, Any],
    lines: Sequence[LineIn] | None,
    expected_version: int | None,
) -> DealRegistration:
    """Drafts and returned registrations only; `lines=None` keeps the lines."""
    access.require(actor, "change", registration)
    registration_partner(actor)
    if registration.state not in EDITABLE:
        raise Conflict(
            _("Only a draft or a returned registration can be edited."),
            code=DealErrorCode.REGISTRATION_STATE,
        )
    current = {name: getattr(registration, name) for name in FIELDS}
    current["country"] = str(current["country"] or "")
    values = _values(actor, {**current, **changes}, lines)
    current["customer_key"] = registration.customer_key
    with transaction.atomic():
        registration = record_update(
            actor=actor,
            instance=registration,
            changes={k: v for k, v in values.items() if v != current[k]},
            expected_version=expected_version,
        )
        if lines is not None:
            _write_lines(registration, lines)
    return registration
