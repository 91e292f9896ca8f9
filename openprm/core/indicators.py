"""The tier indicators, contributed by the apps whose records they count.

A program's tiers require figures (closed-won revenue, approved
registrations, certified people, a manual score) that live in other apps.
The programs app evaluates them but must not name those apps: deals and
trainings are installed beside it, and the next app (ordering: ordered
revenue) adds its own. So an app declares `tier_indicators` on its
AppConfig, as it declares `home_blocks`, and the programs app reads the
registry. Indicators name their functions by dotted path, so apps.py
imports no models; `collect()` resolves them at start-up, so a misspelt
path stops start-up instead of an evaluation.

A measure is set-based: one call answers for every partner asked (or all),
so evaluating 10,000 partners is a handful of aggregate queries, never one
per partner.
"""

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, wraps
from typing import Any, Literal

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.module_loading import import_string

Unit = Literal["money", "count", "score"]


@dataclass(frozen=True)
class Figure:
    """One partner's value of an indicator and how many records made it."""

    value: Decimal
    counted: int


@dataclass(frozen=True)
class Incomplete:
    """A record an indicator could not count (an opportunity without a
    currency): evaluation reports it instead of counting it as zero."""

    partner_id: int
    record: str
    reason: str
    url: str = ""


@dataclass(frozen=True)
class Measurement:
    """What one indicator measured for the partners asked: a partner with
    nothing to count is absent from `figures` (its value is zero)."""

    figures: Mapping[int, Figure]
    incomplete: Sequence[Incomplete] = ()


@dataclass(frozen=True)
class Window:
    """The dates a figure is counted over, both included; `currency` is the
    program's (money indicators count only amounts in it)."""

    since: dt.date
    until: dt.date
    currency: str = ""


Measure = Callable[..., Measurement]
"""`def f(*, partner_ids: Collection[int] | None, window: Window,
parameter: str) -> Measurement`; `partner_ids=None` means every partner."""

Records = Callable[..., QuerySet[Any]]
"""`def f(*, partner_id: int, window: Window, parameter: str) -> QuerySet`:
exactly the records one partner's figure counted (PRG-11, the drill-down
of a snapshot's figure): their contributions add up to the figure."""


@dataclass(frozen=True)
class Counted:
    """One counted record as the drill-down lists it: what it is, the date
    that put it in the window, and what it adds to the figure (its amount
    for money, 1 for a count)."""

    pk: int
    label: str
    detail: str
    day: dt.date | None
    adds: Decimal
    url: str = ""


Row = Callable[[Any], Counted]
"""`def f(record) -> Counted`: one record of `records`, described."""


@dataclass(frozen=True)
class TierIndicator:
    """One indicator a tier requirement can name.

    `parameter_choices`, when set, is the dotted path of `def f() ->
    list[tuple[str, str]]`: the values a requirement picks from (the
    certification of "certified people per certification"). `records`
    lists what one partner's figure counted, for the drill-down, and
    `row` describes one of those records (`Counted`)."""

    code: str
    label: str | Promise
    unit: Unit
    measure: str
    records: str = ""
    row: str = ""
    parameter_label: str | Promise = ""
    parameter_choices: str = ""
    order: int = 100
    noun: str | Promise = ""
    """How the explanation names what is missing ("closed-won revenue" in
    "$88,000 more closed-won revenue"); the label in lower case by default."""

    @property
    def gap_noun(self) -> str:
        return str(self.noun) if self.noun else str(self.label).lower()

    def measure_for(
        self, *, partner_ids: Collection[int] | None, window: Window, parameter: str = ""
    ) -> Measurement:
        return _resolve(self.measure)(partner_ids=partner_ids, window=window, parameter=parameter)

    def records_for(self, *, partner_id: int, window: Window, parameter: str = "") -> QuerySet[Any]:
        return _resolve(self.records)(partner_id=partner_id, window=window, parameter=parameter)

    def counted_row(self, record: Any) -> Counted:
        return _resolve(self.row)(record)

    @property
    def drills_down(self) -> bool:
        return bool(self.records and self.row)

    def choices(self) -> list[tuple[str, str]]:
        return list(_resolve(self.parameter_choices)()) if self.parameter_choices else []


@cache
def _resolve(path: str) -> Callable[..., Any]:
    return import_string(path)


@cache
def collected() -> dict[str, TierIndicator]:
    """Every installed app's indicators by code, in order."""
    found = [
        indicator
        for config in apps.get_app_configs()
        for indicator in getattr(config, "tier_indicators", ())
    ]
    codes = [indicator.code for indicator in found]
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise ImproperlyConfigured(f"tier indicators declared twice: {', '.join(repeated)}")
    return {
        indicator.code: indicator
        for indicator in sorted(found, key=lambda indicator: (indicator.order, indicator.code))
    }


def indicator(code: str) -> TierIndicator:
    """The indicator a requirement names; KeyError for an unknown code."""
    return collected()[code]


def collect() -> None:
    """Resolve every indicator's functions at start-up (CoreConfig.ready)."""
    for found in collected().values():
        for path in (found.measure, found.records, found.row, found.parameter_choices):
            if not path:
                continue
            try:
                _resolve(path)
            except ImportError as error:
                raise ImproperlyConfigured(f"tier indicator {found.code!r}: {error}") from error


_pass: ContextVar[dict[Any, Any] | None] = ContextVar("indicator_pass", default=None)


@contextmanager
def one_pass() -> Iterator[None]:
    """One evaluation: indicators that read the same rows (revenue and won
    deals both group the won opportunities) share one query through
    `shared`, for as long as the pass lasts and no longer, so the next
    evaluation reads fresh data."""
    token = _pass.set({})
    try:
        yield
    finally:
        _pass.reset(token)


def shared(function: Callable[..., Any]) -> Callable[..., Any]:
    """Within `one_pass`, call `function` once per distinct (hashable)
    arguments; outside one, call it every time."""

    @wraps(function)
    def wrapper(*args: Any) -> Any:
        memo = _pass.get()
        if memo is None:
            return function(*args)
        key = (function, args)
        if key not in memo:
            memo[key] = function(*args)
        return memo[key]

    return wrapper
