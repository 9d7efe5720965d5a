"""Counts and rates per 100,000 by area and period, with exact Poisson intervals.

Counting runs on the engine (Ibis); the small aggregated table then gets its
rates and intervals in NumPy. Rates for months and quarters are annualised
(×12, ×4) so they read on the same scale as yearly rates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import ibis
import numpy as np
import pandas as pd
from scipy import stats

Period = Literal["month", "quarter", "year"]
PER_YEAR: dict[str, int] = {"month": 12, "quarter": 4, "year": 1}
PER = 100_000


@dataclass(frozen=True)
class RateRow:
    """Victims in one period (and area), and the annualised rate per 100,000."""

    period: str
    year: int
    area: str | None
    victims: int
    victims_lower: float
    victims_upper: float
    records: int
    fatal: int
    population: int | None
    rate: float | None
    lower: float | None
    upper: float | None
    partial: bool = False  # the data do not cover the whole period (see coverage.py)


def period_filter(t: ibis.Table, period: Period) -> ibis.Table:
    """Rows dated precisely enough for the period (a yearly total has no month)."""
    if period == "year":
        return t
    return t.filter(t.date_precision.isin(["day", "month"]))


def count_by(t: ibis.Table, period: Period, *, by_area: bool) -> pd.DataFrame:
    """Victims, records and fatal victims per period (and area), on the engine."""
    t = period_filter(t, period)
    keys: dict[str, ibis.Value] = {"year": t.date.year().cast("int64")}
    if period != "year":
        keys["sub"] = (t.date.month() if period == "month" else t.date.quarter()).cast("int64")
    if by_area:
        keys["area"] = t.area_code
    grouped = t.group_by(**keys).aggregate(
        victims=t["count"].sum().cast("int64"),
        records=t.count().cast("int64"),
        fatal=t.fatal.ifelse(t["count"], 0).sum().cast("int64"),
    )
    frame = grouped.to_pandas()
    if "sub" not in frame:
        frame["sub"] = 0
    if "area" not in frame:
        frame["area"] = None
    frame["fatal"] = frame["fatal"].fillna(0)
    ordered: pd.DataFrame = frame.sort_values(["year", "sub", "area"], na_position="last")
    return ordered.reset_index(drop=True)


def poisson_interval(counts: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) interval for Poisson counts, from the chi-square distribution."""
    k = np.asarray(counts, dtype=float)
    alpha = 1.0 - level
    lower = np.where(k > 0, stats.chi2.ppf(alpha / 2, 2 * k) / 2, 0.0)
    upper = stats.chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
    return lower, upper


def period_label(year: int, sub: int, period: Period) -> str:
    if period == "month":
        return f"{year}-{sub:02d}"
    if period == "quarter":
        return f"{year}-Q{sub}"
    return str(year)


def rate_rows(
    counts: pd.DataFrame,
    population: pd.DataFrame,
    period: Period,
    level: float = 0.95,
    *,
    victim_areas: pd.DataFrame | None = None,
) -> tuple[RateRow, ...]:
    """Attach population (per area and year, or summed over areas) and compute rates.

    ``victim_areas`` (year, area: where the victims of each year were) lets a
    total be checked: a year whose victims fell in an area without population
    gets no total population, hence no rate, rather than all its victims over
    part of the city's residents.
    """
    frame = counts.copy()
    frame["population"] = _population_for(frame, population, victim_areas)
    lower, upper = poisson_interval(frame["victims"].to_numpy(), level)
    scale = PER * PER_YEAR[period] / frame["population"].to_numpy(dtype=float)
    frame["rate"] = frame["victims"].to_numpy() * scale
    frame["lower"], frame["upper"] = lower * scale, upper * scale
    frame["victims_lower"], frame["victims_upper"] = lower, upper
    return tuple(_rate_row(r, period) for r in frame.to_dict("records"))


def _rate_row(r: dict[Any, Any], period: Period) -> RateRow:
    return RateRow(
        period=period_label(int(r["year"]), int(r["sub"]), period),
        year=int(r["year"]),
        area=None if pd.isna(r["area"]) else str(r["area"]),
        victims=int(r["victims"]),
        victims_lower=float(r["victims_lower"]),
        victims_upper=float(r["victims_upper"]),
        records=int(r["records"]),
        fatal=int(r["fatal"]),
        population=None if pd.isna(r["population"]) else int(r["population"]),
        rate=_num(r["rate"]),
        lower=_num(r["lower"]),
        upper=_num(r["upper"]),
    )


def _population_for(
    frame: pd.DataFrame, population: pd.DataFrame, victim_areas: pd.DataFrame | None = None
) -> pd.Series:
    if population.empty:
        return pd.Series(np.nan, index=frame.index)
    if frame["area"].notna().any():
        keyed = population.set_index(["area_code", "year"])["population"]
        index = pd.MultiIndex.from_arrays([frame["area"], frame["year"]])
        return pd.Series(keyed.reindex(index).to_numpy(dtype=float), index=frame.index)
    totals = population.groupby("year")["population"].sum()
    if victim_areas is not None:
        totals = totals.drop(index=list(partial_years(victim_areas, population)), errors="ignore")
    return frame["year"].map(totals).astype(float)


def uncovered_areas(victim_areas: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """The (year, area) pairs with victims but no population (unknown areas left out)."""
    known = victim_areas.dropna(subset=["area"])
    if population.empty:
        return known.iloc[0:0]
    pairs = set(zip(population["area_code"].astype(str), population["year"], strict=True))
    mask = [
        (str(a), int(y)) not in pairs for a, y in zip(known["area"], known["year"], strict=True)
    ]
    return known[mask]


def partial_years(victim_areas: pd.DataFrame, population: pd.DataFrame) -> set[int]:
    """Years whose population does not cover every area with victims."""
    return {int(y) for y in uncovered_areas(victim_areas, population)["year"]}


def _num(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else float(value)


@dataclass(frozen=True)
class ChangeRow:
    """This year against the year before, with an exact test of the difference."""

    area: str | None
    year: int
    victims: int
    previous: int
    change: int | None
    percent: float | None
    p_value: float | None
    partial: bool


def year_on_year(rows: tuple[RateRow, ...]) -> tuple[ChangeRow, ...]:
    """Year-on-year change per area; the test conditions on the two years' total.

    Given both counts, the first is binomial with p = pop1/(pop1+pop2) (½ when the
    populations are unknown), which is the exact test for two Poisson rates. A pair
    with a partial year is listed (flagged) without a change or a test: half a year
    against a whole one is not a change in violence.
    """
    by_key = {(r.area, r.year): r for r in rows}
    changes: list[ChangeRow] = []
    for (area, year), row in sorted(by_key.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        before = by_key.get((area, year - 1))
        if before is not None:
            changes.append(_change(row, before))
    return tuple(changes)


def _change(row: RateRow, before: RateRow) -> ChangeRow:
    partial = row.partial or before.partial
    if partial:
        change, percent, p_value = None, None, None
    else:
        share = 0.5
        if row.population and before.population:
            share = row.population / (row.population + before.population)
        total = row.victims + before.victims
        p_value = float(stats.binomtest(row.victims, total, share).pvalue) if total else 1.0
        change = row.victims - before.victims
        percent = (row.victims / before.victims - 1) * 100 if before.victims else None
    return ChangeRow(
        area=row.area, year=row.year, victims=row.victims, previous=before.victims,
        change=change, percent=percent, p_value=p_value, partial=partial,
    )  # fmt: skip


@dataclass(frozen=True)
class RollingRow:
    month: str
    victims: int
    rolling_12: int | None


def rolling_12_months(monthly: pd.DataFrame) -> tuple[RollingRow, ...]:
    """Each month's count and the sum of the 12 months ending there (missing months are 0)."""
    if monthly.empty:
        return ()
    stamps = pd.to_datetime(
        {"year": monthly["year"], "month": monthly["sub"], "day": 1}
    ).dt.to_period("M")
    series = pd.Series(monthly["victims"].to_numpy(), index=stamps).groupby(level=0).sum()
    full = pd.period_range(series.index.min(), series.index.max(), freq="M")
    series = series.reindex(full, fill_value=0)
    rolled = series.rolling(12).sum()
    return tuple(
        RollingRow(str(month), int(v), None if np.isnan(r) else int(r))
        for month, v, r in zip(series.index, series.to_numpy(), rolled.to_numpy(), strict=True)
    )
