"""Why a snapshot's figure is what it is (PRG-11): the records it counted.

A snapshot stores each figure with its indicator, parameter and window. The
indicator that measured it also lists, for one partner and window, exactly
the records it counted (`TierIndicator.records`) and describes each one
(`TierIndicator.row`), so the partner and its channel manager can check the
figure record by record. The records are read as they are now over the
snapshot's window: a record changed since the evaluation shows changed,
and the page says so next to the total.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core.errors import NotFound
from openprm.core.indicators import Counted, TierIndicator, collected
from openprm.programs.explain import amount
from openprm.programs.ladder import window_of
from openprm.programs.models import Snapshot


@dataclass(frozen=True)
class FigureLine:
    """One stored figure of a snapshot, as the page and the API show it."""

    index: int
    indicator: TierIndicator | None
    code: str
    parameter: str
    window_months: int
    value: Decimal
    counted: int
    currency: str

    @property
    def label(self) -> str:
        name = str(self.indicator.label) if self.indicator else self.code
        return f"{name} ({self.parameter})" if self.parameter else name

    @property
    def unit(self) -> str:
        return self.indicator.unit if self.indicator else "count"

    @property
    def value_text(self) -> str:
        return amount(self.value, self.unit, self.currency)

    @property
    def drills_down(self) -> bool:
        return self.indicator is not None and self.indicator.drills_down


def figure_lines(snapshot: Snapshot) -> list[FigureLine]:
    indicators = collected()
    currency = snapshot.partnership.program.currency
    return [
        FigureLine(
            index,
            indicators.get(figure["indicator"]),
            figure["indicator"],
            figure.get("parameter", ""),
            figure["window_months"],
            Decimal(figure["value"]),
            figure.get("counted", 0),
            currency,
        )
        for index, figure in enumerate(snapshot.figures)
    ]


def figure_line(snapshot: Snapshot, index: Any) -> FigureLine:
    """The snapshot's figure at `index`; NotFound for none there or one no
    installed app can list."""
    lines = figure_lines(snapshot)
    try:
        line = lines[int(index)]
    except (TypeError, ValueError, IndexError):
        raise NotFound(_("This evaluation has no such figure.")) from None
    if int(index) < 0 or not line.drills_down:
        raise NotFound(_("This evaluation has no such figure."))
    return line


def counted_records(snapshot: Snapshot, line: FigureLine) -> QuerySet[Any]:
    """The records the figure counted, for the snapshot's partner over the
    snapshot's window."""
    assert line.indicator is not None
    window = window_of(line.window_months, timezone.localdate(snapshot.evaluated_at), line.currency)
    return line.indicator.records_for(
        partner_id=snapshot.partnership.partner_id, window=window, parameter=line.parameter
    )


def described(line: FigureLine, records: Any) -> list[Counted]:
    assert line.indicator is not None
    return [line.indicator.counted_row(record) for record in records]


@dataclass(frozen=True)
class CountedRows:
    """The counted records described page by page: a slice reads and
    describes only that page (the API's pagination slices it)."""

    line: FigureLine
    records: QuerySet[Any]

    def __getitem__(self, rows: slice) -> list[Counted]:
        return described(self.line, self.records[rows])

    def __len__(self) -> int:
        return self.records.count()
