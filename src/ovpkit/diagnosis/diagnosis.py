"""The whole diagnosis of one source, as one immutable result.

This is criterion 3 of the report ("sound, regularly updated diagnoses") as
numbers: how many, where, when, who, how concentrated, and against what goal.
Heavy work runs on the engine through Ibis; what comes back is small.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import duckdb
import ibis

from ovpkit.diagnosis.affected import Affected, who_is_affected
from ovpkit.diagnosis.concentration import Concentration, concentration
from ovpkit.diagnosis.engine import Engine, incidents_table, population_frame, resolve_source
from ovpkit.diagnosis.hotspots import (
    DEFAULT_RESOLUTION,
    HotSpots,
    cell_counts,
    hot_spots,
    locations,
)
from ovpkit.diagnosis.rates import (
    ChangeRow,
    Period,
    RateRow,
    RollingRow,
    count_by,
    rate_rows,
    rolling_12_months,
    year_on_year,
)
from ovpkit.diagnosis.target import TargetStatus, baseline_and_target

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Diagnosis:
    """Everything the diagnosis found for one source; renderers only read it."""

    source: str
    area_level: str | None
    engine: str
    period: str
    first_date: str | None
    last_date: str | None
    focus_year: int | None
    trend: tuple[RateRow, ...]
    yearly: tuple[RateRow, ...]
    by_area: tuple[RateRow, ...]
    changes: tuple[ChangeRow, ...]
    rolling: tuple[RollingRow, ...]
    affected: Affected
    concentration: Concentration | None
    hex_concentration: Concentration | None
    hotspots: HotSpots | None
    target: TargetStatus | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Options:
    """What to compute; defaults suit a city's yearly diagnosis."""

    source: str | None = None
    period: Period = "year"
    by_area: bool = True
    engine: Engine = "duckdb"
    resolution: int = DEFAULT_RESOLUTION
    start_year: int | None = None
    target_year: int = 2030
    reduction: float = 0.5
    level: float = 0.95


def diagnose(
    con: duckdb.DuckDBPyConnection,
    options: Options = Options(),
    *,
    spark: Any = None,
    progress: Progress | None = None,
) -> Diagnosis:
    """Run every analysis for the chosen source on the chosen engine."""
    say = progress or (lambda _: None)
    selection = resolve_source(con, options.source)
    t = incidents_table(con, selection, engine=options.engine, spark=spark)
    population = population_frame(con, selection)
    first, last = _date_range(t)
    say("counting by period")
    trend = rate_rows(
        count_by(t, options.period, by_area=False), population, options.period, options.level
    )
    yearly = trend if options.period == "year" else rate_rows(
        count_by(t, "year", by_area=False), population, "year", options.level
    )  # fmt: skip
    by_area: tuple[RateRow, ...] = ()
    if options.by_area:
        say("counting by area")
        by_area = rate_rows(count_by(t, "year", by_area=True), population, "year", options.level)
    monthly = count_by(t, "month", by_area=False)
    focus = _focus_year(yearly, last)
    say("profiling victims")
    affected = who_is_affected(t)
    say("measuring concentration and hot spots")
    focus_t = t.filter(t.date.year() == focus) if focus is not None else t
    areas = _area_concentration(focus_t, population, focus)
    located = locations(focus_t)
    cells = cell_counts(located, options.resolution) if len(located) else {}
    hexes = concentration(cells, unit=f"H3 r{options.resolution}") if cells else None
    spots = hot_spots(cells, resolution=options.resolution) if cells else None
    return Diagnosis(
        source=selection.source, area_level=selection.area_level, engine=options.engine,
        period=options.period, first_date=first, last_date=last, focus_year=focus,
        trend=trend, yearly=yearly, by_area=by_area, changes=year_on_year(yearly, last),
        rolling=rolling_12_months(monthly), affected=affected, concentration=areas,
        hex_concentration=hexes, hotspots=spots, target=_target(yearly, options),
    )  # fmt: skip


def _date_range(t: ibis.Table) -> tuple[str | None, str | None]:
    """First and last date covered; a yearly or monthly row covers its whole period."""
    end = ibis.cases(
        (t.date_precision == "year", t.date + ibis.interval(days=364)),
        (t.date_precision == "month", t.date + ibis.interval(days=27)),
        else_=t.date,
    )
    row = t.aggregate(first=t.date.min(), last=end.max()).to_pandas().iloc[0]
    return (
        None if row["first"] is None else str(row["first"])[:10],
        None if row["last"] is None else str(row["last"])[:10],
    )


def _focus_year(yearly: tuple[RateRow, ...], last: str | None) -> int | None:
    """The latest complete year (the last one if the data stop before December)."""
    years = [r.year for r in yearly]
    if not years:
        return None
    if last and int(last[5:7]) < 12 and len(years) > 1 and years[-1] == int(last[:4]):
        return years[-2]
    return years[-1]


def _area_concentration(t: ibis.Table, population: Any, year: int | None) -> Concentration | None:
    grouped = t.filter(t.area_code.notnull()).group_by(area=t.area_code)
    frame = grouped.aggregate(victims=t["count"].sum()).to_pandas()
    if frame.empty:
        return None
    counts = {str(a): int(v) for a, v in zip(frame["area"], frame["victims"], strict=True)}
    places = population.loc[population["year"] == year, "area_code"] if year else []
    return concentration(counts, unit="area", all_places=[str(p) for p in places])


def _target(yearly: tuple[RateRow, ...], options: Options) -> TargetStatus | None:
    use_rates = bool(yearly) and all(r.rate is not None for r in yearly)
    values = {r.year: (r.rate if use_rates else float(r.victims)) for r in yearly}
    series = {y: float(v) for y, v in values.items() if v is not None}
    start = options.start_year or (min(series) + 3 if len(series) >= 4 else None)
    if start is None:
        return None
    return baseline_and_target(
        series, start_year=start, target_year=options.target_year, reduction=options.reduction
    )
