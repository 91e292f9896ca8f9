"""A cart or quote as pages and the API show it: its lines in reading order
with their amounts, and the one-time and monthly totals apart (ORD-6)."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openprm.carts import prices
from openprm.carts.models import Line, Shopping


@dataclass(frozen=True)
class LineRow:
    line: Line
    depth: int
    one_time_amount: Decimal
    monthly_amount: Decimal

    @property
    def id(self) -> int:
        return self.line.pk


@dataclass(frozen=True)
class Summary:
    shopping: Shopping
    rows: list[LineRow]
    one_time_total: Decimal
    monthly_total: Decimal
    power_user: bool
    allowed_discount: Decimal

    @property
    def lines(self) -> list[LineRow]:
        return self.rows


def summarize(
    shopping: Shopping, lines: Sequence[Line], *, allowed: Decimal = Decimal(0)
) -> Summary:
    """`allowed`: the manual discount the viewer may give (0: none, the
    page offers no discount field)."""
    by_id = {line.pk: line for line in lines}
    rows = []
    for line, depth in prices.tree(lines):
        amounts = prices.line_amounts(line, by_id)
        rows.append(LineRow(line, depth, amounts.one_time, amounts.monthly))
    totals = prices.totals(lines)
    return Summary(
        shopping,
        rows,
        totals.one_time,
        totals.monthly,
        allowed > 0,
        allowed,
    )
