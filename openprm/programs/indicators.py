"""The programs app's own tier indicator: a manual score the channel team
gives a partnership, with a reason (PRG-4), for what no record measures."""

from collections.abc import Collection
from typing import Any

from django.db.models import QuerySet

from openprm.core.indicators import Figure, Measurement, Window
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
