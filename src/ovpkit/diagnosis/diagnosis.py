"""The whole diagnosis of one source, as one immutable result.

This is criterion 3 of the report ("sound, regularly updated diagnoses") as
numbers: how many, where, when, who, how concentrated, and against what goal.
Heavy work runs on the engine through Ibis; what comes back is small.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb
import ibis
import pandas as pd

from ovpkit.diagnosis import boundaries
from ovpkit.diagnosis import polygons as areas_on_map
from ovpkit.diagnosis.affected import Affected, who_is_affected
from ovpkit.diagnosis.concentration import Concentration, concentration
from ovpkit.diagnosis.coverage import Coverage, data_coverage, mark_partial
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
    uncovered_areas,
    year_on_year,
)
from ovpkit.diagnosis.store import is_aggregate
from ovpkit.diagnosis.target import TargetStatus, baseline_and_target, default_start_year

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
    data_end: str | None  # the last day the data are taken to cover (declared or found)
    data_end_declared: bool
    gap_days: int  # days without records after the last one still read as covered
    has_population: bool
    focus_year: int | None  # the latest complete year: headline, where and who
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
    aggregate: bool = False  # rows are counts for an area and period (``unit: aggregate``)
    # Areas with victims but no population: their rates, and the city's, are not available.
    population_missing: tuple[str, ...] = ()
    population_areas: int = 0  # areas with victims, for "population for N of M areas"
    polygons: areas_on_map.PolygonSpots | None = None  # hot spots on --boundaries polygons

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
    data_end: dt.date | None = None  # declared last day covered by the data
    boundaries: Path | None = None  # GeoJSON polygons: hot spots on them too
    boundary_key: str | None = None  # the property holding each polygon's area code
    boundary_name: str | None = None  # the property holding each polygon's readable name


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
    cover = data_coverage(t, options.data_end)
    first, last = (cover.first_record.isoformat(), cover.last_record.isoformat()) if cover else (
        None, None)  # fmt: skip
    say("counting by period")
    where = count_by(t, "year", by_area=True)[["year", "area"]]
    trend = _rates(t, population, options.period, options.level, cover, where=where)
    yearly = trend if options.period == "year" else _rates(t, population, "year", options.level,
                                                           cover, where=where)  # fmt: skip
    by_area: tuple[RateRow, ...] = ()
    if options.by_area:
        say("counting by area")
        by_area = _rates(t, population, "year", options.level, cover, by_area=True)
    monthly = count_by(t, "month", by_area=False)
    focus = _focus_year(yearly)
    focus_t = t.filter(t.date.year() == focus) if focus is not None else t
    say("profiling victims")
    affected = who_is_affected(focus_t)
    say("measuring concentration and hot spots")
    areas = _area_concentration(focus_t, population, focus)
    located = locations(focus_t)
    cells = cell_counts(located, options.resolution) if len(located) else {}
    hexes = concentration(cells, unit=f"H3 r{options.resolution}") if cells else None
    spots = hot_spots(cells, resolution=options.resolution) if cells else None
    given = _polygon_spots(focus_t, population, focus, options)  # before is_aggregate's query
    return Diagnosis(
        source=selection.source, area_level=selection.area_level, engine=options.engine,
        period=options.period, first_date=first, last_date=last,
        data_end=cover.last.isoformat() if cover else None,
        data_end_declared=bool(cover and cover.declared),
        gap_days=cover.gap_days if cover else 0, has_population=not population.empty,
        focus_year=focus, trend=trend, yearly=yearly, by_area=by_area,
        changes=year_on_year(yearly),
        rolling=rolling_12_months(monthly), affected=affected, concentration=areas,
        hex_concentration=hexes, hotspots=spots, target=_target(yearly, options),
        aggregate=is_aggregate(con, selection.source),
        population_missing=_missing_population(where, population),
        population_areas=int(where["area"].nunique()),
        polygons=given,
    )  # fmt: skip


def _polygon_spots(
    t: ibis.Table, population: pd.DataFrame, year: int | None, options: Options
) -> areas_on_map.PolygonSpots | None:
    """Victims of the focus year placed in the boundaries' polygons, and their hot spots."""
    if options.boundaries is None:
        return None
    shapes = boundaries.polygons(options.boundaries, options.boundary_key, options.boundary_name)
    placement = areas_on_map.place(areas_on_map.victim_points(t), shapes)
    focus = population.loc[population["year"] == year] if year is not None else population[:0]
    people = {str(a): float(p) for a, p in zip(focus["area_code"], focus["population"],
                                               strict=True) if p and p > 0}  # fmt: skip
    return areas_on_map.polygon_spots(placement, shapes, people, key=options.boundary_key or "")


def _missing_population(where: pd.DataFrame, population: pd.DataFrame) -> tuple[str, ...]:
    """Areas with victims lacking a population in some year (none when none is loaded)."""
    if population.empty:
        return ()
    return tuple(sorted({str(a) for a in uncovered_areas(where, population)["area"]}))


def _rates(
    t: ibis.Table,
    population: Any,
    period: Period,
    level: float,
    cover: Coverage | None,
    *,
    by_area: bool = False,
    where: pd.DataFrame | None = None,
) -> tuple[RateRow, ...]:
    """Counts and rates per period, each flagged when the data cover it only in part.

    ``where`` (the areas with victims each year) keeps a city-wide rate from
    dividing every victim by the population of only some areas.
    """
    counts = count_by(t, period, by_area=by_area)
    rows = rate_rows(counts, population, period, level, victim_areas=where)
    return mark_partial(rows, cover, period)


def _focus_year(yearly: tuple[RateRow, ...]) -> int | None:
    """The latest complete year (the latest year at all when none is complete)."""
    complete = [r.year for r in yearly if not r.partial]
    years = complete or [r.year for r in yearly]
    return max(years) if years else None


def _area_concentration(t: ibis.Table, population: Any, year: int | None) -> Concentration | None:
    grouped = t.filter(t.area_code.notnull()).group_by(area=t.area_code)
    frame = grouped.aggregate(victims=t["count"].sum()).to_pandas()
    if frame.empty:
        return None
    counts = {str(a): int(v) for a, v in zip(frame["area"], frame["victims"], strict=True)}
    places = population.loc[population["year"] == year, "area_code"] if year else []
    return concentration(counts, unit="area", all_places=[str(p) for p in places])


def _target(yearly: tuple[RateRow, ...], options: Options) -> TargetStatus | None:
    """Status against the target, from complete years only (rates when all are known).

    Without a chosen start year, the start is the latest complete year and the
    baseline the three complete years before it (see target.default_start_year).
    """
    complete = [r for r in yearly if not r.partial]
    use_rates = bool(complete) and all(r.rate is not None for r in complete)
    values = {r.year: (r.rate if use_rates else float(r.victims)) for r in complete}
    series = {y: float(v) for y, v in values.items() if v is not None}
    start = options.start_year or default_start_year(sorted(series))
    if start is None:
        return None
    return baseline_and_target(
        series, start_year=start, target_year=options.target_year, reduction=options.reduction,
        chosen=options.start_year is not None,
    )  # fmt: skip
