"""The deals app's tier indicators (PRG-4, PRG-5, DEAL-5): closed-won
revenue, won deals and approved registrations, each measured for every
partner asked in one aggregate query (core.indicators).

Revenue counts the won opportunities in the program's currency. A won
opportunity without a currency, in another currency or without an amount is
not counted as zero: it is reported as incomplete, listed by the evaluation,
so the brand owner fixes the record instead of the partner losing a tier.
"""

import datetime as dt
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core.indicators import Counted, Figure, Incomplete, Measurement, Window, shared
from openprm.deals.analytics import APPROVED_ONCE
from openprm.deals.models import DealRegistration, Opportunity

WON = Opportunity.Stage.WON


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _won(partner_ids: Collection[int] | None, window: Window) -> QuerySet[Opportunity]:
    rows = Opportunity.objects.filter(
        stage=WON,
        partner_id__isnull=False,
        closed_at__gte=_moment(window.since),
        closed_at__lt=_moment(window.until + dt.timedelta(days=1)),
    )
    return rows if partner_ids is None else rows.filter(partner_id__in=partner_ids)


def _countable(window: Window) -> Q:
    return Q(currency=window.currency, amount__gt=0)


def _incomplete_reason(opportunity: dict[str, Any], currency: str) -> str:
    if not opportunity["currency"]:
        return _("won without a currency")
    if opportunity["currency"] != currency:
        return _("won in %(found)s; the program counts %(currency)s") % {
            "found": opportunity["currency"],
            "currency": currency,
        }
    return _("won without an amount")


def _key(partner_ids: Collection[int] | None) -> tuple[int, ...] | None:
    return None if partner_ids is None else tuple(sorted(partner_ids))


@shared
def _won_totals(partner_ids: tuple[int, ...] | None, window: Window) -> list[dict[str, Any]]:
    """Per partner: the countable revenue and deals, and the won deals that
    cannot be counted; one grouped query that both won indicators read."""
    countable = _countable(window)
    return list(
        _won(partner_ids, window)
        .order_by()
        .values("partner_id")
        .annotate(
            total=Sum("amount", filter=countable),
            counted=Count("pk", filter=countable),
            other=Count("pk", filter=~countable),
        )
    )


def closed_won_revenue(
    *, partner_ids: Collection[int] | None, window: Window, parameter: str = ""
) -> Measurement:
    """The amounts of the opportunities won in the window, per partner; one
    grouped query, a second only when some could not be counted."""
    figures: dict[int, Figure] = {}
    broken: list[int] = []
    for row in _won_totals(_key(partner_ids), window):
        if row["counted"]:
            figures[row["partner_id"]] = Figure(row["total"] or Decimal(0), row["counted"])
        if row["other"]:
            broken.append(row["partner_id"])
    incomplete = (
        [
            Incomplete(
                partner_id=found["partner_id"],
                record=found["name"],
                reason=_incomplete_reason(found, window.currency),
                url=Opportunity(pk=found["pk"]).get_absolute_url(),
            )
            for found in _won(broken, window)
            .exclude(_countable(window))
            .order_by("partner_id", "pk")
            .values("pk", "partner_id", "name", "currency", "amount")
        ]
        if broken
        else []
    )
    return Measurement(figures, incomplete)


def won_deals(
    *, partner_ids: Collection[int] | None, window: Window, parameter: str = ""
) -> Measurement:
    """How many opportunities each partner won in the window."""
    return Measurement(
        {
            row["partner_id"]: Figure(Decimal(n), n)
            for row in _won_totals(_key(partner_ids), window)
            if (n := row["counted"] + row["other"])
        }
    )


def _approved(partner_ids: Collection[int] | None, window: Window) -> QuerySet[DealRegistration]:
    rows = DealRegistration.objects.filter(
        state__in=APPROVED_ONCE,
        protection_starts__gte=window.since,
        protection_starts__lte=window.until,
    )
    return rows if partner_ids is None else rows.filter(partner_id__in=partner_ids)


def approved_registrations(
    *, partner_ids: Collection[int] | None, window: Window, parameter: str = ""
) -> Measurement:
    """Registrations approved in the window (whatever became of them since)."""
    rows = _approved(partner_ids, window).order_by().values("partner_id").annotate(n=Count("pk"))
    return Measurement({row["partner_id"]: Figure(Decimal(row["n"]), row["n"]) for row in rows})


def revenue_opportunities(*, partner_id: int, window: Window, parameter: str = "") -> QuerySet[Any]:
    """The won opportunities the revenue figure summed (in the program's
    currency, with an amount); those it could not count are the snapshot's
    incomplete records, not these."""
    return (
        _won([partner_id], window)
        .filter(_countable(window))
        .select_related("account")
        .order_by("-closed_at", "-pk")
    )


def won_opportunities(*, partner_id: int, window: Window, parameter: str = "") -> QuerySet[Any]:
    """Every opportunity the won deals figure counted."""
    return _won([partner_id], window).select_related("account").order_by("-closed_at", "-pk")


def approved_registration_records(
    *, partner_id: int, window: Window, parameter: str = ""
) -> QuerySet[Any]:
    return (
        _approved([partner_id], window)
        .select_related("account")
        .order_by("-protection_starts", "-pk")
    )


def _closed_on(opportunity: Opportunity) -> dt.date | None:
    closed = opportunity.closed_at
    return timezone.localdate(closed) if closed is not None else None


def revenue_row(opportunity: Opportunity) -> Counted:
    """A won opportunity adds its amount to the revenue."""
    return Counted(
        opportunity.pk,
        opportunity.name,
        f"{opportunity.account} · {opportunity.currency}",
        _closed_on(opportunity),
        opportunity.amount,
        opportunity.get_absolute_url(),
    )


def won_row(opportunity: Opportunity) -> Counted:
    """A won opportunity adds one won deal."""
    return Counted(
        opportunity.pk,
        opportunity.name,
        str(opportunity.account),
        _closed_on(opportunity),
        Decimal(1),
        opportunity.get_absolute_url(),
    )


def registration_row(registration: DealRegistration) -> Counted:
    """An approved registration adds one, on the day its protection began."""
    return Counted(
        registration.pk,
        f"{registration.number or ''} {registration.title}".strip(),
        str(registration.account) if registration.account_id else registration.customer_name,
        registration.protection_starts,
        Decimal(1),
        registration.get_absolute_url(),
    )
