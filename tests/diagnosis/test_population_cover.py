"""A city-wide rate needs the population of the whole city, not of the areas that have one."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ovpkit.diagnosis.diagnosis import Options, diagnose
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import Mapping
from ovpkit.diagnosis.report import render_html

INCIDENTS = Mapping.model_validate({
    "name": "cover-incidents", "source": "city police", "area_level": "district",
    "fields": {"date": {"column": "date", "formats": ["%Y-%m-%d"]}, "area_code": "district"},
})  # fmt: skip
POPULATION = Mapping.model_validate({
    "name": "cover-population", "source": "census", "area_level": "district",
    "population": {"area_code": "district", "year": "year", "population": "residents"},
})  # fmt: skip


def _load(store: duckdb.DuckDBPyConnection, tmp_path: Path, districts_with_population: int) -> None:
    rows = ["date,district"] + [
        f"2021-{1 + i % 12:02d}-{1 + i % 28:02d},D{i % 10}" for i in range(600)
    ]
    (tmp_path / "incidents.csv").write_text("\n".join(rows) + "\n")
    pop = ["district,year,residents"] + [
        f"D{d},2021,{50_000 + d}" for d in range(districts_with_population)
    ]
    (tmp_path / "population.csv").write_text("\n".join(pop) + "\n")
    ingest(store, tmp_path / "incidents.csv", INCIDENTS)
    ingest(store, tmp_path / "population.csv", POPULATION)


def test_city_rate_is_not_available_when_population_covers_only_some_areas(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    _load(store, tmp_path, districts_with_population=2)

    result = diagnose(store, Options(data_end=None))

    year = next(r for r in result.yearly if r.year == 2021)
    areas = {r.area: r for r in result.by_area}
    assert year.rate is None and year.population is None
    assert areas["D0"].rate is not None and areas["D5"].rate is None
    assert result.population_missing == tuple(f"D{d}" for d in range(2, 10))
    assert "The population covers 2 of the 10 areas with victims" in render_html(result)


def test_city_rate_uses_the_whole_population_when_every_area_has_one(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    _load(store, tmp_path, districts_with_population=10)

    result = diagnose(store, Options())

    year = next(r for r in result.yearly if r.year == 2021)
    assert year.population == sum(50_000 + d for d in range(10))
    assert year.rate is not None and abs(year.rate - 600 / year.population * 1e5) < 1e-9
    assert result.population_missing == ()


def test_target_in_victims_says_so_when_the_city_rate_is_not_available(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    rows = ["date,district"] + [
        f"{y}-{1 + i % 12:02d}-{1 + i % 28:02d},D{i % 10}" for y in range(2018, 2023)
        for i in range(300)
    ]  # fmt: skip
    (tmp_path / "incidents.csv").write_text("\n".join(rows) + "\n")
    pop = ["district,year,residents"] + [f"D0,{y},50000" for y in range(2018, 2023)]
    (tmp_path / "population.csv").write_text("\n".join(pop) + "\n")
    ingest(store, tmp_path / "incidents.csv", INCIDENTS)
    ingest(store, tmp_path / "population.csv", POPULATION)

    page = render_html(diagnose(store, Options()))

    assert "Values are numbers of victims." in page
    assert "Values are rates per 100,000." not in page
