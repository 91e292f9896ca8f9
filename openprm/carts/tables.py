"""The quotes list (ORD-6), declared once for the portal page and the API."""

from operator import attrgetter
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.carts import selectors
from openprm.carts.models import Quote
from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query


def _quotes(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Quote]:
    return selectors.quote_list(actor=actor)


def _for_whom(quote: Quote) -> str:
    return quote.customer.name if quote.customer_id else str(_("Own organization"))


QUOTES = ListSpec(
    name="carts.quotes",
    select=_quotes,
    columns=(
        Column("id", _("ID"), lambda q: q.pk, shown=False),
        Column("number", _("Number"), sort="number", link=Quote.get_absolute_url),
        Column("for_whom", _("For"), _for_whom),
        Column("status", _("Status"), lambda q: q.get_status_display(), sort="status"),
        Column("valid_until", _("Valid until"), sort="valid_until"),
        Column(
            "one_time_total",
            _("One-time total"),
            attrgetter("one_time_total"),
            sort="one_time_total",
            cell="cells/money.html",
        ),
        Column(
            "monthly_total",
            _("Monthly total"),
            attrgetter("monthly_total"),
            sort="monthly_total",
            cell="cells/money.html",
        ),
        Column("currency", _("Currency"), shown=False),
    ),
    default_sort="-created",
    sorts={"created": ("created_at",)},
    row_key=lambda q: q.number,
)
