"""Which dates the data cover, and which periods they cover only in part.

A file that ends on 19 July counts half a year; put next to whole years, that
half looks like a fall in violence. So every period (year, quarter, month) that
the data do not cover entirely is flagged *partial*, and partial periods never
enter a change test, a target status or the headline.

The data's own dates decide, unless the office declares where its data end
(``--data-end``). The last incident rarely falls on the last day of a period,
so a short gap is allowed: a period counts as covered when the days between
the last incident and the period's end are fewer than the gap that would
happen by chance with probability 5% at the data's own pace (the last 365 days;
for a Poisson process with λ incidents a day, P(no incident in g days) =
exp(−λg), so g < ln 20 / λ), and never more than a month. The same rule
applies at the start of the data.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import Any

import ibis
import pandas as pd

from ovpkit.diagnosis.rates import Period, RateRow

#: Chance of a gap this long with no incident, below which the data are taken to stop.
GAP_CHANCE = 0.05
#: The longest gap ever allowed: a missing month is never read as a quiet month.
MAX_GAP_DAYS = 31


@dataclass(frozen=True)
class Coverage:
    """The first and last day the data cover (or were declared to cover)."""

    first: dt.date
    last: dt.date
    first_record: dt.date
    last_record: dt.date  # a monthly or yearly record covers its whole month or year
    declared: bool
    gap_days: int

    def covers(self, start: dt.date, end: dt.date) -> bool:
        """True when the data cover every day from ``start`` to ``end``."""
        return self.first <= start and end <= self.last


def data_coverage(t: ibis.Table, declared_end: dt.date | None = None) -> Coverage | None:
    """The dates the incidents cover; None when there are no dated incidents."""
    spans = t.group_by(precision=t.date_precision).aggregate(first=t.date.min(), last=t.date.max())
    frame = spans.to_pandas()
    frame = frame[frame["first"].notna()]
    if frame.empty:
        return None
    starts = [_as_date(v) for v in frame["first"]]
    ends = [
        _period_end(_as_date(v), str(p))
        for v, p in zip(frame["last"], frame["precision"], strict=True)
    ]
    first, last = min(starts), max(ends)
    gap = allowed_gap(_daily_pace(t, last))
    if declared_end is not None:
        return Coverage(first, declared_end, first, last, declared=True, gap_days=gap)
    slack = dt.timedelta(days=gap)
    return Coverage(first - slack, last + slack, first, last, declared=False, gap_days=gap)


def allowed_gap(per_day: float) -> int:
    """Days without an incident that chance explains (P ≥ 5%), capped at a month."""
    if per_day <= 0:
        return 0
    return min(MAX_GAP_DAYS, math.floor(math.log(1 / GAP_CHANCE) / per_day))


def _daily_pace(t: ibis.Table, last: dt.date) -> float:
    """Incident records a day over the data's last 365 days (day-dated rows only)."""
    since = last - dt.timedelta(days=365)
    daily = t.filter((t.date_precision == "day") & (t.date > since))
    n = int(daily.count().to_pandas() or 0)
    return n / 365


def mark_partial(
    rows: tuple[RateRow, ...], coverage: Coverage | None, period: Period
) -> tuple[RateRow, ...]:
    """The same rows, with ``partial`` set where the data do not cover the whole period."""
    if coverage is None:
        return rows
    return tuple(replace(r, partial=not coverage.covers(*period_bounds(r, period))) for r in rows)


def period_bounds(row: RateRow, period: Period) -> tuple[dt.date, dt.date]:
    """First and last day of the row's period."""
    if period == "year":
        return dt.date(row.year, 1, 1), dt.date(row.year, 12, 31)
    sub = int(row.period.split("-")[1].lstrip("Q"))
    first_month = sub if period == "month" else 3 * (sub - 1) + 1
    months = 1 if period == "month" else 3
    start = dt.date(row.year, first_month, 1)
    return start, _period_end(start, f"{months}m")


def _period_end(day: dt.date, precision: str) -> dt.date:
    """Last day of the period a date stands for (a yearly row stands for its whole year)."""
    if precision == "year":
        return dt.date(day.year, 12, 31)
    months = {"month": 1, "1m": 1, "3m": 3}.get(precision)
    if months is None:
        return day
    end = pd.Timestamp(day.year, day.month, 1) + pd.DateOffset(months=months) - pd.Timedelta(days=1)
    return end.date()


def _as_date(value: Any) -> dt.date:
    return pd.Timestamp(value).date()
