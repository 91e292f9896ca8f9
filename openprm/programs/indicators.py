"""The programs app's own tier indicator: a manual score the channel team
gives a partnership, with a reason (PRG-4), for what no record measures."""

from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext

from openprm.core.indicators import Counted, Figure, Measurement, Window
from openprm.programs.models import Partnership


def _scored(partner_ids: Collection[int] | None) -> QuerySet[Partnership]:
    rows = Partnership.objects.filter(manual_score__isnull=False)
    return rows if partner_ids is None else rows.filter(partner_id__in=partner_ids)


def manual_score(
    *, partner_ids: Collection[int] | None, window: Window, parameter: str = ""
) -> Measurement:
    """The stored score; the window does not apply to it."""
    return Measurement(
        {
            partner_id: Figure(score, 1)
            for partner_id, score in _scored(partner_ids).values_list("partner_id", "manual_score")
        }
    )


def scored_partnership(*, partner_id: int, window: Window, parameter: str = "") -> QuerySet[Any]:
    return _scored([partner_id])


def score_row(partnership: Partnership) -> Counted:
    """The score is the figure, with the reason the channel team gave."""
    return Counted(
        partnership.pk,
        gettext("Manual score"),
        partnership.manual_score_reason,
        None,
        partnership.manual_score or Decimal(0),
    )
