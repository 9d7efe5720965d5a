"""Benchmark: 10 million synthetic incidents, ovpkit (DuckDB + Ibis) against plain pandas.

Both sides do the same work from the same Parquet file: read and validate the
rows (bad dates set aside), counts and rates per 100,000 with exact Poisson
intervals by area and year, concentration (top 1/5/10%, Gini) and hot spots (H3
resolution 8, Gi*, Benjamini–Hochberg). Targets: ovpkit under 60 s and 3 GB peak
memory, at least 5x faster than pandas. Peak memory is the process's maximum
resident size (getrusage): the data are generated in a child process, ovpkit
runs first and its peak is read before pandas starts, so it is ovpkit's own
(plus the libraries both sides import). Imports, including the Ibis DuckDB
backend that Ibis would otherwise load on first use, happen before any timing.

    .venv/bin/python benchmarks/diagnosis.py [--rows 10000000]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import h3
import ibis.backends.duckdb  # noqa: F401  (loaded before timing, like pandas)
import pandas as pd

from ovpkit.diagnosis.concentration import concentration
from ovpkit.diagnosis.diagnosis import Options
from ovpkit.diagnosis.engine import incidents_table, population_frame, resolve_source
from ovpkit.diagnosis.hotspots import cell_counts, hot_spots, locations
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import Mapping
from ovpkit.diagnosis.rates import count_by, poisson_interval, rate_rows
from ovpkit.diagnosis.store import open_store

AREAS, PLACES, RESOLUTION = 500, 200_000, 8
MAPPING = Mapping.model_validate(
    {
        "name": "benchmark",
        "source": "synthetic",
        "area_level": "district",
        "fields": {
            "id": "id",
            "date": {"column": "date", "formats": ["%Y-%m-%d"]},
            "sex": "sex",
            "victim_age": "age",
            "area_code": "area",
            "lat": "lat",
            "lon": "lon",
        },
    }
)


def generate(path: Path, rows: int) -> None:
    """Skewed synthetic incidents at 200,000 block-level places; 0.1% bad dates."""
    duckdb.execute("SELECT setseed(0.42)")
    duckdb.execute(
        f"""COPY (
          WITH r AS (SELECT i, random() AS u, random() AS v, random() AS w FROM range({rows}) t(i))
          SELECT i AS id,
            CASE WHEN w < 0.001 THEN 'not a date'
                 ELSE strftime(DATE '2018-01-01' + CAST(floor(v * 1826) AS INTEGER),
                               '%Y-%m-%d') END AS date,
            CASE WHEN w < 0.85 THEN 'M' ELSE 'F' END AS sex,
            CAST(12 + floor(u * v * 70) AS INTEGER) AS age,
            CAST(floor(u * u * {PLACES}) AS BIGINT) AS place
          FROM r)
        TO '{path}.tmp' (FORMAT parquet)"""
    )
    duckdb.execute(
        f"""COPY (SELECT id, date, sex, age,
            'D' || lpad(CAST(place % {AREAS} AS VARCHAR), 3, '0') AS area,
            round(39.90 + (place // 500) / 400.0 * 0.2, 5) AS lat,
            round(-75.25 + (place % 500) / 500.0 * 0.25, 5) AS lon
          FROM read_parquet('{path}.tmp')) TO '{path}' (FORMAT parquet)"""
    )
    Path(f"{path}.tmp").unlink()


def population() -> pd.DataFrame:
    years = range(2018, 2023)
    return pd.DataFrame(
        [(f"D{a:03d}", y, 20_000 + 37 * a) for a in range(AREAS) for y in years],
        columns=["area_code", "year", "population"],
    )


def run_ovpkit(parquet: Path, folder: Path) -> dict[str, Any]:
    start = time.perf_counter()
    con = open_store(folder / "bench.duckdb")
    con.execute("SET threads = 2")
    report = ingest(con, parquet, MAPPING)
    stored = time.perf_counter()
    pop = population().assign(source="census", area_level="district", age_group=None, sex=None)
    con.register("pop_frame", pop)
    con.execute(
        "INSERT INTO population SELECT source, area_code, area_level, year, age_group, sex, "
        "population FROM pop_frame"
    )
    selection = resolve_source(con, None)
    t = incidents_table(con, selection)
    rates = rate_rows(count_by(t, "year", by_area=True), population_frame(con, selection), "year")
    by_area = t.group_by(area=t.area_code).aggregate(victims=t["count"].sum()).to_pandas()
    conc = concentration(dict(zip(by_area["area"], by_area["victims"], strict=True)), unit="area")
    spots = hot_spots(cell_counts(locations(t), RESOLUTION), resolution=RESOLUTION)
    con.close()
    assert Options().engine == "duckdb"
    store = [folder / "bench.duckdb", *(folder / "bench.duckdb.files").iterdir()]
    size = sum(p.stat().st_size for p in store) / 1e6
    print(f"  ovpkit ingestion into the store {stored - start:.1f} s ({size:.0f} MB with its "
          f"Parquet files), "
          f"analyses {time.perf_counter() - stored:.1f} s", flush=True)  # fmt: skip
    return {"loaded": report.loaded, "set_aside": report.quarantined, "rates": len(rates),
            "gini": conc.gini, "hot": len(spots.hot)}  # fmt: skip


def run_pandas(parquet: Path) -> dict[str, Any]:
    """What an analyst would write: pandas all the way, h3 called row by row."""
    df = pd.read_parquet(parquet)
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
    bad = df["date"].isna()
    set_aside = int(bad.sum())
    df = df[~bad].copy()
    df["sex"] = df["sex"].map({"M": "male", "F": "female"})
    df["year"] = df["date"].dt.year
    counts = df.groupby(["area", "year"]).size().rename("victims").reset_index()
    counts = counts.merge(population(), left_on=["area", "year"], right_on=["area_code", "year"])
    lower, upper = poisson_interval(counts["victims"].to_numpy())
    counts["rate"] = counts["victims"] / counts["population"] * 1e5
    counts["lower"] = lower / counts["population"] * 1e5
    counts["upper"] = upper / counts["population"] * 1e5
    by_area = df.groupby("area").size()
    conc = concentration(by_area.to_dict(), unit="area")
    df["cell"] = [
        h3.latlng_to_cell(a, b, RESOLUTION) for a, b in zip(df["lat"], df["lon"], strict=True)
    ]
    cells = df.groupby("cell").size()
    spots = hot_spots({str(k): int(v) for k, v in cells.items()}, resolution=RESOLUTION)
    return {"loaded": len(df), "set_aside": set_aside, "rates": len(counts), "gini": conc.gini,
            "hot": len(spots.hot)}  # fmt: skip


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def timed(label: str, work: Callable[[], dict[str, Any]]) -> tuple[float, dict[str, Any]]:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"{label:8s} {seconds:7.1f} s   peak so far {peak_gb():.2f} GB   {result}", flush=True)
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--generate", type=Path, help="only write the synthetic file (child)")
    args = parser.parse_args()
    rows = args.rows
    if args.generate is not None:
        generate(args.generate, rows)
        return
    with tempfile.TemporaryDirectory(prefix="ovpkit-bench-") as tmp:
        folder = Path(tmp)
        parquet = folder / "incidents.parquet"
        start = time.perf_counter()
        child = [sys.executable, __file__, "--rows", str(rows), "--generate", str(parquet)]
        subprocess.run(child, check=True)
        print(f"generated {rows:,} incidents in {time.perf_counter() - start:.1f} s "
              f"({parquet.stat().st_size / 1e6:.0f} MB Parquet)")  # fmt: skip
        ours, a = timed("ovpkit", lambda: run_ovpkit(parquet, folder))
        ours_peak = peak_gb()
        theirs, b = timed("pandas", lambda: run_pandas(parquet))
    same = {k: a[k] for k in ("loaded", "set_aside", "rates", "hot")} == {
        k: b[k] for k in ("loaded", "set_aside", "rates", "hot")
    } and abs(a["gini"] - b["gini"]) < 1e-9
    print(f"ovpkit {ours:.1f} s, peak {ours_peak:.2f} GB (target < 60 s, < 3 GB); "
          f"pandas peak {peak_gb():.2f} GB")  # fmt: skip
    print(f"pandas {theirs:.1f} s; ratio {theirs / ours:.1f}x (target >= 5x); same results: {same}")


if __name__ == "__main__":
    main()
